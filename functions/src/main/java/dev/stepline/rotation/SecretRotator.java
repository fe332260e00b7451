package dev.stepline.rotation;

import dev.stepline.rotation.SecretVersionStore.RotatingSecret;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Runs one step of the Secrets Manager rotation protocol for one secret and one ClientRequestToken.
 * The token is the version id of every write, and every step first reads how far the rotation got,
 * so a step that runs again after a crash finishes the work or finds it done. It works on Secrets
 * Manager and on the local secrets file alike, through a {@link SecretVersionStore}.
 */
public final class SecretRotator {
  public static final String CURRENT = "AWSCURRENT";
  public static final String PENDING = "AWSPENDING";
  public static final String PREVIOUS = "AWSPREVIOUS";

  private static final Logger LOG = LoggerFactory.getLogger(SecretRotator.class);

  private final SecretVersionStore secrets;
  private final StrategyResolver strategies;
  private final boolean invokedBySecretsManager;

  /**
   * @param invokedBySecretsManager true in the Lambda, where Secrets Manager has turned rotation on
   *     and staged the token as an AWSPENDING version before createSecret; false for a rotation run
   *     in process, where createSecret writes the token's version itself
   */
  public SecretRotator(
      SecretVersionStore secrets, StrategyResolver strategies, boolean invokedBySecretsManager) {
    this.secrets = secrets;
    this.strategies = strategies;
    this.invokedBySecretsManager = invokedBySecretsManager;
  }

  /** Rotates secrets in Secrets Manager through {@code client}. */
  public SecretRotator(
      SecretsManagerClient client, StrategyResolver strategies, boolean invokedBySecretsManager) {
    this(new SecretsManagerVersions(client), strategies, invokedBySecretsManager);
  }

  /** Chooses the strategy of a secret from its tags and current value. */
  public interface StrategyResolver {
    RotationStrategy resolve(RotatingSecret secret, String currentValue);
  }

  public void run(String secretId, String token, RotationStep step) {
    RotatingSecret secret = secrets.describe(secretId);
    List<String> stages = checkVersion(secret, token, step);
    if (stages.contains(CURRENT) && step != RotationStep.FINISH_SECRET) {
      LOG.info("{} of {}: version is already AWSCURRENT, nothing to do", step.wireName(), secretId);
      return;
    }
    String current = secrets.value(secretId, null, CURRENT).orElseThrow();
    RotationStrategy strategy = strategies.resolve(secret, current);
    switch (step) {
      case CREATE_SECRET -> createSecret(secretId, token, current, strategy);
      case SET_SECRET -> strategy.install(current, pending(secretId, token), previous(secretId));
      case TEST_SECRET -> strategy.test(pending(secretId, token));
      case FINISH_SECRET -> finishSecret(secret, token, strategy);
    }
    LOG.info("{} of {} done", step.wireName(), secretId);
  }

  /**
   * Checks that the rotation may go on: rotation is on, the token is a version of the secret, and
   * that version is AWSPENDING or already AWSCURRENT. Returns the version's stages.
   */
  private List<String> checkVersion(RotatingSecret secret, String token, RotationStep step) {
    String id = secret.name();
    if (invokedBySecretsManager && !secret.rotationEnabled()) {
      throw new RotationException(
          "secret " + id + " does not have rotation enabled; turn it on with rotate-secret");
    }
    List<String> stages = secret.versions().get(token);
    if (stages == null) {
      if (!invokedBySecretsManager && step == RotationStep.CREATE_SECRET) {
        return List.of();
      }
      throw new RotationException(
          "token " + token + " is no version of secret " + id + "; start a new rotation");
    }
    if (!stages.contains(CURRENT) && !stages.contains(PENDING)) {
      throw new RotationException(
          "version "
              + token
              + " of secret "
              + id
              + " is neither AWSPENDING nor AWSCURRENT (found "
              + stages
              + "); start a new rotation");
    }
    return stages;
  }

  private void createSecret(
      String secretId, String token, String current, RotationStrategy strategy) {
    if (secrets.value(secretId, token, PENDING).isPresent()) {
      LOG.info("createSecret of {}: pending version already has a value", secretId);
      return;
    }
    secrets.putPending(secretId, token, strategy.createValue(current, token));
  }

  private void finishSecret(RotatingSecret secret, String token, RotationStrategy strategy) {
    String id = secret.id();
    String currentVersion = secret.versionWith(CURRENT);
    if (!token.equals(currentVersion)) {
      secrets.makeCurrent(id, token, currentVersion);
    }
    // Retiring runs even when the labels had moved before a crash, so the old credential never
    // outlives a finished rotation; strategies treat an already retired value as done.
    Optional<String> previous = secrets.value(id, null, PREVIOUS);
    String current = secrets.value(id, token, null).orElseThrow();
    previous.filter(old -> !old.equals(current)).ifPresent(old -> strategy.retire(old, current));
  }

  private String pending(String secretId, String token) {
    return secrets
        .value(secretId, token, PENDING)
        .orElseThrow(
            () ->
                new RotationException(
                    "secret "
                        + secretId
                        + " has no AWSPENDING value for token "
                        + token
                        + "; run createSecret first"));
  }

  private String previous(String secretId) {
    return secrets.value(secretId, null, PREVIOUS).orElse(null);
  }
}
