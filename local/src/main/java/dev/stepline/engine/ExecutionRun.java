package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one execution of a state machine, state by state, and records its history. */
final class ExecutionRun {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionRun.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectNode TRUNCATED_FALSE = NODES.objectNode().put("truncated", false);

  private final AslEngine engine;
  private final Execution execution;
  private final StateMachine machine;
  private final History history;
  private final ObjectNode executionContext;
  private final ObjectNode machineContext;
  private final long deadlineNanos;
  private final TaskRunner tasks;

  ExecutionRun(AslEngine engine, Execution execution, StateMachine machine) {
    this.engine = engine;
    this.execution = execution;
    this.machine = machine;
    this.history = execution.historyLog();
    this.executionContext = NODES.objectNode();
    executionContext.put("Id", execution.arn());
    executionContext.set("Input", execution.input());
    executionContext.put("Name", execution.name());
    executionContext.put("RoleArn", engine.roleArn());
    executionContext.put("StartTime", Timestamps.format(execution.startDate()));
    executionContext.put("RedriveCount", 0);
    this.machineContext = NODES.objectNode();
    machineContext.put("Id", machine.arn());
    machineContext.put("Name", machine.name());
    this.deadlineNanos =
        machine.timeoutSeconds() == null
            ? Long.MAX_VALUE
            : System.nanoTime() + Duration.ofSeconds(machine.timeoutSeconds()).toNanos();
    this.tasks = new TaskRunner(engine, this);
  }

  History history() {
    return history;
  }

  /**
   * Runs the execution to its end and returns how it ended, turning every exception into a result.
   */
  ExecutionResult run() {
    History.Details started = History.details();
    started.putJson("input", execution.input());
    started.set("inputDetails", TRUNCATED_FALSE);
    started.put("roleArn", engine.roleArn());
    started.put("stateMachineArn", machine.arn());
    long startedId = history.add(0, "ExecutionStarted", "executionStartedEventDetails", started);
    Scope scope = new Scope(null, startedId);
    try {
      JsonNode output = runMachine(machine, execution.input(), scope);
      History.Details details = History.details();
      details.putJson("output", output);
      details.set("outputDetails", TRUNCATED_FALSE);
      history.add(
          scope.lastEventId, "ExecutionSucceeded", "executionSucceededEventDetails", details);
      return ExecutionResult.succeeded(output);
    } catch (StateFailure failure) {
      History.Details details = History.details();
      details.put("error", failure.error());
      details.put("cause", failure.cause());
      history.add(scope.lastEventId, "ExecutionFailed", "executionFailedEventDetails", details);
      return ExecutionResult.failed(ExecutionStatus.FAILED, failure.error(), failure.cause());
    } catch (EngineSignals.ExecutionTimedOut timeout) {
      History.Details details = History.details();
      details.put("error", StateFailure.TIMEOUT);
      details.put("cause", timeout.getMessage());
      history.add(scope.lastEventId, "ExecutionTimedOut", "executionTimedOutEventDetails", details);
      return ExecutionResult.failed(
          ExecutionStatus.TIMED_OUT, StateFailure.TIMEOUT, timeout.getMessage());
    } catch (EngineSignals.Cancelled cancelled) {
      history.add(scope.lastEventId, "ExecutionAborted", null, null);
      return ExecutionResult.failed(ExecutionStatus.ABORTED, null, cancelled.getMessage());
    } catch (RuntimeException internal) {
      LOG.error("execution {} failed inside the engine", execution.arn(), internal);
      String cause =
          internal instanceof EngineSignals.InvalidTransition
              ? internal.getMessage()
              : "internal engine error: " + internal;
      History.Details details = History.details();
      details.put("error", StateFailure.RUNTIME);
      details.put("cause", cause);
      history.add(scope.lastEventId, "ExecutionFailed", "executionFailedEventDetails", details);
      return ExecutionResult.failed(ExecutionStatus.FAILED, StateFailure.RUNTIME, cause);
    }
  }

  /** Runs a machine, branch or item processor from its StartAt to its end. */
  JsonNode runMachine(StateMachine current, JsonNode input, Scope scope) {
    String name = current.startAt();
    JsonNode data = input;
    while (true) {
      checkActive(scope);
      State state = current.states().get(name);
      Outcome outcome = runState(state, data, scope);
      if (outcome.next() == null) {
        return outcome.output();
      }
      name = outcome.next();
      data = outcome.output();
    }
  }

  private record Outcome(String next, JsonNode output) {}

