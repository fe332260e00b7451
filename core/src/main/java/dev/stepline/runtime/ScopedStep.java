package dev.stepline.runtime;

import dev.stepline.expr.Py;
import dev.stepline.expr.PyTuple;
import dev.stepline.runtime.StepIndex.Located;
import dev.stepline.runtime.StepIndex.Role;
import dev.stepline.runtime.secrets.SecretMasker;
import dev.stepline.runtime.secrets.SecretsMapping;
import dev.stepline.runtime.store.Cursor;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.Failure;
import dev.stepline.runtime.store.StepRecord;
import dev.stepline.runtime.store.Transition;
import dev.stepline.runtime.store.TransitionType;
import dev.stepline.task.Step;
import dev.stepline.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The actions of one step in one scope: {@code step}, {@code condition}, {@code items}, ... */
final class ScopedStep {
  private static final Pattern TYPED_CAUSE =
      Pattern.compile("^([^\\s:]+): ([A-Za-z][\\w.]*): (.*)$", Pattern.DOTALL);

  private final ExecutionStore store;
  private final ExecutionRecord execution;
  private final Task task;
  private final Located located;
  private final Step step;
  private final String scope;
  private final ExpressionContext context;
  private final ScopeValues scopes;
  private final SecretsMapping secrets;
  private final SecretMasker masker;
  private final Map<String, Object> agent;
  private final ToolCalls toolCalls;
  private final PromptCalls promptCalls;

  ScopedStep(
      ExecutionStore store,
      ExecutionRecord execution,
      Task task,
      Located located,
      String scope,
      ExpressionContext context,
      SecretsMapping secrets,
      SecretMasker masker,
      Map<String, Object> agent,
      ToolCalls toolCalls,
      PromptCalls promptCalls) {
    this.store = store;
    this.execution = execution;
    this.task = task;
    this.located = located;
    this.step = located.step();
    this.scope = scope;
    this.context = context;
    this.scopes = context.scopes();
    this.secrets = secrets;
    this.masker = masker;
    this.agent = agent;
    this.toolCalls = toolCalls;
    this.promptCalls = promptCalls;
  }

  // ---- step

  /** Runs an action step and records its output, or records a wait when it needs an answer. */
  StepResult step(String token) {
    Optional<StepRecord> done = store.findStep(execution.id(), scope, located.path());
    if (done.isPresent() && done.get().hasOutput()) {
      return StepResult.EMPTY;
    }
    String input = openBlocks();
    Map<String, Object> names = context.namesFor(located, scope, input);
    if (waitsForAnswer()) {
      return waitForAnswer(token, input, names);
    }
    Object output = StepKinds.run(step, names, this);
    recordOutput(input, JsonValues.toJson(output));
    return StepResult.EMPTY;
  }

  private boolean waitsForAnswer() {
    if (step instanceof Step.WaitForInput) {
      return true;
    }
    return step instanceof Step.ToolCall call
        && toolCalls.definition(task, call).type().equals(ToolCalls.FUNCTION);
  }

