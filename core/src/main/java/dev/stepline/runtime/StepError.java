package dev.stepline.runtime;

/**
 * A failure the runtime itself detects while running a step, such as a {@code foreach} over a value
 * that is not a list, typed the way Python would type it.
 */
public class StepError extends RuntimeException {
  private final String type;

  public StepError(String type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  /** The Python-style error type, such as {@code TypeError}. */
  public String type() {
    return type;
  }
}
