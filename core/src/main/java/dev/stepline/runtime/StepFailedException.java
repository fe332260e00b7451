package dev.stepline.runtime;

/**
 * Thrown by {@link StepRunner#run} after it recorded a step failure in the store. Step Functions
 * reports it as the state's {@code Error}/{@code Cause}; its message is {@code <path>: <type>:
 * <message>}, with secret values already masked.
 */
public class StepFailedException extends RuntimeException {
  private final String path;
  private final String type;
  private final String reason;

  public StepFailedException(String path, String type, String reason) {
    super(path + ": " + type + ": " + reason, null, false, false);
    this.path = path;
    this.type = type;
    this.reason = reason;
  }

  /** The path of the step that failed. */
  public String path() {
    return path;
  }

  /** The Python-style error type, such as {@code NameError}. */
  public String type() {
    return type;
  }

  /** The message without path and type. */
  public String reason() {
    return reason;
  }
}
