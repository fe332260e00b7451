package dev.stepline.lambda;

import dev.stepline.aws.KmsSealer;
import java.time.Duration;
import java.util.Map;

/**
 * The sealing settings of the Lambda functions, read from the environment variables that {@code
 * template.yaml} sets.
 *
 * @param keyId {@code STEPLINE_SEALING_KEY_ID}: the KMS key id, ARN or alias of envelope
 *     encryption; unset means a random key per container, which only a single-container setup (such
 *     as a test) can use, because another container fails to unseal the values
 * @param dataKeyLifetime {@code STEPLINE_SEALING_DATA_KEY_SECONDS}: how long a container seals with
 *     one data key; default 300 seconds
 */
public record SealingSettings(String keyId, Duration dataKeyLifetime) {

  /**
   * Reads the settings.
   *
   * @throws IllegalStateException when the lifetime is not a whole number of 1 or more
   */
  public static SealingSettings fromEnvironment(Map<String, String> environment) {
    String keyId = environment.get("STEPLINE_SEALING_KEY_ID");
    String seconds = environment.get("STEPLINE_SEALING_DATA_KEY_SECONDS");
    Duration lifetime = KmsSealer.DEFAULT_DATA_KEY_LIFETIME;
    if (seconds != null && !seconds.isBlank()) {
      lifetime = Duration.ofSeconds(positive(seconds));
    }
    return new SealingSettings(keyId == null || keyId.isBlank() ? null : keyId.trim(), lifetime);
  }

  /** Returns true when a KMS key is configured. */
  public boolean usesKms() {
    return keyId != null;
  }

  private static long positive(String text) {
    try {
      long value = Long.parseLong(text.trim());
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the value.
    }
    throw new IllegalStateException(
        "invalid STEPLINE_SEALING_DATA_KEY_SECONDS (found '"
            + text
            + "'); use a whole number of 1 or more");
  }
}
