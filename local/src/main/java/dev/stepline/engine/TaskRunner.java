package dev.stepline.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the work of Task states: Lambda functions and other resources through the {@link
 * TaskHandler}, nested executions in the engine, and {@code .waitForTaskToken} callbacks.
 */
final class TaskRunner {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectNode TRUNCATED_FALSE = NODES.objectNode().put("truncated", false);

  private final AslEngine engine;
  private final ExecutionRun run;

  TaskRunner(AslEngine engine, ExecutionRun run) {
    this.engine = engine;
    this.run = run;
  }

  /**
   * Runs the Task state's resource with {@code parameters} and returns its result. The *Path
   * timeouts read the state's {@code effective} input, after InputPath and before Parameters.
   */
  JsonNode run(
      State state, JsonNode effective, JsonNode parameters, ObjectNode context, Scope scope) {
    Integer timeout = seconds(state.timeoutSeconds, state.timeoutSecondsPath, effective, context);
    Integer heartbeat =
        seconds(state.heartbeatSeconds, state.heartbeatSecondsPath, effective, context);
    boolean callback = state.waitsForTaskToken;
    String token = callback ? context.at("/Task/Token").asText() : null;
    ObjectNode taskContext = context;
    boolean lambdaEvents = state.resourceKind == TaskResources.Kind.LAMBDA_FUNCTION;
    scheduled(state, parameters, timeout, heartbeat, lambdaEvents, scope);
    try {
      JsonNode result =
          callback
              ? runWithCallback(state, parameters, taskContext, token, timeout, heartbeat, scope)
              : dispatch(state, parameters, taskContext, null, timeout, scope);
      finished(state, lambdaEvents ? "LambdaFunctionSucceeded" : "TaskSucceeded", result, scope);
      return result;
    } catch (StateFailure failure) {
      failed(state, failure, lambdaEvents, scope);
      throw failure;
    }
  }

  private JsonNode runWithCallback(
      State state,
      JsonNode parameters,
      ObjectNode context,
      String token,
      Integer timeout,
      Integer heartbeat,
      Scope scope) {
    PendingTask pending = engine.openTask(token);
    try {
      JsonNode submitted = dispatch(state, parameters, context, token, timeout, scope);
      String[] names = state.historyNames;
      History.Details details = History.details();
      details.put("resourceType", names[0]);
      details.put("resource", names[1]);
      details.putJson("output", submitted == null ? NODES.nullNode() : submitted);
      scope.lastEventId =
          run.history()
              .add(scope.lastEventId, "TaskSubmitted", "taskSubmittedEventDetails", details);
      return pending.await(timeout, heartbeat, () -> run.checkActive(scope));
    } finally {
      engine.closeTask(token);
    }
  }

  private JsonNode dispatch(
      State state,
      JsonNode parameters,
      ObjectNode context,
      String token,
      Integer timeout,
      Scope scope) {
    return switch (state.resourceKind) {
      case LAMBDA_INVOKE -> lambdaInvoke(state, parameters, context, token, timeout);
      case START_EXECUTION, START_EXECUTION_SYNC, START_EXECUTION_SYNC2 ->
          nested(state, parameters, token != null, scope);
      case LAMBDA_FUNCTION, OTHER ->
          callHandler(state.resource, parameters, token, context, timeout);
    };
  }

  private JsonNode lambdaInvoke(
      State state, JsonNode parameters, ObjectNode context, String token, Integer timeout) {
    JsonNode function = parameters.get("FunctionName");
    if (function == null || !function.isTextual()) {
      throw StateFailure.runtime(
          "The lambda:invoke state '" + state.name + "' needs a FunctionName string parameter");
    }
    JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : NODES.objectNode();
    JsonNode result = callHandler(function.asText(), payload, token, context, timeout);
    if (token != null) {
      return result;
    }
    ObjectNode wrapped = NODES.objectNode();
    wrapped.put("ExecutedVersion", "$LATEST");
    wrapped.set("Payload", result == null ? NODES.nullNode() : result);
    wrapped.put("StatusCode", 200);
    return wrapped;
  }

