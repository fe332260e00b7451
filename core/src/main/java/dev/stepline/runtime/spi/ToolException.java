package dev.stepline.runtime.spi;

/**
 * A failed tool call or model call. {@link #type()} is the name a {@code try_catch} block reads as
 * {@code error.type}: {@code AuthenticationError}, {@code RateLimitError}, {@code TimeoutError},
 * {@code ConnectionError}, {@code HttpError}, {@code ResponseTooLargeError}, {@code DatabaseError},
 * {@code EmailError}, {@code UnsupportedToolError}, or {@code ValueError} for invalid arguments.
 *
 * <p>The message must never contain a secret value; providers describe the failure without echoing
 * credentials or request headers.
 */
public class ToolException extends RuntimeException {
  private final String type;
  private final Integer statusCode;

  public ToolException(String type, String message) {
    this(type, message, null, null);
  }

  public ToolException(String type, String message, Throwable cause) {
    this(type, message, null, cause);
  }

  public ToolException(String type, String message, Integer statusCode, Throwable cause) {
    super(message, cause);
    this.type = type;
    this.statusCode = statusCode;
  }

  /** Returns the Python-style error type, such as {@code AuthenticationError}. */
  public String type() {
    return type;
  }

  /** Returns the HTTP status code of the failed response, or {@code null} without a response. */
  public Integer statusCode() {
    return statusCode;
  }
}
