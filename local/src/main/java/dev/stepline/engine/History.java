package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The event history of one execution in the shape of Step Functions' GetExecutionHistory: each
 * event has an {@code id}, the {@code previousEventId} of the event that led to it, a {@code
 * timestamp}, a {@code type} and a details object named after the type.
 *
 * <p>Events are stored as plain values and turned into JSON only when the history is read, so
 * recording costs little while an execution runs.
 */
final class History {
  private final Clock clock;
  private final List<Event> events = new ArrayList<>();

  History(Clock clock) {
    this.clock = clock;
  }

  private record Event(
      long id,
      long previousEventId,
      Instant timestamp,
      String type,
      String detailsKey,
      Details details) {
    JsonNode toJson() {
      ObjectNode event = JsonNodeFactory.instance.objectNode();
      event.put("id", id);
      event.put("previousEventId", previousEventId);
      event.put("timestamp", timestamp.toString());
      event.put("type", type);
      if (detailsKey != null) {
        event.set(detailsKey, details.toJson());
      }
      return event;
    }
  }

  /**
   * The details of an event: fields kept as given, with JSON payloads written to text only when the
   * history is read.
   */
  static final class Details {
    private final List<Object> fields = new ArrayList<>(12);

    Details put(String key, String value) {
      fields.add(key);
      fields.add(value);
      return this;
    }

    Details put(String key, long value) {
      fields.add(key);
      fields.add(value);
      return this;
    }

    Details set(String key, JsonNode value) {
      fields.add(key);
      fields.add(value);
      return this;
    }

    /** Adds {@code value} as JSON text, as Step Functions reports inputs and outputs. */
    Details putJson(String key, JsonNode value) {
      fields.add(key);
      fields.add(new JsonText(value));
      return this;
    }

    private record JsonText(JsonNode value) {}

    ObjectNode toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      for (int i = 0; i < fields.size(); i += 2) {
        String key = (String) fields.get(i);
        Object value = fields.get(i + 1);
        if (value instanceof JsonText text) {
          node.put(key, text.value() == null ? "null" : Json.write(text.value()));
        } else if (value instanceof JsonNode json) {
          node.set(key, json.deepCopy());
        } else if (value instanceof Long number) {
          node.put(key, number);
        } else {
          node.put(key, (String) value);
        }
      }
      return node;
    }
  }

  /**
   * Appends an event and returns its id.
   *
   * @param previousEventId the id of the event before it on the same path of control, 0 for none
   * @param detailsKey the name of the details field, or {@code null} for an event without details
   */
  synchronized long add(long previousEventId, String type, String detailsKey, Details details) {
    long id = events.size() + 1;
    events.add(new Event(id, previousEventId, clock.instant(), type, detailsKey, details));
    return id;
  }

  /** Returns the events so far as JSON, oldest first. */
  List<JsonNode> events() {
    List<Event> copy;
    synchronized (this) {
      copy = List.copyOf(events);
    }
    List<JsonNode> json = new ArrayList<>(copy.size());
    copy.forEach(event -> json.add(event.toJson()));
    return json;
  }

  /** Returns the event types so far, for messages. */
  synchronized List<String> types() {
    List<String> types = new ArrayList<>(events.size());
    events.forEach(event -> types.add(event.type()));
    return types;
  }

  static Details details() {
    return new Details();
  }
}
