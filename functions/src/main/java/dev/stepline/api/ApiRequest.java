package dev.stepline.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request, from an API Gateway event or from the local server.
 *
 * @param method the HTTP method, upper case
 * @param path the path without the query string, such as {@code /tasks/abc}
 * @param query the query parameters, first value of each
 * @param headers the headers, names in lower case
 * @param body the body text, or base64 text when {@code base64} is set; {@code null} when empty
 * @param base64 true when the body is base64-encoded
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    String body,
    boolean base64) {

  public ApiRequest {
    method = method == null ? "" : method.toUpperCase(Locale.ROOT);
    path = path == null || path.isEmpty() ? "/" : path;
    query = query == null ? Map.of() : Map.copyOf(query);
    headers = lowerCaseNames(headers);
  }

  /** Returns the header with the given name, ignoring case, or {@code null}. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Returns the body as bytes, decoding base64 when {@code base64} is set.
   *
   * @throws ApiException when {@code base64} is set and the body is not base64
   */
  public byte[] bodyBytes() {
    if (body == null) {
      return new byte[0];
    }
    if (!base64) {
      return body.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "invalid_body", "the body is marked base64 and is not valid base64; send plain JSON");
    }
  }

  private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
    Map<String, String> lower = new TreeMap<>();
    if (headers != null) {
      headers.forEach(
          (name, value) -> {
            if (name != null && value != null) {
              lower.put(name.toLowerCase(Locale.ROOT), value);
            }
          });
    }
    return Map.copyOf(lower);
  }
}
