package dev.stepline.lambda;

import dev.stepline.aws.SecretsManagerSecretStore;
import java.time.Duration;
import java.util.Map;

/**
 * The settings of the Lambda functions, read from the environment variables that {@code
 * template.yaml} sets.
 *
 * @param tableName {@code STEPLINE_TABLE_NAME}: the DynamoDB table of executions (required)
 * @param timeToLive {@code STEPLINE_TTL_DAYS}: how long execution items live; {@code 0} or unset
 *     keeps them
 * @param secretPrefix {@code STEPLINE_SECRET_PREFIX}: prepended to secret names to form Secrets
 *     Manager ids; default {@code stepline/}
 * @param secretCacheTtl {@code STEPLINE_SECRET_CACHE_SECONDS}: how long a container serves a secret
 *     from its cache; default 300 seconds
 * @param modelProvider {@code STEPLINE_MODEL_PROVIDER}: {@code chat-completions} (default, an
 *     OpenAI-compatible endpoint at {@code STEPLINE_MODEL_BASE_URL}) or {@code bedrock}
 */
public record LambdaSettings(
    String tableName,
    Duration timeToLive,
    String secretPrefix,
    Duration secretCacheTtl,
    String modelProvider) {

  public static final String CHAT_COMPLETIONS = "chat-completions";
  public static final String BEDROCK = "bedrock";

  /**
   * Reads the settings.
   *
   * @throws IllegalStateException when a variable is missing or invalid, naming it
   */
  public static LambdaSettings fromEnvironment(Map<String, String> environment) {
    String table = environment.get("STEPLINE_TABLE_NAME");
    if (table == null || table.isBlank()) {
      throw new IllegalStateException(
          "STEPLINE_TABLE_NAME is not set; set it to the DynamoDB table of executions, as"
              + " template.yaml does");
    }
    String provider = environment.getOrDefault("STEPLINE_MODEL_PROVIDER", CHAT_COMPLETIONS);
    if (!provider.equals(CHAT_COMPLETIONS) && !provider.equals(BEDROCK)) {
      throw new IllegalStateException(
          "invalid STEPLINE_MODEL_PROVIDER (found '"
              + provider
              + "'); use "
              + CHAT_COMPLETIONS
              + " or "
              + BEDROCK);
    }
    return new LambdaSettings(
        table,
        Duration.ofDays(number(environment, "STEPLINE_TTL_DAYS", 0)),
        environment.getOrDefault("STEPLINE_SECRET_PREFIX", "stepline/"),
        number(environment, "STEPLINE_SECRET_CACHE_SECONDS", -1) < 0
            ? SecretsManagerSecretStore.DEFAULT_CACHE_TTL
            : Duration.ofSeconds(number(environment, "STEPLINE_SECRET_CACHE_SECONDS", 0)),
        provider);
  }

  private static long number(Map<String, String> environment, String name, long fallback) {
    String text = environment.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "invalid " + name + " (found '" + text + "'); use a whole number of 0 or more");
    }
  }
}
