package dev.stepline.compile;

import dev.stepline.task.Step;
import dev.stepline.task.Task;
import dev.stepline.task.Value;
import dev.stepline.task.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes what each step of a task costs per run, from the same mapping of step kinds to states
 * that {@link MachineCompiler} emits; docs/compilation.md lists the numbers.
 */
final class CostModel {
  private final Task task;
  private final CallGraph calls;

  CostModel(Task task, CallGraph calls) {
    this.task = task;
    this.calls = calls;
  }

  /** Returns the cost of every step of the workflows that run from main, in file order. */
  List<StepCost> costs() {
    List<StepCost> costs = new ArrayList<>();
    for (String name : calls.reachableFromMain()) {
      Workflow workflow = task.workflows().get(name);
      Steps.forEach(workflow.steps(), step -> costs.add(costOf(name, step)));
    }
    return costs;
  }

  private StepCost costOf(String workflow, Step step) {
    String path = step.info().path();
    String kind = step.kindName();
    if (step instanceof Step.IfElse || step instanceof Step.Switch) {
      return new StepCost(workflow, path, kind, 2, 1, 2);
    } else if (step instanceof Step.Foreach || step instanceof Step.MapReduce) {
      return new StepCost(workflow, path, kind, 3, 2, 3);
    } else if (step instanceof Step.Parallel) {
      return new StepCost(workflow, path, kind, 2, 1, 2);
    } else if (step instanceof Step.Workflow call) {
      boolean nested = calls.isRecursive(call.workflow());
      return nested
          ? new StepCost(workflow, path, kind, 3, 2, 3)
          : new StepCost(workflow, path, kind, 2, 2, 2);
    } else if (step instanceof Step.TryCatch tryCatch) {
      int catchStates = tryCatch.trySteps().isEmpty() ? 0 : 1;
      return new StepCost(workflow, path, kind, catchStates, 0, 0);
    } else if (step instanceof Step.Sleep) {
      return new StepCost(workflow, path, kind, 1, 0, 1);
    } else if (step instanceof Step.Error error && error.message() instanceof Value.Literal) {
      return new StepCost(workflow, path, kind, 1, 0, 1);
    }
    return new StepCost(workflow, path, kind, 1, 1, 1);
  }
}
