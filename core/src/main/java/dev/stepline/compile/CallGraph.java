package dev.stepline.compile;

import dev.stepline.task.Step;
import dev.stepline.task.Task;
import dev.stepline.task.Workflow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The workflow calls of a task: which workflows run from {@code main}, and which of them are
 * recursive (they can call themselves, directly or through others).
 *
 * <p>A recursive workflow cannot be copied into its callers' state machines, because the copy would
 * never end, so it compiles to a state machine of its own that its callers start as a nested
 * execution. Every other workflow call is inlined.
 */
final class CallGraph {
  private final Map<String, Set<String>> calls = new LinkedHashMap<>();

  CallGraph(Task task) {
    for (Workflow workflow : task.workflows().values()) {
      Set<String> callees = new LinkedHashSet<>();
      Steps.forEach(
          workflow.steps(),
          step -> {
            if (step instanceof Step.Workflow call
                && task.workflows().containsKey(call.workflow())) {
              callees.add(call.workflow());
            }
          });
      calls.put(workflow.name(), callees);
    }
  }

  /** Returns the workflows that run when {@code main} runs, {@code main} first, in file order. */
  Set<String> reachableFromMain() {
    Set<String> reached = new LinkedHashSet<>();
    reached.add("main");
    reached.addAll(reachableFrom("main"));
    Set<String> ordered = new LinkedHashSet<>();
    for (String name : calls.keySet()) {
      if (reached.contains(name)) {
        ordered.add(name);
      }
    }
    return ordered;
  }

  /** Returns whether {@code workflow} can call itself through one or more calls. */
  boolean isRecursive(String workflow) {
    return reachableFrom(workflow).contains(workflow);
  }

  private Set<String> reachableFrom(String workflow) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> pending = new ArrayDeque<>(calls.getOrDefault(workflow, Set.of()));
    while (!pending.isEmpty()) {
      String next = pending.pop();
      if (seen.add(next)) {
        pending.addAll(calls.getOrDefault(next, Set.of()));
      }
    }
    return seen;
  }
}
