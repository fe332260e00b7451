package dev.stepline.runtime;

/**
 * The failure of an action of a cancelled execution. Step Functions cannot stop an Express
 * execution, so a cancelled one ends at its next step instead. That step fails with this error and
 * records nothing, and the execution keeps its {@code cancelled} status.
 */
public final class ExecutionCancelledException extends StepFailedException {
  /** The error type the failed Task reports. */
  public static final String TYPE = "ExecutionCancelled";

  public ExecutionCancelledException(String executionId, String path) {
    super(path, TYPE, "execution " + executionId + " was cancelled");
  }
}
