package dev.stepline.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes the states that no transition reaches, such as the steps after a {@code return}, because
 * Step Functions rejects a definition with unreachable states.
 */
final class UnreachableStates {
  private UnreachableStates() {}

  /** Removes unreachable states from {@code machine} and from every Map and Parallel inside it. */
  static void remove(ObjectNode machine) {
    ObjectNode states = (ObjectNode) machine.path("States");
    Set<String> reached = reachable(machine.path("StartAt").asText(), states);
    List<String> unreached = new ArrayList<>();
    states
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!reached.contains(name)) {
                unreached.add(name);
              }
            });
    states.remove(unreached);

    for (JsonNode state : states) {
      JsonNode processor = state.path("ItemProcessor");
      if (processor.isObject()) {
        remove((ObjectNode) processor);
      }
      for (JsonNode branch : state.path("Branches")) {
        remove((ObjectNode) branch);
      }
    }
  }

  private static Set<String> reachable(String startAt, JsonNode states) {
    Set<String> reached = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(startAt));
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (!reached.add(name)) {
        continue;
      }
      JsonNode state = states.path(name);
      addText(pending, state.path("Next"));
      addText(pending, state.path("Default"));
      for (JsonNode rule : state.path("Choices")) {
        addText(pending, rule.path("Next"));
      }
      for (JsonNode rule : state.path("Catch")) {
        addText(pending, rule.path("Next"));
      }
    }
    return reached;
  }

  private static void addText(Deque<String> pending, JsonNode name) {
    if (name.isTextual()) {
      pending.push(name.asText());
    }
  }
}