  private JsonNode callHandler(
      String resource, JsonNode parameters, String token, ObjectNode context, Integer timeout) {
    if (timeout == null) {
      return invokeHandler(resource, parameters, token, context);
    }
    Future<JsonNode> future =
        engine.pool().submit(() -> invokeHandler(resource, parameters, token, context));
    try {
      return future.get(timeout, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new StateFailure(StateFailure.TIMEOUT, "Task timed out after " + timeout + " seconds");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new StateFailure(e.getCause().getClass().getName(), e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new EngineSignals.Cancelled();
    }
  }

  private JsonNode invokeHandler(
      String resource, JsonNode parameters, String token, ObjectNode context) {
    try {
      JsonNode result = engine.taskHandler().invoke(resource, parameters, token, context);
      return result == null ? NODES.nullNode() : result;
    } catch (TaskFailedException e) {
      throw new StateFailure(e.error(), e.cause());
    } catch (StateFailure | EngineSignals.Cancelled e) {
      throw e;
    } catch (RuntimeException e) {
      // Lambda reports an unhandled exception with its class name as the error type.
      throw new StateFailure(e.getClass().getName(), String.valueOf(e.getMessage()));
    }
  }

  private JsonNode nested(State state, JsonNode parameters, boolean callback, Scope scope) {
    JsonNode machineArn = parameters.get("StateMachineArn");
    if (machineArn == null || !machineArn.isTextual()) {
      throw StateFailure.runtime(
          "The startExecution state '" + state.name + "' needs a StateMachineArn string parameter");
    }
    JsonNode input = nestedInput(parameters.get("Input"));
    String name = parameters.path("Name").asText(UUID.randomUUID().toString());
    Execution child;
    try {
      child = engine.startExecution(machineArn.asText(), name, input);
    } catch (IllegalArgumentException e) {
      throw new StateFailure("StepFunctions.StateMachineDoesNotExistException", e.getMessage());
    }
    TaskResources.Kind kind = state.resourceKind;
    if (kind == TaskResources.Kind.START_EXECUTION || callback) {
      ObjectNode started = NODES.objectNode();
      started.put("ExecutionArn", child.arn());
      started.put("StartDate", child.startDate().toEpochMilli());
      return started;
    }
    ExecutionResult result = awaitChild(child, scope);
    ObjectNode description =
        describe(child, result, kind == TaskResources.Kind.START_EXECUTION_SYNC2);
    if (result.status() != ExecutionStatus.SUCCEEDED) {
      throw new StateFailure(StateFailure.TASK_FAILED, Json.write(description));
    }
    return description;
  }

  private JsonNode nestedInput(JsonNode input) {
    if (input == null) {
      return NODES.objectNode();
    }
    if (!input.isTextual()) {
      return input;
    }
    try {
      return Json.MAPPER.readTree(input.asText());
    } catch (JsonProcessingException e) {
      throw StateFailure.runtime(
          "The Input of startExecution is not valid JSON: " + input.asText());
    }
  }

  private ExecutionResult awaitChild(Execution child, Scope scope) {
    while (true) {
      try {
        run.checkActive(scope);
      } catch (EngineSignals.Cancelled e) {
        child.requestStop(e.getMessage());
        throw e;
      }
      try {
        return child.future().get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // Poll again so a timeout or cancellation of this execution stops the wait.
      } catch (ExecutionException e) {
        throw new IllegalStateException("nested execution ended abnormally", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineSignals.Cancelled();
      }
    }
  }

  /** Builds the DescribeExecution shape that {@code .sync} and {@code .sync:2} return. */
  private ObjectNode describe(Execution child, ExecutionResult result, boolean jsonOutput) {
    ObjectNode description = NODES.objectNode();
    description.put("ExecutionArn", child.arn());
    if (jsonOutput) {
      description.set("Input", child.input());
    } else {
      description.put("Input", Json.write(child.input()));
    }
    description.putObject("InputDetails").put("Included", true);
    description.put("Name", child.name());
    if (result.status() == ExecutionStatus.SUCCEEDED) {
      if (jsonOutput) {
        description.set("Output", result.output());
      } else {
        description.put("Output", Json.write(result.output()));
      }
      description.putObject("OutputDetails").put("Included", true);
    } else {
      description.put("Error", result.error());
      description.put("Cause", result.cause());
    }
    description.put("StartDate", child.startDate().toEpochMilli());
    description.put("StateMachineArn", child.stateMachineArn());
    description.put("Status", result.status().name());
    Instant stop = child.stopDate();
    description.put("StopDate", stop == null ? 0 : stop.toEpochMilli());
    return description;
  }

  private Integer seconds(Integer fixed, JsonPath path, JsonNode input, ObjectNode context) {
    if (fixed != null || path == null) {
      return fixed;
    }
    JsonNode value = path.read(input, context);
    if (value == null || !value.canConvertToExactIntegral() || value.asInt() < 1) {
      throw StateFailure.runtime(
          "'"
              + path.text()
              + "' must select a positive integer (found "
              + (value == null ? "nothing" : Json.write(value))
              + ")");
    }
    return value.asInt();
  }

  private void scheduled(
      State state,
      JsonNode parameters,
      Integer timeout,
      Integer heartbeat,
      boolean lambdaEvents,
      Scope scope) {
    History.Details details = History.details();
    if (lambdaEvents) {
      details.put("resource", state.resource);
      details.putJson("input", parameters);
      details.set("inputDetails", TRUNCATED_FALSE);
      if (timeout != null) {
        details.put("timeoutInSeconds", timeout);
      }
      scope.lastEventId =
          run.history()
              .add(
                  scope.lastEventId,
                  "LambdaFunctionScheduled",
                  "lambdaFunctionScheduledEventDetails",
                  details);
      scope.lastEventId = run.history().add(scope.lastEventId, "LambdaFunctionStarted", null, null);
      return;
    }
    String[] names = state.historyNames;
    details.put("resourceType", names[0]);
    details.put("resource", names[1]);
    details.put("region", engine.region());
    details.putJson("parameters", parameters);
    if (timeout != null) {
      details.put("timeoutInSeconds", timeout);
    }
    if (heartbeat != null) {
      details.put("heartbeatInSeconds", heartbeat);
    }
    scope.lastEventId =
        run.history().add(scope.lastEventId, "TaskScheduled", "taskScheduledEventDetails", details);
    History.Details started = History.details();
    started.put("resourceType", names[0]);
    started.put("resource", names[1]);
    scope.lastEventId =
        run.history().add(scope.lastEventId, "TaskStarted", "taskStartedEventDetails", started);
  }

  private void finished(State state, String type, JsonNode result, Scope scope) {
    History.Details details = History.details();
    if (type.startsWith("Task")) {
      String[] names = state.historyNames;
      details.put("resourceType", names[0]);
      details.put("resource", names[1]);
    }
    details.putJson("output", result);
    details.set("outputDetails", TRUNCATED_FALSE);
    String key =
        type.startsWith("Task")
            ? "taskSucceededEventDetails"
            : "lambdaFunctionSucceededEventDetails";
    scope.lastEventId = run.history().add(scope.lastEventId, type, key, details);
  }

  private void failed(State state, StateFailure failure, boolean lambdaEvents, Scope scope) {
    boolean timedOut =
        failure.error().equals(StateFailure.TIMEOUT)
            || failure.error().equals(StateFailure.HEARTBEAT_TIMEOUT);
    String prefix = lambdaEvents ? "LambdaFunction" : "Task";
    String type = prefix + (timedOut ? "TimedOut" : "Failed");
    String key =
        (lambdaEvents ? "lambdaFunction" : "task")
            + (timedOut ? "TimedOut" : "Failed")
            + "EventDetails";
    History.Details details = History.details();
    if (!lambdaEvents) {
      String[] names = state.historyNames;
      details.put("resourceType", names[0]);
      details.put("resource", names[1]);
    }
    details.put("error", failure.error());
    details.put("cause", failure.cause());
    scope.lastEventId = run.history().add(scope.lastEventId, type, key, details);
  }
}
