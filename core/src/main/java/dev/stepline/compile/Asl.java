package dev.stepline.compile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builders for the ASL states the compiler emits, in the shapes of the state machine protocol in
 * docs/architecture.md: Task states that send a step request, Retry and Catch rules, and the
 * intrinsic functions that build scope ids.
 */
final class Asl {
  static final String EXECUTION_FUNCTION = "ExecutionFunctionArn";
  static final String EVALUATE_FUNCTION = "EvaluateFunctionArn";
  static final String CONTROL_FUNCTION = "ControlFunctionArn";
  static final String TOOL_FUNCTION = "ToolFunctionArn";
  static final String PROMPT_FUNCTION = "PromptFunctionArn";
  static final String WAIT_FUNCTION = "WaitFunctionArn";

  static final String WAIT_FOR_TASK_TOKEN = "arn:aws:states:::lambda:invoke.waitForTaskToken";
  static final String START_EXECUTION_SYNC = "arn:aws:states:::states:startExecution.sync:2";

  /** Errors of the Lambda service that a retry can fix; step failures are not among them. */
  static final String[] TRANSIENT_LAMBDA_ERRORS = {
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException"
  };

  static final int RETRY_INTERVAL_SECONDS = 1;
  static final int RETRY_MAX_ATTEMPTS = 3;
  static final int RETRY_BACKOFF_RATE = 2;

  private Asl() {}

  /**
   * Returns the step request of a Task state. {@code scopeSuffix} is appended to the scope of the
   * payload, for states that run in a parallel branch or an inlined subworkflow call. The request
   * also carries the state's retry count as {@code attempt}, which the handlers put on every log
   * line.
   */
  static ObjectNode request(String action, String workflow, String path, String scopeSuffix) {
    ObjectNode request = AslJson.object();
    request.put("action", action);
    request.put("execution.$", "$.execution");
    request.put("workflow", workflow);
    request.put("path", path);
    request.put("scope.$", scopeExpression(scopeSuffix));
    request.put("attempt.$", "$$.State.RetryCount");
    return request;
  }

  /** Returns a reference path or {@code States.Format} call for the payload scope plus suffix. */
  static String scopeExpression(String scopeSuffix) {
    if (scopeSuffix.isEmpty()) {
      return "$.scope";
    }
    return "States.Format('{}" + escapeFormat(scopeSuffix) + "', $.scope)";
  }

  /** Returns the scope id of the iteration a Map state runs, from the item it iterates over. */
  static String iterationScopeExpression(String scopeSuffix, String path) {
    return "States.Format('{}"
        + escapeFormat(scopeSuffix + "/" + path + "#")
        + "{}', $.scope, $$.Map.Item.Value)";
  }

  /** A Task state that invokes a step handler's Lambda function by its ARN. */
  static ObjectNode lambdaTask(String function, ObjectNode request, String resultPath) {
    ObjectNode state = AslJson.object();
    state.put("Type", "Task");
    state.put("Resource", substitution(function));
    state.set("Parameters", request);
    resultPath(state, resultPath);
    state.set("Retry", retryTransientLambdaErrors());
    return state;
  }

  /**
   * A Task state that invokes the wait handler and pauses until someone sends the task token back.
   * The direct-ARN form cannot pass the token, so this one goes through the Lambda service
   * integration, which wraps the request in {@code Payload}.
   */
  static ObjectNode waitForTaskToken(ObjectNode request) {
    request.put("token.$", "$$.Task.Token");
    ObjectNode parameters = AslJson.object();
    parameters.put("FunctionName", substitution(WAIT_FUNCTION));
    parameters.set("Payload", request);

    ObjectNode state = AslJson.object();
    state.put("Type", "Task");
    state.put("Resource", WAIT_FOR_TASK_TOKEN);
    state.set("Parameters", parameters);
    state.putNull("ResultPath");
    state.set("Retry", retryTransientLambdaErrors());
    return state;
  }

  /** A Task state that runs a recursive workflow's state machine as a nested execution. */
  static ObjectNode startExecution(String stateMachineSubstitution) {
    ObjectNode input = AslJson.object();
    input.put("execution.$", "$.execution");
    input.put("scope.$", "$.result.scope");
    ObjectNode parameters = AslJson.object();
    parameters.put("StateMachineArn", substitution(stateMachineSubstitution));
    parameters.set("Input", input);

    ObjectNode state = AslJson.object();
    state.put("Type", "Task");
    state.put("Resource", START_EXECUTION_SYNC);
    state.set("Parameters", parameters);
    state.putNull("ResultPath");
    return state;
  }

  /** Adds a Catch of every error that records it at {@code $.error} and goes to {@code next}. */
  static void catchAll(ObjectNode state, String next) {
    if (next == null) {
      return;
    }
    ObjectNode rule = AslJson.object();
    rule.set("ErrorEquals", AslJson.NODES.arrayNode().add("States.ALL"));
    rule.put("ResultPath", "$.error");
    rule.put("Next", next);
    state.set("Catch", AslJson.NODES.arrayNode().add(rule));
  }

  /** Sets {@code Next}, or {@code End} when {@code next} is {@code null}. */
  static void link(ObjectNode state, String next) {
    if (next == null) {
      state.put("End", true);
    } else {
      state.put("Next", next);
    }
  }

  static void resultPath(ObjectNode state, String path) {
    if (path == null) {
      state.putNull("ResultPath");
    } else {
      state.put("ResultPath", path);
    }
  }

  static String substitution(String name) {
    return "${" + name + "}";
  }

  private static ArrayNode retryTransientLambdaErrors() {
    ArrayNode errors = AslJson.NODES.arrayNode();
    for (String error : TRANSIENT_LAMBDA_ERRORS) {
      errors.add(error);
    }
    ObjectNode rule = AslJson.object();
    rule.set("ErrorEquals", errors);
    rule.put("IntervalSeconds", RETRY_INTERVAL_SECONDS);
    rule.put("MaxAttempts", RETRY_MAX_ATTEMPTS);
    rule.put("BackoffRate", RETRY_BACKOFF_RATE);
    return AslJson.NODES.arrayNode().add(rule);
  }

  /** Escapes the characters that {@code States.Format} treats specially: {@code ' { } \}. */
  private static String escapeFormat(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '\'' || c == '{' || c == '}' || c == '\\') {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
