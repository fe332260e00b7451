package dev.stepline.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * An API key that a provider issues over HTTP. The calls, configured by the secret's tags:
 *
 * <ul>
 *   <li>create: {@code POST createUrl} authorized with the current key and an {@code
 *       Idempotency-Key} header containing the rotation token; the JSON response's {@code keyField}
 *       contains the new key;
 *   <li>test: {@code GET testUrl} authorized with the pending key, which must answer 2xx;
 *   <li>revoke: {@code POST revokeUrl} authorized with the new key, body {@code {"key": old}}; 2xx
 *       or 404 (already revoked) both count as done.
 * </ul>
 */
public final class HttpApiKeyStrategy implements RotationStrategy {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI createUrl;
  private final URI testUrl;
  private final URI revokeUrl;
  private final String keyField;

  public HttpApiKeyStrategy(
      HttpClient http, URI createUrl, URI testUrl, URI revokeUrl, String keyField) {
    this.http = http;
    this.createUrl = createUrl;
    this.testUrl = testUrl;
    this.revokeUrl = revokeUrl;
    this.keyField = keyField;
  }

  @Override
  public String createValue(String current, String token) {
    HttpResponse<String> response =
        send(
            request(createUrl, current)
                .header("Idempotency-Key", token)
                .POST(HttpRequest.BodyPublishers.noBody()),
            "create a key");
    requireSuccess(response, "create a key");
    try {
      JsonNode key = JSON.readTree(response.body()).get(keyField);
      if (key == null || !key.isTextual() || key.asText().isEmpty()) {
        throw new RotationException(
            "provider's create-key response has no text field '"
                + keyField
                + "'; set the tag stepline:rotation:key-field to the field holding the key");
      }
      return key.asText();
    } catch (IOException e) {
      throw new RotationException("provider's create-key response is not JSON", e);
    }
  }

  @Override
  public void test(String pending) {
    requireSuccess(send(request(testUrl, pending).GET(), "test the key"), "test the pending key");
  }

  @Override
  public void retire(String previous, String current) {
    String body = JSON.createObjectNode().put("key", previous).toString();
    HttpResponse<String> response =
        send(
            request(revokeUrl, current)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            "revoke the old key");
    if (response.statusCode() != 404) {
      requireSuccess(response, "revoke the old key");
    }
  }

  private static HttpRequest.Builder request(URI url, String key) {
    return HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Authorization", "Bearer " + key);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String action) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RotationException("Failed to " + action + " at the provider: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RotationException("interrupted while trying to " + action, e);
    }
  }

  private static void requireSuccess(HttpResponse<String> response, String action) {
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new RotationException(
          "Failed to "
              + action
              + ": provider answered HTTP "
              + status
              + " at "
              + response.uri()
              + "; check the key and the stepline:rotation URLs");
    }
  }

  /** Builds the strategy from the secret's tags. */
  static HttpApiKeyStrategy fromTags(HttpClient http, Map<String, String> tags) {
    return new HttpApiKeyStrategy(
        http,
        URI.create(RotationStrategies.requiredTag(tags, "create-url")),
        URI.create(RotationStrategies.requiredTag(tags, "test-url")),
        URI.create(RotationStrategies.requiredTag(tags, "revoke-url")),
        tags.getOrDefault(RotationStrategies.TAG + ":key-field", "key"));
  }
}
