package dev.stepline.tools;

import dev.stepline.runtime.spi.ToolException;

/** The error types a {@code try_catch} block reads as {@code error.type}, and their factories. */
public final class ToolErrors {
  public static final String AUTHENTICATION = "AuthenticationError";
  public static final String RATE_LIMIT = "RateLimitError";
  public static final String TIMEOUT = "TimeoutError";
  public static final String CONNECTION = "ConnectionError";
  public static final String HTTP = "HttpError";
  public static final String RESPONSE_TOO_LARGE = "ResponseTooLargeError";
  public static final String DATABASE = "DatabaseError";
  public static final String EMAIL = "EmailError";
  public static final String UNSUPPORTED_TOOL = "UnsupportedToolError";
  public static final String VALUE = "ValueError";

  private ToolErrors() {}

  /** Creates the error for an invalid or missing argument or tool setting. */
  public static ToolException invalid(String toolName, String message) {
    return new ToolException(VALUE, "tool '" + toolName + "': " + message);
  }
}
