package dev.stepline.runtime.secrets;

/**
 * A failed secret operation. {@link #type()} is the Python-style type a step failure reports. The
 * message names the secret and never contains its value.
 */
public class SecretException extends RuntimeException {
  private final String type;

  public SecretException(String type, String message) {
    super(message);
    this.type = type;
  }

  public SecretException(String type, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
  }

  /** The Python-style error type, such as {@code KeyError}. */
  public String type() {
    return type;
  }
}
