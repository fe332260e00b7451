package dev.stepline.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One HTTP response: a status, a JSON body and the headers beside {@code Content-Type}.
 *
 * @param status the HTTP status code
 * @param body the JSON body
 * @param headers extra headers, such as {@code Allow} on a 405. {@code Content-Type} is always
 *     {@code application/json}, so it is not listed
 */
public record ApiResponse(int status, JsonNode body, Map<String, String> headers) {

  public ApiResponse {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public ApiResponse(int status, JsonNode body) {
    this(status, body, Map.of());
  }

  static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body);
  }

  static ApiResponse created(JsonNode body) {
    return new ApiResponse(201, body);
  }

  static ApiResponse accepted(JsonNode body) {
    return new ApiResponse(202, body);
  }
}
