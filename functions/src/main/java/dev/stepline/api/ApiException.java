package dev.stepline.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/**
 * A request the API refuses, with the status, a stable code and a message for people. The API turns
 * it into {@code {"error": {"code", "message", "diagnostics"?}}}.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final transient ArrayNode diagnostics;
  private final String allow;

  ApiException(int status, String code, String message, ArrayNode diagnostics) {
    this(status, code, message, diagnostics, null);
  }

  private ApiException(
      int status, String code, String message, ArrayNode diagnostics, String allow) {
    super(message);
    this.status = status;
    this.code = code;
    this.diagnostics = diagnostics;
    this.allow = allow;
  }

  /** Returns a 405 whose {@code Allow} header lists the methods the path takes. */
  static ApiException methodNotAllowed(String method, String path, List<String> allowed) {
    String list = String.join(", ", allowed);
    return new ApiException(
        405,
        "method_not_allowed",
        method + " is not allowed on " + path + "; use " + list,
        null,
        list);
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

  /** Returns the value of the {@code Allow} header of a 405, or {@code null}. */
  public String allow() {
    return allow;
  }

  /** Returns the diagnostics of an invalid task or input, or {@code null}. */
  public ArrayNode diagnostics() {
    return diagnostics;
  }
}
