package dev.stepline.compile;

import dev.stepline.task.SourcePosition;
import dev.stepline.task.Step;
import dev.stepline.task.StepInfo;
import dev.stepline.task.Task;
import dev.stepline.task.ToolDefinition;
import dev.stepline.task.Value;
import dev.stepline.task.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds task models in tests, with made-up source positions. */
final class Tasks {
  static final SourcePosition AT = new SourcePosition("task.yaml", 1, 1);

  private final String name;
  private final Map<String, Workflow> workflows = new LinkedHashMap<>();
  private final List<ToolDefinition> tools = new ArrayList<>();

  private Tasks(String name) {
    this.name = name;
  }

  static Tasks named(String name) {
    return new Tasks(name);
  }

  Tasks workflow(String workflowName, Step... steps) {
    workflows.put(workflowName, new Workflow(workflowName, List.of(steps), AT));
    return this;
  }

  Tasks declareTool(String toolName, String type) {
    tools.add(new ToolDefinition(toolName, type, null, new Value.MapOf(Map.of(), AT), AT));
    return this;
  }

  Task build() {
    return new Task(name, null, null, Map.of(), tools, workflows, AT);
  }

  static StepInfo info(String path) {
    return new StepInfo(path, null, null, Map.of(), AT);
  }

  static StepInfo info(String path, String label) {
    return new StepInfo(path, label, null, Map.of(), AT);
  }

  static Value expr(String source) {
    return new Value.Expression(source, 2, AT);
  }

  static Value literal(Object value) {
    return new Value.Literal(value, AT);
  }

  static Step evaluate(String path) {
    return new Step.Evaluate(info(path), new Value.MapOf(Map.of("x", expr("1")), AT));
  }

  static Step toolCall(String path, String toolName) {
    return new Step.ToolCall(info(path), toolName, null, new Value.MapOf(Map.of(), AT), null);
  }

  static Step ret(String path) {
    return new Step.Return(info(path), expr("_"));
  }

  static Step.Foreach foreach(String path, Step... body) {
    return new Step.Foreach(info(path), expr("_.items"), List.of(body));
  }

  static Step.MapReduce map(String path, int parallelism, Step... body) {
    return new Step.MapReduce(info(path), expr("_.items"), List.of(body), null, null, parallelism);
  }

  static Step.IfElse ifElse(String path, List<Step> then, List<Step> otherwise) {
    return new Step.IfElse(info(path), expr("_.ok"), then, otherwise);
  }

  static Step.Parallel parallel(String path, List<List<Step>> branches) {
    return new Step.Parallel(info(path), branches);
  }

  static Step.Workflow call(String path, String workflow) {
    return new Step.Workflow(info(path), workflow, new Value.MapOf(Map.of(), AT));
  }

  static Step.TryCatch tryCatch(String path, List<Step> trySteps, List<Step> catchSteps) {
    return new Step.TryCatch(info(path), trySteps, catchSteps);
  }

  static Step.Sleep sleep(String path, long seconds) {
    return new Step.Sleep(info(path), literal(seconds), null, null, null);
  }

  static Step.Error error(String path, String message) {
    return new Step.Error(info(path), literal(message));
  }

  static Step.WaitForInput waitForInput(String path) {
    return new Step.WaitForInput(info(path), literal("approve?"));
  }
}
