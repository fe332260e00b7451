package dev.stepline.compile;

import dev.stepline.task.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Walks the steps of a workflow, nested blocks included, without following workflow calls. */
final class Steps {
  private Steps() {}

  /** Calls {@code visitor} on every step of {@code steps} and of their blocks, in file order. */
  static void forEach(List<Step> steps, Consumer<Step> visitor) {
    for (Step step : steps) {
      visitor.accept(step);
      for (List<Step> block : blocks(step)) {
        forEach(block, visitor);
      }
    }
  }

  /** Returns the blocks of steps that {@code step} contains, in file order. */
  static List<List<Step>> blocks(Step step) {
    if (step instanceof Step.Foreach foreach) {
      return List.of(foreach.body());
    } else if (step instanceof Step.MapReduce map) {
      return List.of(map.map());
    } else if (step instanceof Step.Parallel parallel) {
      return parallel.branches();
    } else if (step instanceof Step.IfElse ifElse) {
      return List.of(ifElse.then(), ifElse.otherwise());
    } else if (step instanceof Step.Switch switchStep) {
      return casesOf(switchStep);
    } else if (step instanceof Step.TryCatch tryCatch) {
      return List.of(tryCatch.trySteps(), tryCatch.catchSteps());
    }
    return List.of();
  }

  private static List<List<Step>> casesOf(Step.Switch switchStep) {
    List<List<Step>> blocks = new ArrayList<>();
    for (Step.Case c : switchStep.cases()) {
      blocks.add(c.then());
    }
    return blocks;
  }
}
