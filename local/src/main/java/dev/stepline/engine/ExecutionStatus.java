package dev.stepline.engine;

/** The status of an execution, with the names Step Functions uses. */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED;

  /** Returns whether the execution has ended. */
  public boolean isTerminal() {
    return this != RUNNING;
  }
}
