package dev.stepline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.runtime.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads request bodies. */
final class Bodies {

  private Bodies() {}

  /** Returns the body text, decoded from base64 when the request is marked base64. */
  static String text(ApiRequest request) {
    return new String(request.bodyBytes(), StandardCharsets.UTF_8);
  }

  /** Returns true when the request declares a YAML body. */
  static boolean isYaml(ApiRequest request) {
    String type = request.header("content-type");
    return type != null && type.toLowerCase(Locale.ROOT).contains("yaml");
  }

  /**
   * Returns the body as a JSON object.
   *
   * @throws ApiException 400 when the body is empty, not JSON, or not an object
   */
  static ObjectNode object(ApiRequest request) {
    String text = text(request);
    if (text.isBlank()) {
      throw ApiException.badRequest("invalid_body", "the body is empty; send a JSON object");
    }
    JsonNode node;
    try {
      node = JsonValues.mapper().readTree(text);
    } catch (StreamConstraintsException e) {
      throw ApiException.badRequest(
          "invalid_json",
          "the body is not valid JSON (nested more than 1000 levels deep, or a value too long);"
              + " send smaller JSON");
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "invalid_json",
          "the body is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "); send a JSON object");
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.badRequest(
          "invalid_body", "the body is a JSON " + kind(node) + "; send a JSON object");
    }
    return object;
  }

  /**
   * Returns a required string field.
   *
   * @throws ApiException 400 when it is missing or not a string
   */
  static String requiredString(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw ApiException.badRequest(
          "invalid_body", "`" + field + "` is required and must be a non-empty string");
    }
    return value.asText();
  }

  /** Returns an optional string field, or {@code null}. */
  static String optionalString(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest("invalid_body", "`" + field + "` must be a string");
    }
    return value.asText();
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
