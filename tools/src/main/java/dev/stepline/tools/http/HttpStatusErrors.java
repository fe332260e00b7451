package dev.stepline.tools.http;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.tools.ToolErrors;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Turns a non-2xx response into the typed error a {@code try_catch} block branches on. */
public final class HttpStatusErrors {
  private static final int EXCERPT_CHARS = 200;
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(301, "Moved Permanently"),
          Map.entry(302, "Found"),
          Map.entry(303, "See Other"),
          Map.entry(307, "Temporary Redirect"),
          Map.entry(308, "Permanent Redirect"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(408, "Request Timeout"),
          Map.entry(409, "Conflict"),
          Map.entry(422, "Unprocessable Entity"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"));

  private HttpStatusErrors() {}

  public static boolean isSuccess(int statusCode) {
    return statusCode >= 200 && statusCode < 300;
  }

  /**
   * Builds the error for a response with a non-2xx status. 401 and 403 are {@code
   * AuthenticationError}, 429 is {@code RateLimitError}, everything else {@code HttpError}. The
   * message of an authentication failure carries no body excerpt, because services often echo the
   * rejected key there.
   */
  public static ToolException forResponse(
      String toolName, String method, HttpTransport.Response response) {
    int status = response.statusCode();
    String request = method + " " + describe(response.uri());
    String prefix = "tool '" + toolName + "': " + request + " returned " + statusLine(status);
    if (status == 401 || status == 403) {
      return new ToolException(
          ToolErrors.AUTHENTICATION,
          prefix + "; check the credentials the tool sends",
          status,
          null);
    }
    if (status == 429) {
      return new ToolException(
          ToolErrors.RATE_LIMIT, prefix + "; slow down or retry later", status, null);
    }
    return new ToolException(ToolErrors.HTTP, prefix + excerpt(response.body()), status, null);
  }

  static String statusLine(int status) {
    String reason = REASONS.get(status);
    return reason == null ? String.valueOf(status) : status + " " + reason;
  }

  /**
   * Describes a URL without its query and user info, which may carry keys (an {@code api_key} query
   * parameter is common).
   */
  public static String describe(URI uri) {
    StringBuilder text = new StringBuilder();
    text.append(uri.getScheme()).append("://").append(uri.getHost());
    if (uri.getPort() != -1) {
      text.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath();
    text.append(path == null || path.isEmpty() ? "/" : path);
    return text.toString();
  }

  private static String excerpt(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    if (text.length() > EXCERPT_CHARS) {
      text = text.substring(0, EXCERPT_CHARS) + "...";
    }
    return ": " + text;
  }
}
