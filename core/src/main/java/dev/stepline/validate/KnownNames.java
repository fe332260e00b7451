package dev.stepline.validate;

import dev.stepline.task.Step;
import dev.stepline.task.Task;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The names an expression or template may read at a place in a task: the context names the runtime
 * binds, {@code error} inside a {@code catch} block, {@code results} in a {@code reduce}, the
 * step's {@code input} bindings, and every step {@code output} name of the task.
 */
final class KnownNames {

  /** Names the runtime binds for every step. */
  static final Set<String> CONTEXT =
      Set.of(
          "_",
          "steps",
          "inputs",
          "outputs",
          "state",
          "secrets",
          "input",
          "agent",
          "execution",
          "task");

  private Task lastTask;
  private Set<String> lastOutputs = Set.of();

  /** Returns the names known at {@code site}, builtins and modules excluded. */
  Set<String> at(ValueSite site) {
    Set<String> names = new LinkedHashSet<>(CONTEXT);
    names.addAll(outputNames(site.task()));
    if (site.path().contains(".catch[")) {
      names.add("error");
    }
    if (site.path().endsWith(".reduce")) {
      names.add("results");
    }
    if (site.step() != null) {
      names.addAll(site.step().info().input().keySet());
    }
    return names;
  }

  private synchronized Set<String> outputNames(Task task) {
    if (task != lastTask) {
      Set<String> outputs = new LinkedHashSet<>();
      TaskWalker.walk(
          task,
          new TaskWalker.Visitor() {
            @Override
            public void step(Step step, String workflow) {
              if (step.info().output() != null) {
                outputs.add(step.info().output());
              }
            }
          });
      lastTask = task;
      lastOutputs = outputs;
    }
    return lastOutputs;
  }
}