  private Outcome runState(State state, JsonNode input, Scope scope) {
    Instant entered = engine.clock().instant();
    History.Details enteredDetails = History.details();
    enteredDetails.put("name", state.name);
    enteredDetails.putJson("input", input);
    enteredDetails.set("inputDetails", TRUNCATED_FALSE);
    scope.lastEventId =
        history.add(
            scope.lastEventId,
            state.type + "StateEntered",
            "stateEnteredEventDetails",
            enteredDetails);
    Outcome outcome;
    try {
      outcome =
          switch (state.type) {
            case "Choice" -> choose(state, input, context(state, entered, 0, null));
            case "Succeed" -> succeed(state, input, context(state, entered, 0, null));
            case "Fail" -> throw fail(state, input, context(state, entered, 0, null));
            default -> attempt(state, input, entered, scope);
          };
    } catch (StateFailure failure) {
      outcome = caught(state, input, failure);
    }
    History.Details exitedDetails = History.details();
    exitedDetails.put("name", state.name);
    exitedDetails.putJson("output", outcome.output());
    exitedDetails.set("outputDetails", TRUNCATED_FALSE);
    scope.lastEventId =
        history.add(
            scope.lastEventId,
            state.type + "StateExited",
            "stateExitedEventDetails",
            exitedDetails);
    return outcome;
  }

  private Outcome caught(State state, JsonNode input, StateFailure failure) {
    for (Catcher catcher : state.catchers) {
      if (ErrorMatcher.matches(catcher.errorEquals(), failure, state.type)) {
        require(state, Transitions.Step.CATCH);
        ObjectNode error = NODES.objectNode();
        error.put("Error", failure.error());
        if (failure.cause() != null) {
          error.put("Cause", failure.cause());
        }
        JsonNode output;
        if (catcher.discard()) {
          output = input;
        } else if (catcher.resultPath() == null) {
          output = error;
        } else {
          output = writeResult(catcher.resultPath(), input, error);
        }
        return new Outcome(catcher.next(), output);
      }
    }
    require(state, Transitions.Step.FAIL);
    throw failure;
  }

  private Outcome attempt(State state, JsonNode input, Instant entered, Scope scope) {
    int[] attempts = new int[state.retriers.size()];
    int retryCount = 0;
    while (true) {
      try {
        String token = state.waitsForTaskToken ? UUID.randomUUID().toString() : null;
        JsonNode output = runOnce(state, input, context(state, entered, retryCount, token), scope);
        require(state, state.end ? Transitions.Step.END : Transitions.Step.NEXT);
        return new Outcome(state.end ? null : state.next, output);
      } catch (StateFailure failure) {
        int index = matchingRetrier(state, failure);
        if (index < 0 || attempts[index] >= state.retriers.get(index).maxAttempts()) {
          throw failure;
        }
        require(state, Transitions.Step.RETRY);
        Retrier retrier = state.retriers.get(index);
        double delay =
            retrier.delaySeconds(attempts[index], ThreadLocalRandom.current()::nextDouble);
        attempts[index]++;
        retryCount++;
        sleep((long) (delay * 1000), scope);
      }
    }
  }

  private static int matchingRetrier(State state, StateFailure failure) {
    for (int i = 0; i < state.retriers.size(); i++) {
      if (ErrorMatcher.matches(state.retriers.get(i).errorEquals(), failure, state.type)) {
        return i;
      }
    }
    return -1;
  }

  /** Runs a state once: input processing, its work, then result and output processing. */
  private JsonNode runOnce(State state, JsonNode input, ObjectNode context, Scope scope) {
    JsonNode effective = applyInputPath(state, input, context);
    JsonNode result =
        switch (state.type) {
          case "Pass" -> pass(state, effective, context);
          case "Task" ->
              tasks.run(state, effective, parameters(state, effective, context), context, scope);
          case "Wait" -> waitState(state, effective, context, scope);
          case "Parallel" -> parallel(state, parameters(state, effective, context), scope);
          case "Map" -> map(state, effective, context, scope);
          default -> throw new IllegalStateException("no action for state type " + state.type);
        };
    if (state.type.equals("Wait")) {
      return applyOutputPath(state, result, context);
    }
    if (state.resultSelector != null) {
      result = state.resultSelector.apply(result, context);
    }
    return applyOutputPath(state, applyResultPath(state, input, result), context);
  }

  private JsonNode pass(State state, JsonNode effective, ObjectNode context) {
    if (state.result != null) {
      return state.result;
    }
    return parameters(state, effective, context);
  }

  private static JsonNode parameters(State state, JsonNode effective, ObjectNode context) {
    return state.parameters == null ? effective : state.parameters.apply(effective, context);
  }

  private Outcome choose(State state, JsonNode input, ObjectNode context) {
    JsonNode effective = applyInputPath(state, input, context);
    for (State.Choice choice : state.choices) {
      if (choice.rule().matches(effective, context)) {
        require(state, Transitions.Step.CHOICE);
        return new Outcome(choice.next(), applyOutputPath(state, effective, context));
      }
    }
    if (state.defaultNext != null) {
      require(state, Transitions.Step.DEFAULT);
      return new Outcome(state.defaultNext, applyOutputPath(state, effective, context));
    }
    throw new StateFailure(
        StateFailure.NO_CHOICE_MATCHED,
        "No Choice rule matched and there is no Default in state '" + state.name + "'");
  }

