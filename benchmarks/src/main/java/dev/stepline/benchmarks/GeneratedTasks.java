package dev.stepline.benchmarks;

import dev.stepline.task.SourcePosition;
import dev.stepline.task.Step;
import dev.stepline.task.StepInfo;
import dev.stepline.task.Task;
import dev.stepline.task.Value;
import dev.stepline.task.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds large task models for benchmarks. */
public final class GeneratedTasks {
  private static final SourcePosition AT = new SourcePosition("generated.yaml", 1, 1);

  /** Steps in one group of {@link #withSteps}: every step kind that has states of its own. */
  public static final int STEPS_PER_GROUP = 10;

  private GeneratedTasks() {}

  /**
   * Returns a task whose main workflow has {@code steps} steps, nested ones included, in groups of
   * ten: an evaluate, an if with a then and an else step, a foreach over a tool call, a parallel
   * with two branches of one step, and a sleep.
   */
  public static Task withSteps(int steps) {
    List<Step> main = new ArrayList<>();
    for (int group = 0; group < steps / STEPS_PER_GROUP; group++) {
      addGroup(main);
    }
    Workflow workflow = new Workflow("main", main, AT);
    return new Task("generated", null, null, Map.of(), List.of(), Map.of("main", workflow), AT);
  }

  private static void addGroup(List<Step> main) {
    String at = "main[" + main.size() + "]";
    main.add(new Step.Evaluate(info(at), expression("_ + 1")));

    at = "main[" + main.size() + "]";
    main.add(
        new Step.IfElse(
            info(at),
            expression("_ > 10"),
            List.of(new Step.Evaluate(info(at + ".then[0]"), expression("_ * 2"))),
            List.of(new Step.Log(info(at + ".else[0]"), expression("_")))));

    at = "main[" + main.size() + "]";
    Step call =
        new Step.ToolCall(info(at + ".foreach.do[0]"), "search", null, expression("_"), null);
    main.add(new Step.Foreach(info(at), expression("_.items"), List.of(call)));

    at = "main[" + main.size() + "]";
    main.add(
        new Step.Parallel(
            info(at),
            List.of(
                List.of(new Step.Evaluate(info(at + ".parallel[0][0]"), expression("_"))),
                List.of(new Step.Evaluate(info(at + ".parallel[1][0]"), expression("_"))))));

    at = "main[" + main.size() + "]";
    main.add(new Step.Sleep(info(at), new Value.Literal(1L, AT), null, null, null));
  }

  private static StepInfo info(String path) {
    return new StepInfo(path, null, null, Map.of(), AT);
  }

  private static Value expression(String source) {
    return new Value.Expression(source, 2, AT);
  }
}
