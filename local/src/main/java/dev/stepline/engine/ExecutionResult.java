package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The end of an execution.
 *
 * @param status how the execution ended
 * @param output the output of a succeeded execution, otherwise {@code null}
 * @param error the error name of a failed or timed-out execution, otherwise {@code null}
 * @param cause the cause of a failed execution, which may be {@code null} even when it failed
 */
public record ExecutionResult(ExecutionStatus status, JsonNode output, String error, String cause) {

  static ExecutionResult succeeded(JsonNode output) {
    return new ExecutionResult(ExecutionStatus.SUCCEEDED, output, null, null);
  }

  static ExecutionResult failed(ExecutionStatus status, String error, String cause) {
    return new ExecutionResult(status, null, error, cause);
  }
}
