package dev.stepline.engine;

/** A task failure with the error name and cause that Retry and Catch rules see. */
public class TaskFailedException extends Exception {
  private final String error;
  private final String cause;

  public TaskFailedException(String error, String cause) {
    super(error + ": " + cause);
    this.error = error;
    this.cause = cause;
  }

  /** Returns the error name, such as {@code Lambda.ServiceException} or {@code NameError}. */
  public String error() {
    return error;
  }

  /** Returns the human-readable cause, which may be {@code null}. */
  public String cause() {
    return cause;
  }
}