  private Outcome succeed(State state, JsonNode input, ObjectNode context) {
    JsonNode output = applyOutputPath(state, applyInputPath(state, input, context), context);
    require(state, Transitions.Step.SUCCEED);
    return new Outcome(null, output);
  }

  private StateFailure fail(State state, JsonNode input, ObjectNode context) {
    String error = state.error;
    String cause = state.cause;
    if (state.errorPath != null) {
      error = textOf(state.errorPath.evaluate(input, context), "ErrorPath");
    }
    if (state.causePath != null) {
      cause = textOf(state.causePath.evaluate(input, context), "CausePath");
    }
    require(state, Transitions.Step.FAIL);
    return new StateFailure(error, cause);
  }

  private static String textOf(JsonNode value, String field) {
    if (!value.isTextual()) {
      throw StateFailure.runtime(field + " must select a string (found " + Json.write(value) + ")");
    }
    return value.asText();
  }

  private JsonNode waitState(State state, JsonNode effective, ObjectNode context, Scope scope) {
    long millis;
    if (state.seconds != null) {
      millis = (long) (state.seconds * 1000);
    } else if (state.timestamp != null) {
      millis = untilTimestamp(state.timestamp);
    } else if (state.secondsPath != null) {
      JsonNode seconds = state.secondsPath.read(effective, context);
      if (seconds == null || !seconds.isNumber() || seconds.asDouble() < 0) {
        throw StateFailure.runtime(
            "SecondsPath '"
                + state.secondsPath.text()
                + "' must select a number >= 0 (found "
                + (seconds == null ? "nothing" : Json.write(seconds))
                + ")");
      }
      millis = (long) (seconds.asDouble() * 1000);
    } else {
      JsonNode timestamp = state.timestampPath.read(effective, context);
      if (timestamp == null
          || !timestamp.isTextual()
          || ChoiceRule.parseTimestamp(timestamp.asText()) == null) {
        throw StateFailure.runtime(
            "TimestampPath '"
                + state.timestampPath.text()
                + "' must select an RFC 3339 timestamp (found "
                + (timestamp == null ? "nothing" : Json.write(timestamp))
                + ")");
      }
      millis = untilTimestamp(timestamp.asText());
    }
    sleep(millis, scope);
    return effective;
  }

  private long untilTimestamp(String timestamp) {
    Instant target = ChoiceRule.parseTimestamp(timestamp).toInstant();
    return Math.max(0, Duration.between(engine.clock().instant(), target).toMillis());
  }

  private JsonNode parallel(State state, JsonNode input, Scope scope) {
    scope.lastEventId = history.add(scope.lastEventId, "ParallelStateStarted", null, null);
    List<Branches.Job> jobs = new ArrayList<>();
    for (StateMachine branch : state.branches) {
      jobs.add(child -> runMachine(branch, input, child));
    }
    try {
      JsonNode result = new Branches(engine.pool(), scope, 0).runAll(jobs);
      scope.lastEventId = history.add(scope.lastEventId, "ParallelStateSucceeded", null, null);
      return result;
    } catch (StateFailure failure) {
      scope.lastEventId = history.add(scope.lastEventId, "ParallelStateFailed", null, null);
      throw failure;
    }
  }

