package dev.stepline.rotation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Runs one step of the Secrets Manager rotation protocol for one secret and one ClientRequestToken.
 * The token is the version id of every write, and every step first reads how far the rotation got,
 * so a step that runs again after a crash finishes the work or finds it done.
 */
public final class SecretRotator {
  public static final String CURRENT = "AWSCURRENT";
  public static final String PENDING = "AWSPENDING";
  public static final String PREVIOUS = "AWSPREVIOUS";

  private static final Logger LOG = LoggerFactory.getLogger(SecretRotator.class);

  private final SecretsManagerClient client;
  private final StrategyResolver strategies;
  private final boolean invokedBySecretsManager;

  /**
   * @param invokedBySecretsManager true in the Lambda, where Secrets Manager has turned rotation on
   *     and staged the token as an AWSPENDING version before createSecret; false for a rotation run
   *     in process, where createSecret writes the token's version itself
   */
  public SecretRotator(
      SecretsManagerClient client, StrategyResolver strategies, boolean invokedBySecretsManager) {
    this.client = client;
    this.strategies = strategies;
    this.invokedBySecretsManager = invokedBySecretsManager;
  }

  /** Chooses the strategy of a secret from its description (tags) and current value. */
  public interface StrategyResolver {
    RotationStrategy resolve(DescribeSecretResponse secret, String currentValue);
  }

  public void run(String secretId, String token, RotationStep step) {
    DescribeSecretResponse secret = client.describeSecret(r -> r.secretId(secretId));
    List<String> stages = checkVersion(secret, token, step);
    if (stages.contains(CURRENT) && step != RotationStep.FINISH_SECRET) {
      LOG.info("{} of {}: version is already AWSCURRENT, nothing to do", step.wireName(), secretId);
      return;
    }
    String current = value(secretId, null, CURRENT).orElseThrow();
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
  private List<String> checkVersion(
      DescribeSecretResponse secret, String token, RotationStep step) {
    String id = secret.name();
    if (invokedBySecretsManager && !Boolean.TRUE.equals(secret.rotationEnabled())) {
      throw new RotationException(
          "secret " + id + " does not have rotation enabled; turn it on with rotate-secret");
    }
    Map<String, List<String>> versions = secret.versionIdsToStages();
    List<String> stages = versions.get(token);
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
    if (value(secretId, token, PENDING).isPresent()) {
      LOG.info("createSecret of {}: pending version already has a value", secretId);
      return;
    }
    String pending = strategy.createValue(current, token);
    client.putSecretValue(
        r ->
            r.secretId(secretId)
                .clientRequestToken(token)
                .secretString(pending)
                .versionStages(PENDING));
  }

  private void finishSecret(
      DescribeSecretResponse secret, String token, RotationStrategy strategy) {
    String id = secret.arn() != null ? secret.arn() : secret.name();
    String currentVersion = versionWith(secret, CURRENT);
    if (!token.equals(currentVersion)) {
      client.updateSecretVersionStage(
          r ->
              r.secretId(id)
                  .versionStage(CURRENT)
                  .moveToVersionId(token)
                  .removeFromVersionId(currentVersion));
    }
    // Retiring runs even when the labels had moved before a crash, so the old credential never
    // outlives a finished rotation; strategies treat an already retired value as done.
    Optional<String> previous = value(id, null, PREVIOUS);
    String current = value(id, token, null).orElseThrow();
    previous.filter(old -> !old.equals(current)).ifPresent(old -> strategy.retire(old, current));
  }

  private String pending(String secretId, String token) {
    return value(secretId, token, PENDING)
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
    return value(secretId, null, PREVIOUS).orElse(null);
  }

  /** Reads a version by id and/or stage; empty when no version matches. */
  private Optional<String> value(String secretId, String versionId, String stage) {
    try {
      return Optional.ofNullable(
          client
              .getSecretValue(r -> r.secretId(secretId).versionId(versionId).versionStage(stage))
              .secretString());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  private static String versionWith(DescribeSecretResponse secret, String stage) {
    return secret.versionIdsToStages().entrySet().stream()
        .filter(entry -> entry.getValue().contains(stage))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }
}
