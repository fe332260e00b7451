package dev.stepline.rotation;

/** A rotation step that cannot go on; Secrets Manager retries the step later. */
public final class RotationException extends RuntimeException {
  public RotationException(String message) {
    super(message);
  }

  public RotationException(String message, Throwable cause) {
    super(message, cause);
  }
}
