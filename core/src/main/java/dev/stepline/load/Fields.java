package dev.stepline.load;

import dev.stepline.diag.Suggestions;
import dev.stepline.task.SourcePosition;
import dev.stepline.task.StepInfo;
import dev.stepline.task.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** The entries of one mapping with their path, and typed access that reports errors. */
final class Fields {
  private final LoadContext context;
  private final Map<String, NodeTuple> entries;
  private final String path;

  Fields(LoadContext context, Map<String, NodeTuple> entries, String path) {
    this.context = context;
    this.entries = entries;
    this.path = path;
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  Node node(String key) {
    return entries.get(key).getValueNode();
  }

  Node keyNode(String key) {
    return entries.get(key).getKeyNode();
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  String path() {
    return path;
  }

  Map<String, NodeTuple> entries() {
    return entries;
  }

  Value value(String key) {
    return context.value(node(key), path(key));
  }

  Value expression(String key) {
    return context.expressionValue(node(key), path(key));
  }

  Optional<String> string(String key) {
    return context.string(node(key), path(key), key);
  }

  /**
   * Returns empty when the key is absent, the string when present, or {@code null} after a type
   * error.
   */
  Optional<String> optionalString(String key) {
    if (!has(key)) {
      return Optional.empty();
    }
    Optional<String> read = string(key);
    return read.isPresent() ? read : null;
  }

  Optional<Long> integer(String key) {
    return context.integer(node(key), path(key), key);
  }

  Optional<Boolean> bool(String key) {
    return context.bool(node(key), path(key), key);
  }

  Optional<Value.MapOf> mapValue(String key, String hint) {
    return context
        .mapping(node(key), path(key), key, hint)
        .map(mapping -> (Value.MapOf) context.value(mapping, path(key)));
  }

  /** Returns {@code arguments}, or the expression {@code _} (the previous output) when absent. */
  Value argumentsOrPrevious(StepInfo info) {
    return has("arguments") ? value("arguments") : new Value.Expression("_", 0, info.position());
  }

  /** Reports keys outside {@code allowed}; returns whether there were none. */
  boolean onlyKeys(String field, List<String> allowed) {
    boolean ok = true;
    for (NodeTuple tuple : entries.values()) {
      String key = ((ScalarNode) tuple.getKeyNode()).getValue();
      if (!allowed.contains(key)) {
        ok = false;
        context.error(
            tuple.getKeyNode(),
            path(key),
            "unknown key `"
                + key
                + "` in `"
                + field
                + "`"
                + Suggestions.closest(key, allowed)
                    .map(s -> "; did you mean `" + s + "`?")
                    .orElse("; `" + field + "` takes " + StepKindResolver.quoteAll(allowed)));
      }
    }
    return ok;
  }

  /**
   * Reports missing keys at {@code owner}; returns whether all were present.
   *
   * @param field what needs the keys, as the message names it: {@code "`foreach`"} or {@code "a
   *     tool"}
   */
  boolean require(Node owner, String field, String... keys) {
    List<String> missing = new ArrayList<>();
    for (String key : keys) {
      if (!has(key)) {
        missing.add(key);
      }
    }
    if (missing.isEmpty()) {
      return true;
    }
    context.error(
        owner,
        path,
        field
            + " needs "
            + StepKindResolver.quoteAll(missing)
            + " (found "
            + (entries.isEmpty()
                ? "no keys"
                : "keys " + StepKindResolver.quoteAll(List.copyOf(entries.keySet())))
            + "); add "
            + (missing.size() == 1 ? "it" : "them"));
    return false;
  }

  SourcePosition position(String key) {
    return context.position(node(key));
  }
}
