package dev.stepline.runtime;

import dev.stepline.runtime.StepIndex.Located;
import dev.stepline.runtime.secrets.SecretsMapping;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.Failure;
import dev.stepline.runtime.store.StepRecord;
import dev.stepline.task.ContextNames;
import dev.stepline.task.Task;
import dev.stepline.task.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds the names an expression of one step sees: {@code _}, {@code steps}, {@code inputs}, {@code
 * outputs}, {@code state}, {@code secrets}, {@code input}, {@code error} (inside a {@code catch}
 * block), {@code agent}, {@code execution}, {@code task}, and every named step output that has been
 * recorded.
 */
final class ExpressionContext {
  /** Names the runtime binds itself; a named output or input binding never hides them. */
  static final Set<String> RESERVED = ContextNames.BOUND;

  private static final Set<String> LAZY = Set.of("steps", "inputs", "outputs", "secrets");

  private final ExecutionStore store;
  private final ExecutionRecord execution;
  private final Task task;
  private final StepIndex index;
  private final ScopeValues scopes;
  private final Object secrets;
  private final Map<String, Object> agent;

  ExpressionContext(
      ExecutionStore store,
      ExecutionRecord execution,
      Task task,
      StepIndex index,
      Object secrets,
      Map<String, Object> agent) {
    this.store = store;
    this.execution = execution;
    this.task = task;
    this.index = index;
    this.scopes = new ScopeValues(store, execution.id());
    this.secrets = secrets;
    this.agent = agent;
  }

  ScopeValues scopes() {
    return scopes;
  }

  StepIndex index() {
    return index;
  }

  /** Returns the names for a step at {@code located} running in {@code scope}. */
  Map<String, Object> namesFor(Located located, String scope, String underscoreJson) {
    Map<String, Object> names = new LinkedHashMap<>();
    StepViews views = stepViews(located, scope, underscoreJson);
    bindNamedOutputs(names, views);
    names.put("_", JsonValues.fromJson(underscoreJson));
    names.put("steps", views.steps());
    names.put("inputs", views.inputs());
    names.put("outputs", views.outputs());
    names.put("state", state());
    names.put("secrets", secrets);
    names.put("input", JsonValues.fromJson(execution.input()));
    names.put("agent", agent);
    names.put("execution", executionInfo());
    names.put("task", taskInfo());
    caughtError(located, scope).ifPresent(error -> names.put("error", error));
    bindStepInput(names, located.step().info().input());
    noteSecretBindings(names);
    return names;
  }

  // Names bound to values read before an expression runs; the lazy ones (steps, inputs, outputs)
  // count their secret reads while the expression runs.
  private void noteSecretBindings(Map<String, Object> names) {
    if (!(secrets instanceof SecretsMapping mapping)) {
      return;
    }
    for (Map.Entry<String, Object> name : names.entrySet()) {
      if (!LAZY.contains(name.getKey())) {
        mapping.noteBinding(name.getKey(), name.getValue());
      }
    }
  }

  /**
   * Returns the latest failure the {@code try} block of {@code tryCatch} recorded in {@code scope}
   * or in a scope inside it. Earlier failures of the block were caught by a {@code try_catch}
   * nested in it, so the latest one is the failure that ended the block.
   */
  Optional<Failure> failureOfTry(Located tryCatch, String scope) {
    List<Failure> failures = failuresOfTry(tryCatch, scope);
    return failures.isEmpty() ? Optional.empty() : Optional.of(failures.get(failures.size() - 1));
  }

  /** Returns every failure the {@code try} block of {@code tryCatch} recorded, oldest first. */
  List<Failure> failuresOfTry(Located tryCatch, String scope) {
    String tryPrefix = tryCatch.path() + ".try";
    // NOTE: when branches of a parallel step inside the block fail at the same time, the latest
    // recorded failure may not be the one Step Functions reports for the parallel step.
    return store.failures(execution.id()).stream()
        .filter(f -> ScopeId.isWithin(f.scope(), scope) && f.path().startsWith(tryPrefix))
        .toList();
  }

