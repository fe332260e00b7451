package dev.stepline.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepline.rotation.SecretVersionStore.RotatingSecret;
import java.net.http.HttpClient;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Chooses a secret's strategy. The tag {@code stepline:rotation} names it ({@code generated},
 * {@code http-api-key} or {@code database}); without the tag, a JSON value with an {@code engine}
 * field is a database password. Further {@code stepline:rotation:*} tags configure the strategy. In
 * the local secrets file, metadata pairs of the same names play the part of tags.
 */
public final class RotationStrategies implements SecretRotator.StrategyResolver {
  public static final String TAG = "stepline:rotation";

  private final SecretVersionStore secrets;
  private final HttpClient http;

  /**
   * @param secrets where the administrator secret of an alternating-users database secret is read
   */
  public RotationStrategies(SecretVersionStore secrets, HttpClient http) {
    this.secrets = secrets;
    this.http = http;
  }

  public RotationStrategies(SecretsManagerClient client, HttpClient http) {
    this(new SecretsManagerVersions(client), http);
  }

  @Override
  public RotationStrategy resolve(RotatingSecret secret, String currentValue) {
    Map<String, String> tags = secret.tags();
    String kind = tags.get(TAG);
    if (kind == null && looksLikeDatabase(currentValue)) {
      kind = "database";
    }
    if (kind == null) {
      throw new RotationException(
          "secret "
              + secret.name()
              + " names no rotation strategy; set its tag (metadata in a local secrets file) "
              + TAG
              + " to generated, http-api-key or database");
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
        dialect,
        id ->
            secrets
                .value(id, null, SecretRotator.CURRENT)
                .orElseThrow(
                    () ->
                        new RotationException(
                            "administrator secret " + id + " has no value; check masterarn")));
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
