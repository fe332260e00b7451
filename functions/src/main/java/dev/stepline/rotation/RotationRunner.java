package dev.stepline.rotation;

import java.net.http.HttpClient;
import java.util.UUID;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Rotates a secret in process: runs createSecret, setSecret, testSecret and finishSecret in order
 * against Secrets Manager or the local secrets file, with the same code the rotation Lambda runs. A
 * rotation that stopped part way resumes by calling {@link #rotate(String, String)} with its token,
 * or {@link #rotateOrResume} without it.
 */
public final class RotationRunner {
  private final SecretVersionStore secrets;
  private final SecretRotator rotator;

  public RotationRunner(SecretsManagerClient client) {
    this(client, new RotationStrategies(client, HttpClient.newHttpClient()));
  }

  public RotationRunner(SecretsManagerClient client, SecretRotator.StrategyResolver strategies) {
    this(new SecretsManagerVersions(client), strategies);
  }

  public RotationRunner(SecretVersionStore secrets, SecretRotator.StrategyResolver strategies) {
    this.secrets = secrets;
    this.rotator = new SecretRotator(secrets, strategies, false);
  }

  /**
   * The outcome of a rotation: its token (the id of the new current version) and whether it
   * resumed.
   */
  public record Rotation(String token, boolean resumed) {}

  /**
   * Finishes the rotation that stopped part way, when a version other than the current one has the
   * label AWSPENDING, or else rotates with a new token. Resuming never leaves a half-done rotation
   * behind, where a new token would abandon a password a database may already have.
   */
  public Rotation rotateOrResume(String secretId) {
    SecretVersionStore.RotatingSecret secret = secrets.describe(secretId);
    String pending = secret.versionWith(SecretRotator.PENDING);
    if (pending != null && !pending.equals(secret.versionWith(SecretRotator.CURRENT))) {
      rotate(secretId, pending);
      return new Rotation(pending, true);
    }
    return new Rotation(rotate(secretId), false);
  }

  /** Rotates with a new token and returns it (the id of the new current version). */
  public String rotate(String secretId) {
    String token = UUID.randomUUID().toString();
    rotate(secretId, token);
    return token;
  }

  /** Runs every step with {@code token}; steps already done find their work done. */
  public void rotate(String secretId, String token) {
    for (RotationStep step : RotationStep.values()) {
      rotator.run(secretId, token, step);
    }
  }
}