  private JsonNode map(State state, JsonNode effective, ObjectNode context, Scope scope) {
    JsonNode items = state.itemsPath == null ? effective : state.itemsPath.read(effective, context);
    if (items == null || !items.isArray()) {
      throw StateFailure.runtime(
          "The Map state '"
              + state.name
              + "' needs an array of items (found "
              + (items == null ? "nothing" : Json.write(items))
              + ")");
    }
    int maxConcurrency = maxConcurrency(state, effective, context);
    History.Details started = History.details();
    started.put("length", items.size());
    scope.lastEventId =
        history.add(scope.lastEventId, "MapStateStarted", "mapStateStartedEventDetails", started);
    List<Branches.Job> jobs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      jobs.add(mapIteration(state, effective, context, i, items.get(i)));
    }
    try {
      JsonNode result = new Branches(engine.pool(), scope, maxConcurrency).runAll(jobs);
      scope.lastEventId = history.add(scope.lastEventId, "MapStateSucceeded", null, null);
      return result;
    } catch (StateFailure failure) {
      scope.lastEventId = history.add(scope.lastEventId, "MapStateFailed", null, null);
      throw failure;
    }
  }

  private Branches.Job mapIteration(
      State state, JsonNode effective, ObjectNode context, int index, JsonNode item) {
    return child -> {
      History.Details details = History.details();
      details.put("name", state.name);
      details.put("index", index);
      child.lastEventId =
          history.add(
              child.lastEventId, "MapIterationStarted", "mapIterationStartedEventDetails", details);
      JsonNode itemInput = item;
      if (state.itemSelector != null) {
        ObjectNode itemContext = context.deepCopy();
        ObjectNode mapItem = itemContext.putObject("Map").putObject("Item");
        mapItem.put("Index", index);
        mapItem.set("Value", item);
        itemInput = state.itemSelector.apply(effective, itemContext);
      }
      try {
        JsonNode output = runMachine(state.itemProcessor, itemInput, child);
        child.lastEventId =
            history.add(
                child.lastEventId,
                "MapIterationSucceeded",
                "mapIterationSucceededEventDetails",
                details);
        return output;
      } catch (StateFailure failure) {
        history.add(
            child.lastEventId, "MapIterationFailed", "mapIterationFailedEventDetails", details);
        throw failure;
      }
    };
  }

  private static int maxConcurrency(State state, JsonNode effective, ObjectNode context) {
    if (state.maxConcurrencyPath == null) {
      return state.maxConcurrency;
    }
    JsonNode value = state.maxConcurrencyPath.read(effective, context);
    if (value == null || !value.canConvertToExactIntegral() || value.asInt() < 0) {
      throw StateFailure.runtime(
          "MaxConcurrencyPath '"
              + state.maxConcurrencyPath.text()
              + "' must select an integer >= 0 (found "
              + (value == null ? "nothing" : Json.write(value))
              + ")");
    }
    return value.asInt();
  }

  /**
   * Builds the context object ({@code $$}) that a state reads, or returns {@code null} for a state
   * that never reads it.
   */
  ObjectNode context(State state, Instant entered, int retryCount, String taskToken) {
    if (!state.usesContext) {
      return null;
    }
    ObjectNode context = NODES.objectNode();
    context.set("Execution", executionContext);
    ObjectNode stateNode = context.putObject("State");
    stateNode.put("EnteredTime", Timestamps.format(entered));
    stateNode.put("Name", state.name);
    stateNode.put("RetryCount", retryCount);
    context.set("StateMachine", machineContext);
    if (taskToken != null) {
      context.putObject("Task").put("Token", taskToken);
    }
    return context;
  }

  private static JsonNode applyInputPath(State state, JsonNode input, ObjectNode context) {
    return select(state.inputPath, input, context);
  }

  private static JsonNode applyOutputPath(State state, JsonNode output, ObjectNode context) {
    return select(state.outputPath, output, context);
  }

  private static JsonNode select(State.PathField field, JsonNode value, ObjectNode context) {
    if (field.isNull()) {
      return NODES.objectNode();
    }
    if (field.path() == null) {
      return value;
    }
    JsonNode selected = field.path().read(value, context);
    if (selected == null) {
      throw StateFailure.runtime(
          "Invalid path '"
              + field.path().text()
              + "' : No results for path in "
              + Json.write(value));
    }
    return selected;
  }

  private static JsonNode applyResultPath(State state, JsonNode input, JsonNode result) {
    if (state.resultPath.isNull()) {
      return input;
    }
    if (state.resultPath.path() == null) {
      return result;
    }
    return writeResult(state.resultPath.path(), input, result);
  }

  private static JsonNode writeResult(JsonPath path, JsonNode input, JsonNode result) {
    try {
      return path.write(input, result);
    } catch (IllegalStateException e) {
      throw new StateFailure(
          StateFailure.RESULT_PATH_MATCH_FAILURE,
          "Unable to apply ResultPath '"
              + path.text()
              + "' to input "
              + Json.write(input)
              + ": "
              + e.getMessage());
    }
  }

  private void require(State state, Transitions.Step step) {
    if (!Transitions.allows(state.type, step)) {
      throw new EngineSignals.InvalidTransition(machine.arn(), state, step, history.types());
    }
    engine.recordTransition(state.type, step);
  }

  void checkActive(Scope scope) {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new EngineSignals.ExecutionTimedOut(machine.timeoutSeconds());
    }
    if (execution.stopCause() != null) {
      throw new EngineSignals.Cancelled(execution.stopCause());
    }
    if (scope.isCancelled()) {
      throw new EngineSignals.Cancelled();
    }
  }

  /** Sleeps unless fast waits are on, and stops early for a timeout or cancellation. */
  void sleep(long millis, Scope scope) {
    if (engine.fastWaits() || millis <= 0) {
      checkActive(scope);
      return;
    }
    long end = System.nanoTime() + millis * 1_000_000;
    while (true) {
      checkActive(scope);
      long remaining = end - System.nanoTime();
      if (remaining <= 0) {
        return;
      }
      try {
        Thread.sleep(Math.max(1, Math.min(50, remaining / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineSignals.Cancelled();
      }
    }
  }
}
