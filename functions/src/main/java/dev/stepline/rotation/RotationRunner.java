package dev.stepline.rotation;

import java.net.http.HttpClient;
import java.util.UUID;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Rotates a secret in process: runs createSecret, setSecret, testSecret and finishSecret in order
 * against any Secrets Manager client, with the same code the rotation Lambda runs. A rotation that
 * stopped part way resumes by calling {@link #rotate(String, String)} with its token.
 */
public final class RotationRunner {
  private final SecretRotator rotator;

  public RotationRunner(SecretsManagerClient client) {
    this(client, new RotationStrategies(client, HttpClient.newHttpClient()));
  }

  public RotationRunner(SecretsManagerClient client, SecretRotator.StrategyResolver strategies) {
    this.rotator = new SecretRotator(client, strategies, false);
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
