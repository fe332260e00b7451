package dev.stepline.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The bearer API keys the API accepts, each naming the tenant whose records it may reach. */
public final class ApiKeys {
  private final Map<String, String> tenantsByKey;

  /**
   * @param tenantsByKey the tenant of each key
   */
  public ApiKeys(Map<String, String> tenantsByKey) {
    this.tenantsByKey = new LinkedHashMap<>(tenantsByKey);
  }

  /** Returns the keys of a single tenant, {@code default}, that has one key. */
  public static ApiKeys single(String key) {
    return new ApiKeys(Map.of(key, "default"));
  }

  /**
   * Returns the tenant of the {@code Authorization} header's bearer key.
   *
   * @throws ApiException 401 when the header is missing, not a bearer key, or the key is unknown
   */
  String tenant(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("send the API key as `Authorization: Bearer KEY`");
    }
    return find(authorization.substring(7).trim())
        .orElseThrow(() -> unauthorized("the API key is not valid; check JULEP_API_KEY"));
  }

  private Optional<String> find(String key) {
    byte[] given = key.getBytes(StandardCharsets.UTF_8);
    String found = null;
    // Compares every key in constant time, so the time taken does not reveal a key's prefix.
    for (Map.Entry<String, String> entry : tenantsByKey.entrySet()) {
      if (MessageDigest.isEqual(given, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
        found = entry.getValue();
      }
    }
    return Optional.ofNullable(found);
  }

  private static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message, null);
  }
}
