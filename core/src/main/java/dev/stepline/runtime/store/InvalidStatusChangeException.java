package dev.stepline.runtime.store;

/** Thrown when a status change is not one that {@link ExecutionStatus#canChangeTo} allows. */
public class InvalidStatusChangeException extends IllegalStateException {
  public InvalidStatusChangeException(
      String executionId, ExecutionStatus current, ExecutionStatus next) {
    super(
        "invalid status change for execution "
            + executionId
            + ": "
            + current.wireName()
            + " -> "
            + next.wireName());
  }
}
