package dev.stepline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stepline.runtime.JsonValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash a client token is stored with: SHA-256 of the task id and the request body with its
 * object keys sorted, so two bodies that differ only in key order hash the same.
 */
final class RequestHash {
  private static final ObjectMapper SORTED =
      JsonValues.mapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private RequestHash() {}

  static String of(String taskId, JsonNode body) {
    try {
      String canonical = SORTED.writeValueAsString(SORTED.convertValue(body, Object.class));
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(taskId.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Failed to hash a request body", e);
    }
  }
}