  private StepViews stepViews(Located located, String scope, String underscoreJson) {
    String workflow = located.workflow();
    int size = task.workflows().get(workflow).steps().size();
    StepViews.Running running = running(located, scope, underscoreJson);
    Consumer<Object> reads =
        secrets instanceof SecretsMapping mapping ? mapping::noteRead : value -> {};
    return new StepViews(store, execution.id(), scopes, scope, workflow, size, running, reads);
  }

  /**
   * Returns the top-level step that is running: the step itself, or the block step around it. A
   * block step's input is the last output of its workflow's scope, because the steps inside it
   * record in scopes of their own (loops, branches) or the block step records its input first.
   */
  private StepViews.Running running(Located located, String scope, String underscoreJson) {
    Located top = located;
    while (top.parent() != null) {
      top = top.parent();
    }
    String workflowScope = workflowScope(scope);
    String input = top == located ? underscoreJson : scopes.underscore(workflowScope);
    String path = top.path();
    int index = Integer.parseInt(path.substring(path.lastIndexOf('[') + 1, path.length() - 1));
    return new StepViews.Running(workflowScope, path, index, top.step().info().label(), input);
  }

  /** Returns the scope of the workflow a step runs in: the main scope or a call's scope. */
  private static String workflowScope(String scope) {
    ScopeId id = ScopeId.parse(scope);
    while (id.kind() != ScopeId.Kind.MAIN && id.kind() != ScopeId.Kind.CALL) {
      id = ScopeId.parse(id.parent());
    }
    return id.id();
  }

  private void bindNamedOutputs(Map<String, Object> names, StepViews views) {
    for (String outputName : index.outputNames()) {
      if (RESERVED.contains(outputName)) {
        continue;
      }
      Optional<StepRecord> record = views.findByOutputName(outputName);
      if (record.isPresent()) {
        String output = scopes.stepOutput(record.get()).orElse(null);
        names.put(outputName, JsonValues.fromJson(output));
      }
    }
  }

  private Map<Object, Object> state() {
    Map<Object, Object> state = new LinkedHashMap<>();
    store.state(execution.id()).forEach((key, json) -> state.put(key, JsonValues.fromJson(json)));
    return state;
  }

  private Map<Object, Object> executionInfo() {
    Map<Object, Object> info = new LinkedHashMap<>();
    info.put("id", execution.id());
    info.put("task_id", execution.taskId());
    info.put("input", JsonValues.fromJson(execution.input()));
    info.put("status", execution.status().wireName());
    return info;
  }

  private Map<Object, Object> taskInfo() {
    Map<Object, Object> info = new LinkedHashMap<>();
    info.put("id", execution.taskId());
    info.put("name", task.name());
    info.put("metadata", JsonValues.fromJson(JsonValues.toJson(task.metadata())));
    return info;
  }

  private Optional<Map<Object, Object>> caughtError(Located located, String scope) {
    return index
        .enclosingCatch(located)
        .flatMap(tryCatch -> failureOfTry(tryCatch, scope))
        .map(ExpressionContext::errorValue);
  }

  static Map<Object, Object> errorValue(Failure failure) {
    Map<Object, Object> error = new LinkedHashMap<>();
    error.put("type", failure.type());
    error.put("message", failure.message());
    error.put("path", failure.path());
    return error;
  }

  /**
   * Evaluates the step's {@code input} bindings: each becomes a name of its own, and together they
   * replace {@code input}.
   */
  private static void bindStepInput(Map<String, Object> names, Map<String, Value> bindings) {
    if (bindings.isEmpty()) {
      return;
    }
    Map<Object, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Value> binding : bindings.entrySet()) {
      values.put(binding.getKey(), ValueEvaluator.evaluate(binding.getValue(), names));
    }
    names.put("input", values);
    for (Map.Entry<Object, Object> value : values.entrySet()) {
      String name = (String) value.getKey();
      if (!RESERVED.contains(name)) {
        names.put(name, value.getValue());
      }
    }
  }
}
