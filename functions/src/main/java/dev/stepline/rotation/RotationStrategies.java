package dev.stepline.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Chooses a secret's strategy. The tag {@code stepline:rotation} names it ({@code generated},
 * {@code http-api-key} or {@code database}); without the tag, a JSON value with an {@code engine}
 * field is a database password. Further {@code stepline:rotation:*} tags configure the strategy.
 */
public final class RotationStrategies implements SecretRotator.StrategyResolver {
  public static final String TAG = "stepline:rotation";

  private final SecretsManagerClient client;
  private final HttpClient http;

  public RotationStrategies(SecretsManagerClient client, HttpClient http) {
    this.client = client;
    this.http = http;
  }

  @Override
  public RotationStrategy resolve(DescribeSecretResponse secret, String currentValue) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag tag : secret.tags()) {
      tags.put(tag.key(), tag.value());
    }
    String kind = tags.get(TAG);
    if (kind == null && looksLikeDatabase(currentValue)) {
      kind = "database";
    }
    if (kind == null) {
      throw new RotationException(
          "secret "
              + secret.name()
              + " names no rotation strategy; tag it "
              + TAG
              + "=generated, http-api-key or database");
    }
    return switch (kind) {
      case "generated" -> generated(tags);
      case "http-api-key" -> HttpApiKeyStrategy.fromTags(http, tags);
      case "database" -> database(currentValue);
      default ->
          throw new RotationException(
              "unknown rotation strategy (found "
                  + TAG
                  + "="
                  + kind
                  + "); use generated, http-api-key or database");
    };
  }

  private static RotationStrategy generated(Map<String, String> tags) {
    String length = tags.get(TAG + ":length");
    try {
      return new GeneratedSecretStrategy(
          length == null ? GeneratedSecretStrategy.DEFAULT_LENGTH : Integer.parseInt(length),
          tags.getOrDefault(TAG + ":alphabet", GeneratedSecretStrategy.DEFAULT_ALPHABET));
    } catch (NumberFormatException e) {
      throw new RotationException(
          "tag " + TAG + ":length must be a whole number (found " + length + ")");
    }
  }

  private RotationStrategy database(String currentValue) {
    JsonNode secret = DatabasePasswordStrategy.parse(currentValue);
    String engine = secret.path("engine").asText("");
    DatabasePasswordStrategy.Dialect dialect =
        DatabasePasswordStrategy.Dialect.ofEngine(engine)
            .orElseThrow(
                () ->
                    new RotationException(
                        "unsupported database engine (found '"
                            + engine
                            + "'); use postgres, mysql or mariadb"));
    return new DatabasePasswordStrategy(
        dialect, id -> client.getSecretValue(r -> r.secretId(id)).secretString());
  }

  private static boolean looksLikeDatabase(String value) {
    return value.stripLeading().startsWith("{") && value.contains("\"engine\"");
  }

  static String requiredTag(Map<String, String> tags, String suffix) {
    String value = tags.get(TAG + ":" + suffix);
    if (value == null || value.isBlank()) {
      throw new RotationException(
          "http-api-key rotation needs the tag " + TAG + ":" + suffix + "; add it to the secret");
    }
    return value;
  }
}
