package dev.stepline.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP response: a status and a JSON body.
 *
 * @param status the HTTP status code
 * @param body the JSON body
 */
public record ApiResponse(int status, JsonNode body) {

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
