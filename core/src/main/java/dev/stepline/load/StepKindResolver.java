package dev.stepline.load;

import dev.stepline.diag.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Decides which kind a step mapping is, from {@code kind:} or from the Julep key present, and
 * reports keys that do not belong to that kind.
 *
 * <p>Each problem gets one diagnostic at the key or value that causes it, never one per candidate
 * kind.
 */
final class StepKindResolver {

  private final LoadContext context;

  StepKindResolver(LoadContext context) {
    this.context = context;
  }

  /** Returns the step's kind, or empty after reporting why it has none. */
  Optional<StepKind> resolve(MappingNode step, Map<String, NodeTuple> entries, String path) {
    boolean explicit = entries.containsKey("kind");
    Optional<StepKind> kind =
        explicit
            ? explicitKind(entries.get("kind").getValueNode(), path)
            : julepKind(step, entries, path);
    if (kind.isEmpty()) {
      return kind;
    }
    String name =
        explicit ? kindValue(entries) : kind.get() == StepKind.MAP ? "map" : kind.get().key();
    boolean ok =
        checkKeys(kind.get(), name, entries, path)
            && checkRequired(kind.get(), name, step, entries, path);
    return ok ? kind : Optional.empty();
  }

  private static String kindValue(Map<String, NodeTuple> entries) {
    return ((org.yaml.snakeyaml.nodes.ScalarNode) entries.get("kind").getValueNode()).getValue();
  }

  /** Returns {@code a `name` step} or {@code an `name` step}. */
  static String aStep(String name) {
    return article(name) + " `" + name + "` step";
  }

  /** Returns the indefinite article for a word: {@code an} before a vowel, else {@code a}. */
  static String article(String word) {
    return !word.isEmpty() && "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  private Optional<StepKind> explicitKind(Node value, String path) {
    Optional<String> name = context.string(value, path + ".kind", "kind");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<StepKind> kind = StepKind.byKindName(name.get());
    if (kind.isEmpty()) {
      context.error(
          value,
          path + ".kind",
          "unknown step kind (found `"
              + YamlNodes.echo(name.get())
              + "`)"
              + Suggestions.closest(name.get(), StepKind.allKindNames())
                  .map(s -> "; did you mean `" + s + "`?")
                  .orElse("; use one of " + quoteAll(StepKind.allKindNames())));
    }
    return kind;
  }

  private Optional<StepKind> julepKind(
      MappingNode step, Map<String, NodeTuple> entries, String path) {
    List<String> markers =
        entries.keySet().stream().filter(StepKind.markerKeys()::contains).toList();
    if (markers.size() > 1) {
      Node second = entries.get(markers.get(1)).getKeyNode();
      context.error(
          second,
          path + "." + markers.get(1),
          "a step has exactly one kind (found both `"
              + markers.get(0)
              + "` and `"
              + markers.get(1)
              + "`); split it into two steps");
      return Optional.empty();
    }
    if (markers.size() == 1) {
      return StepKind.byKey(markers.get(0));
    }
    if (entries.containsKey("map")) {
      reportMapWithoutOver(entries.get("map"), path);
      return Optional.empty();
    }
    reportNoKind(step, entries, path);
    return Optional.empty();
  }

  /** Explains a {@code map} step that lacks {@code over}, the mistake of nesting it inside. */
  private void reportMapWithoutOver(NodeTuple map, String path) {
    Node value = map.getValueNode();
    if (value instanceof MappingNode inner) {
      List<String> misplaced =
          LoadContext.entries(inner).keySet().stream()
              .filter(StepKind.MAP.keys()::contains)
              .toList();
      if (!misplaced.isEmpty()) {
        context.error(
            map.getKeyNode(),
            path + ".map",
            "a map step needs `over` beside `map` (found "
                + quoteAll(misplaced)
                + " inside `map`); move "
                + quoteAll(misplaced)
                + " up to the step's level, next to `map`, and keep only the step to run for"
                + " each item under `map`");
        return;
      }
    }
    context.error(
        map.getKeyNode(),
        path + ".map",
        "a map step needs `over` beside `map` (found `map` alone); add `over: $ <list>` at the"
            + " step's level");
  }

  private void reportNoKind(MappingNode step, Map<String, NodeTuple> entries, String path) {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      if (StepKind.COMMON_KEYS.contains(entry.getKey())) {
        continue;
      }
      Optional<String> marker = Suggestions.closest(entry.getKey(), StepKind.markerKeys());
      if (marker.isPresent()) {
        context.error(
            entry.getValue().getKeyNode(),
            path + "." + entry.getKey(),
            "unknown step key `"
                + entry.getKey()
                + "` (the step matches no step kind); did you mean `"
                + marker.get()
                + "`?");
        return;
      }
    }
    String found =
        entries.isEmpty() ? "an empty mapping" : "keys " + quoteAll(List.copyOf(entries.keySet()));
    context.error(
        step,
        path,
        "the step matches no step kind (found "
            + found
            + "); give it one of "
            + quoteAll(StepKind.markerKeys())
            + ", or `kind:`");
  }

  private boolean checkKeys(
      StepKind kind, String stepName, Map<String, NodeTuple> entries, String path) {
    boolean ok = true;
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      String key = entry.getKey();
      if (kind.allowedKeys().contains(key)) {
        continue;
      }
      ok = false;
      Node keyNode = entry.getValue().getKeyNode();
      if (StepKind.byKey(key).isPresent() || key.equals("map")) {
        context.error(
            keyNode,
            path + "." + key,
            "a step has exactly one kind (found `"
                + key
                + "` in a `"
                + stepName
                + "` step); move it into a step of its own");
        continue;
      }
      context.error(
          keyNode,
          path + "." + key,
          "unknown key `"
              + key
              + "` in "
              + aStep(stepName)
              + Suggestions.closest(key, kind.allowedKeys())
                  .map(s -> "; did you mean `" + s + "`?")
                  .orElse("; " + aStep(stepName) + " takes " + quoteAll(allowed(kind))));
    }
    return ok;
  }

  private boolean checkRequired(
      StepKind kind,
      String stepName,
      MappingNode step,
      Map<String, NodeTuple> entries,
      String path) {
    List<String> missing = new ArrayList<>();
    switch (kind) {
      case EVALUATE -> {
        if (!entries.containsKey("evaluate") && !entries.containsKey("expression")) {
          missing.add(stepName.equals("transform") ? "expression" : "evaluate");
        }
      }
      case MAP -> requireAll(entries, missing, "over", "map");
      case IF -> requireAll(entries, missing, "if", "then");
      case TRY_CATCH -> requireAll(entries, missing, "try", "catch");
      default -> requireAll(entries, missing, kind.key());
    }
    if (missing.isEmpty()) {
      return true;
    }
    context.error(
        step,
        path,
        aStep(stepName)
            + " needs "
            + quoteAll(missing)
            + " (found keys "
            + quoteAll(List.copyOf(entries.keySet()))
            + "); add "
            + (missing.size() == 1 ? "it" : "them"));
    return false;
  }

  private static void requireAll(
      Map<String, NodeTuple> entries, List<String> missing, String... keys) {
    for (String key : keys) {
      if (!entries.containsKey(key)) {
        missing.add(key);
      }
    }
  }

  private static List<String> allowed(StepKind kind) {
    List<String> allowed = new ArrayList<>(kind.keys());
    allowed.addAll(List.of("label", "output", "input"));
    return allowed;
  }

  static String quoteAll(List<String> names) {
    return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
  }
}
