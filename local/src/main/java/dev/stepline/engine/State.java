package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One compiled state. Fields a state type does not use stay {@code null}; the parser fills the rest
 * from the definition once, so running a state parses nothing.
 */
final class State {
  /** An input or output field that is absent ({@code $}), {@code null} or a path. */
  record PathField(JsonPath path, boolean isNull) {
    static final PathField DEFAULT = new PathField(null, false);
  }

  /** A value read from a path or computed by an intrinsic function (ErrorPath, CausePath). */
  record Computed(JsonPath path, Intrinsics.Call call) {
    JsonNode evaluate(JsonNode input, JsonNode context) {
      if (call != null) {
        return call.evaluate(input, context);
      }
      JsonNode value = path.read(input, context);
      if (value == null) {
        throw StateFailure.runtime("Invalid path '" + path.text() + "': no value at this path");
      }
      return value;
    }
  }

  /** A rule of a Choice state with its target. */
  record Choice(ChoiceRule rule, String next) {}

  final String name;
  final String type;

  String next;
  boolean end;
  PathField inputPath = PathField.DEFAULT;
  PathField outputPath = PathField.DEFAULT;
  PathField resultPath = PathField.DEFAULT;
  PayloadTemplate parameters;
  PayloadTemplate resultSelector;
  List<Retrier> retriers = List.of();
  List<Catcher> catchers = List.of();

  JsonNode result;

  String resource;
  Integer timeoutSeconds;
  JsonPath timeoutSecondsPath;
  Integer heartbeatSeconds;
  JsonPath heartbeatSecondsPath;

  List<Choice> choices;
  String defaultNext;

  Double seconds;
  String timestamp;
  JsonPath secondsPath;
  JsonPath timestampPath;

  String error;
  String cause;
  Computed errorPath;
  Computed causePath;

  List<StateMachine> branches;

  JsonPath itemsPath;
  PayloadTemplate itemSelector;
  StateMachine itemProcessor;
  int maxConcurrency;
  JsonPath maxConcurrencyPath;

  State(String name, String type) {
    this.name = name;
    this.type = type;
  }
}
