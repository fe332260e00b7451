package dev.stepline.runtime.store;

/** Thrown when an execution id is not in the store. */
public class ExecutionNotFoundException extends RuntimeException {
  public ExecutionNotFoundException(String executionId) {
    super("execution not found: " + executionId);
  }
}