  /**
   * Records the task token and the value shown to whoever answers, and marks the execution {@code
   * awaiting_input}; {@code resume} records the answer later.
   */
  private StepResult waitForAnswer(String token, String input, Map<String, Object> names) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException(
          "step "
              + located.path()
              + " waits for an answer, so its Task state must use"
              + " .waitForTaskToken and pass the task token");
    }
    Object shown = StepKinds.waitInfo(step, names, this);
    String shownJson = JsonValues.toJson(shown);
    recordStep(input, null);
    store.recordTransition(
        execution.id(),
        new Transition(
            TransitionType.WAIT,
            cursor(),
            masker.mask(shownJson),
            step.info().label(),
            Instant.now()));
    store.updateStatus(execution.id(), ExecutionStatus.AWAITING_INPUT);
    // The token goes last: a stored token is what makes the wait visible to callers, who may
    // resume at once, so every other record must already be there.
    store.putTaskToken(execution.id(), scope, located.path(), token);
    return StepResult.EMPTY;
  }

  // ---- condition

  /** Evaluates the condition of an {@code if} or the cases of a {@code switch}. */
  StepResult condition() {
    String input = openBlocks();
    Map<String, Object> names = context.namesFor(located, scope, input);
    int branch;
    if (step instanceof Step.IfElse ifElse) {
      boolean holds = Py.isTruthy(ValueEvaluator.evaluate(ifElse.condition(), names));
      branch = holds ? 0 : ifElse.otherwise().isEmpty() ? -1 : 1;
    } else if (step instanceof Step.Switch switchStep) {
      branch = firstMatchingCase(switchStep, names);
    } else {
      throw wrongAction("condition", "if or switch");
    }
    recordStep(input, null);
    return new StepResult(branch, null, null);
  }

  private static int firstMatchingCase(Step.Switch switchStep, Map<String, Object> names) {
    List<Step.Case> cases = switchStep.cases();
    for (int i = 0; i < cases.size(); i++) {
      Step.Case branch = cases.get(i);
      if (branch.isDefault() || Py.isTruthy(ValueEvaluator.evaluate(branch.condition(), names))) {
        return i;
      }
    }
    return -1;
  }

  // ---- items

  /** Evaluates the collection of a {@code foreach} or {@code map} and stores it. */
  StepResult items() {
    String input = openBlocks();
    Map<String, Object> names = context.namesFor(located, scope, input);
    Object collection;
    if (step instanceof Step.Foreach foreach) {
      collection = ValueEvaluator.evaluate(foreach.in(), names);
    } else if (step instanceof Step.MapReduce map) {
      collection = ValueEvaluator.evaluate(map.over(), names);
    } else {
      throw wrongAction("items", "foreach or map");
    }
    List<String> items = new ArrayList<>();
    for (Object item : asList(collection)) {
      items.add(JsonValues.toJson(item));
    }
    List<String> stored = store.putCollection(execution.id(), scope, located.path(), items);
    recordStep(input, null);
    List<Integer> indices = new ArrayList<>(stored.size());
    for (int i = 0; i < stored.size(); i++) {
      indices.add(i);
      openScope(ScopeId.iteration(scope, located.path(), i), located.workflow());
    }
    return new StepResult(null, indices, null);
  }

  private List<?> asList(Object collection) {
    if (collection instanceof List<?> list) {
      return list;
    }
    if (collection instanceof PyTuple tuple) {
      return tuple.items();
    }
    throw new StepError(
        "TypeError",
        "the collection of "
            + step.kindName()
            + " must be a list (found "
            + Py.typeName(collection)
            + ")");
  }

  // ---- call

  /** Evaluates the arguments of a subworkflow call and stores them as the new scope's start. */
  StepResult call() {
    if (!(step instanceof Step.Workflow call)) {
      throw wrongAction("call", "workflow");
    }
    String input = openBlocks();
    Map<String, Object> names = context.namesFor(located, scope, input);
    Object arguments = ValueEvaluator.evaluate(call.arguments(), names);
    String callScope = ScopeId.call(scope, located.path());
    store.putScopeStart(execution.id(), callScope, JsonValues.toJson(arguments));
    recordStep(input, null);
    openScope(callScope, call.workflow());
    return new StepResult(null, null, callScope);
  }

  // ---- close

  /** Records the output of a loop, a {@code parallel} or a subworkflow call. */
  StepResult close() {
    String input = openBlocks();
    Object output;
    List<String> children = childScopes();
    if (step instanceof Step.MapReduce map && map.reduce() != null) {
      output = reduce(map, children, input);
    } else if (step instanceof Step.Workflow) {
      output = JsonValues.fromJson(scopes.underscore(children.get(0)));
    } else {
      List<Object> outputs = new ArrayList<>();
      for (String child : children) {
        outputs.add(JsonValues.fromJson(scopes.underscore(child)));
      }
      output = outputs;
    }
    String outputJson = JsonValues.toJson(output);
    for (String child : children) {
      store.recordTransition(
          execution.id(),
          new Transition(
              TransitionType.FINISH_BRANCH,
              new Cursor(located.workflow(), located.path(), child),
              masker.mask(scopes.underscore(child)),
              null,
              Instant.now()));
    }
    recordOutput(input, outputJson);
    return StepResult.EMPTY;
  }

  private List<String> childScopes() {
    List<String> children = new ArrayList<>();
    String path = located.path();
    if (step instanceof Step.Foreach || step instanceof Step.MapReduce) {
      int size =
          store
              .findCollection(execution.id(), scope, path)
              .orElseThrow(
                  () ->
                      new StepError(
                          "LookupError",
                          "the collection of "
                              + path
                              + " is not stored; its items action has"
                              + " not run"))
              .size();
      for (int i = 0; i < size; i++) {
        children.add(ScopeId.iteration(scope, path, i));
      }
    } else if (step instanceof Step.Parallel parallel) {
      for (int b = 0; b < parallel.branches().size(); b++) {
        children.add(ScopeId.branch(scope, path, b));
      }
    } else if (step instanceof Step.Workflow) {
      children.add(ScopeId.call(scope, path));
    } else {
      throw wrongAction("close", "foreach, map, parallel or workflow");
    }
    return children;
  }

  /**
   * Folds the iteration outputs with the {@code reduce} expression, which sees the value so far as
   * {@code results} and each output as {@code _}. {@code results} starts as {@code initial}, or an
   * empty list.
   */
  private Object reduce(Step.MapReduce map, List<String> children, String input) {
    Map<String, Object> names = context.namesFor(located, scope, input);
    Object results =
        map.initial() == null ? new ArrayList<>() : ValueEvaluator.evaluate(map.initial(), names);
    for (String child : children) {
      Map<String, Object> foldNames = new LinkedHashMap<>(names);
      foldNames.put("results", results);
      foldNames.put("_", JsonValues.fromJson(scopes.underscore(child)));
      results = ValueEvaluator.evaluate(map.reduce(), foldNames);
    }
    return results;
  }

  // ---- catch

  /**
   * Makes the failure of the {@code try} block available as {@code error} to the {@code catch}
   * block. The failure normally is in the store already. A failure the runtime never saw (a
   * timeout, a crashed handler, a literal {@code error} step) is recorded from the {@code Error}
   * and {@code Cause} Step Functions caught, so that it becomes the block's latest failure.
   */
  StepResult catchFailure(Map<String, Object> caught) {
    Located tryCatch =
        step instanceof Step.TryCatch
            ? located
            : context
                .index()
                .enclosingCatch(located)
                .orElseThrow(() -> wrongAction("catch", "try_catch"));
    openBlocks();
    List<Failure> recorded = context.failuresOfTry(tryCatch, scope);
    Failure failure = failureFromError(caught, scope, tryCatch.path() + ".try", masker);
    boolean seen = recorded.stream().anyMatch(f -> f.path().equals(failure.path()));
    if (recorded.isEmpty() || (caught != null && !seen)) {
      store.recordFailure(execution.id(), failure);
    }
    return StepResult.EMPTY;
  }

  /**
   * Builds a failure from the {@code Error}/{@code Cause} object Step Functions caught. A cause of
   * the form {@code <path>: <type>: <message>} (what {@link StepFailedException} and the compiled
   * {@code error} steps write) gives the path, type and message; any other cause is the message and
   * {@code Error} the type.
   */
  static Failure failureFromError(
      Map<String, Object> caught, String scope, String path, SecretMasker masker) {
    String type = "States.Runtime";
    String message = "the execution failed without a recorded step failure";
    String failedPath = path == null ? "" : path;
    if (caught != null) {
      type = String.valueOf(caught.getOrDefault("Error", type));
      Object cause = caught.get("Cause");
      message = cause == null ? message : causeMessage(String.valueOf(cause));
      Matcher typed = TYPED_CAUSE.matcher(message);
      if (typed.matches()) {
        failedPath = typed.group(1);
        type = typed.group(2);
        message = typed.group(3);
      }
    }
    return new Failure(scope, failedPath, type, masker.mask(message));
  }

  /** Returns the {@code errorMessage} of a Lambda error object, or the cause as it is. */
  private static String causeMessage(String cause) {
    if (!cause.startsWith("{")) {
      return cause;
    }
    try {
      Object parsed = JsonValues.fromJson(cause);
      if (parsed instanceof Map<?, ?> object && object.get("errorMessage") instanceof String text) {
        return text;
      }
    } catch (IllegalArgumentException e) {
      // Not JSON after all: the cause is the message.
    }
    return cause;
  }

  // ---- shared

  /**
   * Records the input of every enclosing {@code if}, {@code switch} and {@code try_catch} step in
   * this scope that has no record yet, and returns {@code _} of the scope. The first action of a
   * block runs before any step of the block changes {@code _}, so {@code _} is the block's input.
   */
  private String openBlocks() {
    String input = scopes.underscore(scope);
    for (Located parent = located.parent(); parent != null; parent = parent.parent()) {
      Role role = roleOf(parent, located);
      if (role == Role.DO || role == Role.MAP || role == Role.BRANCH) {
        break;
      }
      Step block = parent.step();
      if (block instanceof Step.IfElse
          || block instanceof Step.Switch
          || block instanceof Step.TryCatch) {
        store.recordStep(execution.id(), record(parent.step(), input, null));
      }
    }
    return input;
  }

  /** Returns the role of the child of {@code parent} on the way down to {@code descendant}. */
  private static Role roleOf(Located parent, Located descendant) {
    Located child = descendant;
    while (child.parent() != parent) {
      child = child.parent();
    }
    return child.role();
  }

  private void openScope(String childScope, String workflow) {
    store.recordTransition(
        execution.id(),
        new Transition(
            TransitionType.INIT_BRANCH,
            new Cursor(workflow, "", childScope),
            masker.mask(scopes.startValue(childScope)),
            null,
            Instant.now()));
  }

  private void recordOutput(String input, String outputJson) {
    recordStep(input, outputJson);
    store.recordTransition(
        execution.id(),
        new Transition(
            TransitionType.STEP,
            cursor(),
            masker.mask(outputJson),
            step.info().label(),
            Instant.now()));
  }

  private void recordStep(String input, String outputJson) {
    store.recordStep(execution.id(), record(step, input, outputJson));
  }

  private StepRecord record(Step recorded, String input, String outputJson) {
    return new StepRecord(
        scope,
        recorded.info().path(),
        recorded.info().label(),
        recorded.info().output(),
        input,
        outputJson,
        0);
  }

  private Cursor cursor() {
    return new Cursor(located.workflow(), located.path(), scope);
  }

  private IllegalArgumentException wrongAction(String action, String expected) {
    return new IllegalArgumentException(
        "the "
            + action
            + " action applies to "
            + expected
            + " steps (found "
            + step.kindName()
            + " at "
            + located.path()
            + ")");
  }

  // ---- accessors for StepKinds

  ExecutionStore store() {
    return store;
  }

  ExecutionRecord execution() {
    return execution;
  }

  Task task() {
    return task;
  }

  SecretsMapping secrets() {
    return secrets;
  }

  Map<String, Object> agent() {
    return agent;
  }

  ToolCalls toolCalls() {
    return toolCalls;
  }

  PromptCalls promptCalls() {
    return promptCalls;
  }
}
