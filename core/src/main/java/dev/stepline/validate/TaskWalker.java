package dev.stepline.validate;

import dev.stepline.task.Step;
import dev.stepline.task.Task;
import dev.stepline.task.ToolDefinition;
import dev.stepline.task.Value;
import dev.stepline.task.Workflow;
import java.util.List;
import java.util.Map;

/**
 * Visits every step of a task, nested steps included, and every value with its YAML path.
 *
 * <p>Steps are visited before their values and their nested steps, in file order.
 */
public final class TaskWalker {

  /** Receives the steps and values of a task; both methods do nothing by default. */
  public interface Visitor {
    default void step(Step step, String workflow) {}

    default void value(Value value, ValueSite site) {}
  }

  private final Visitor visitor;
  private final Task task;

  private TaskWalker(Visitor visitor, Task task) {
    this.visitor = visitor;
    this.task = task;
  }

  public static void walk(Task task, Visitor visitor) {
    TaskWalker walker = new TaskWalker(visitor, task);
    for (ToolDefinition tool : task.tools()) {
      walker.value(tool.spec(), "tools." + tool.name() + "." + tool.type(), null, null);
    }
    for (Workflow workflow : task.workflows().values()) {
      walker.steps(workflow.steps(), workflow.name());
    }
  }

  private void steps(List<Step> steps, String workflow) {
    for (Step step : steps) {
      step(step, workflow);
    }
  }

  private void step(Step step, String workflow) {
    visitor.step(step, workflow);
    StepValues values = new StepValues(step, workflow);
    step.info().input().forEach((name, value) -> values.add("input." + name, value));
    if (step instanceof Step.Prompt prompt) {
      values.add("prompt", prompt.prompt());
      values.add("model", prompt.model());
      values.addAll("settings", prompt.settings());
      values.addAll("template_variables", prompt.templateVariables());
      values.add("tools", prompt.tools());
    } else if (step instanceof Step.ToolCall tool) {
      values.add("arguments", tool.arguments());
    } else if (step instanceof Step.Evaluate evaluate) {
      values.add("evaluate", evaluate.value());
    } else if (step instanceof Step.WaitForInput wait) {
      values.add("wait_for_input.info", wait.prompt());
    } else if (step instanceof Step.Log log) {
      values.add("log", log.message());
    } else if (step instanceof Step.Set set) {
      values.add("set", set.values());
    } else if (step instanceof Step.Foreach foreach) {
      values.add("foreach.in", foreach.in());
      steps(foreach.body(), workflow);
    } else if (step instanceof Step.MapReduce map) {
      values.add("over", map.over());
      values.add("reduce", map.reduce());
      values.add("initial", map.initial());
      steps(map.map(), workflow);
    } else if (step instanceof Step.Parallel parallel) {
      parallel.branches().forEach(branch -> steps(branch, workflow));
    } else if (step instanceof Step.IfElse ifElse) {
      values.add("if", ifElse.condition());
      steps(ifElse.then(), workflow);
      steps(ifElse.otherwise(), workflow);
    } else if (step instanceof Step.Switch switchStep) {
      for (int i = 0; i < switchStep.cases().size(); i++) {
        Step.Case branch = switchStep.cases().get(i);
        values.add("switch[" + i + "].case", branch.condition());
        steps(branch.then(), workflow);
      }
    } else if (step instanceof Step.Sleep sleep) {
      values.add("sleep.seconds", sleep.seconds());
      values.add("sleep.minutes", sleep.minutes());
      values.add("sleep.hours", sleep.hours());
      values.add("sleep.days", sleep.days());
    } else if (step instanceof Step.Return returned) {
      values.add("return", returned.value());
    } else if (step instanceof Step.Workflow call) {
      values.add("arguments", call.arguments());
    } else if (step instanceof Step.Error error) {
      values.add("error", error.message());
    } else if (step instanceof Step.TryCatch tryCatch) {
      steps(tryCatch.trySteps(), workflow);
      steps(tryCatch.catchSteps(), workflow);
    }
  }

  /** Visits a value and, for lists and mappings, everything inside it. */
  private void value(Value value, String path, String workflow, Step step) {
    if (value == null) {
      return;
    }
    visitor.value(value, new ValueSite(path, workflow, step, task));
    if (value instanceof Value.ListOf list) {
      for (int i = 0; i < list.items().size(); i++) {
        value(list.items().get(i), path + "[" + i + "]", workflow, step);
      }
    } else if (value instanceof Value.MapOf map) {
      map.entries().forEach((key, item) -> value(item, path + "." + key, workflow, step));
    }
  }

  /** The fields of one step, visited with paths under the step's path. */
  private final class StepValues {
    private final Step step;
    private final String workflow;

    StepValues(Step step, String workflow) {
      this.step = step;
      this.workflow = workflow;
    }

    void add(String field, Value value) {
      value(value, step.info().path() + "." + field, workflow, step);
    }

    void addAll(String field, Map<String, Value> values) {
      values.forEach((key, value) -> add(field + "." + key, value));
    }
  }
}
