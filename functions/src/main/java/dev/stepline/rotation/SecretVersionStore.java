package dev.stepline.rotation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store of a secret's versions and their staging labels that a rotation reads and writes:
 * Secrets Manager ({@link SecretsManagerVersions}) or the local secrets file ({@link
 * LocalSecretVersions}). Each write is one atomic change, so a rotation that stops between two
 * writes can resume.
 */
public interface SecretVersionStore {

  /**
   * Returns a secret's versions and tags.
   *
   * @throws RotationException when there is no such secret
   */
  RotatingSecret describe(String secretId);

  /** Reads a version by id and/or staging label; empty when no version with a value matches. */
  Optional<String> value(String secretId, String versionId, String stage);

  /**
   * Writes {@code value} as version {@code token} labelled AWSPENDING, taking the label from any
   * other version. Writing the same value again under the same token changes nothing.
   */
  void putPending(String secretId, String token, String value);

  /**
   * Moves AWSCURRENT from {@code currentVersion} to {@code token}, and AWSPREVIOUS to the version
   * that was current.
   */
  void makeCurrent(String secretId, String token, String currentVersion);

  /**
   * A secret's versions and tags, as a rotation reads them.
   *
   * @param id the id to address it by in later calls (an ARN on Secrets Manager)
   * @param name its name, for messages
   * @param rotationEnabled whether Secrets Manager has rotation turned on for it
   * @param versions each version id with its staging labels
   * @param tags the tags (metadata) that choose and configure the strategy
   */
  record RotatingSecret(
      String id,
      String name,
      boolean rotationEnabled,
      Map<String, List<String>> versions,
      Map<String, String> tags) {

    /** Returns the id of the version with {@code stage}, or null when none has it. */
    public String versionWith(String stage) {
      return versions.entrySet().stream()
          .filter(entry -> entry.getValue().contains(stage))
          .map(Map.Entry::getKey)
          .findFirst()
          .orElse(null);
    }
  }
}
