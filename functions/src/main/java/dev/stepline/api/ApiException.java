package dev.stepline.api;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A request the API refuses, with the status, a stable code and a message for people. The API turns
 * it into {@code {"error": {"code", "message", "diagnostics"?}}}.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final transient ArrayNode diagnostics;

  ApiException(int status, String code, String message, ArrayNode diagnostics) {
    super(message);
    this.status = status;
    this.code = code;
    this.diagnostics = diagnostics;
  }

  static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message, null);
  }

  static ApiException invalid(String code, String message, ArrayNode diagnostics) {
    return new ApiException(400, code, message, diagnostics);
  }

  static ApiException notFound(String what, String id) {
    return new ApiException(404, "not_found", "no " + what + " with id " + id, null);
  }

  static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message, null);
  }

  /** Returns the 409 of an {@link ApiStore} write that lost to a concurrent write of a version. */
  public static ApiException versionConflict(String what, String id, int version) {
    return conflict(
        what
            + " "
            + id
            + " already has version "
            + version
            + " because another request changed it at the same time; read it and send the change"
            + " again");
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Returns the diagnostics of an invalid task or input, or {@code null}. */
  public ArrayNode diagnostics() {
    return diagnostics;
  }
}
