package dev.stepline.engine;

/**
 * A failure inside an execution, carried to Retry, Catch and finally the execution result.
 *
 * <p>Errors named {@code States.Runtime} are neither retried nor caught, as in Step Functions.
 */
final class StateFailure extends RuntimeException {
  static final String RUNTIME = "States.Runtime";
  static final String TIMEOUT = "States.Timeout";
  static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
  static final String TASK_FAILED = "States.TaskFailed";
  static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";

  private final String error;
  private final String cause;

  StateFailure(String error, String cause) {
    super(error + ": " + cause, null, false, false);
    this.error = error;
    this.cause = cause;
  }

  static StateFailure runtime(String cause) {
    return new StateFailure(RUNTIME, cause);
  }

  String error() {
    return error;
  }

  String cause() {
    return cause;
  }

  /** Returns whether Retry and Catch may handle this failure. */
  boolean isHandleable() {
    return !RUNTIME.equals(error);
  }
}
