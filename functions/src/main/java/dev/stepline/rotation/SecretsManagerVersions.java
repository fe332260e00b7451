package dev.stepline.rotation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** The versions of secrets in AWS Secrets Manager, with the token as the version id of writes. */
public final class SecretsManagerVersions implements SecretVersionStore {
  private final SecretsManagerClient client;

  public SecretsManagerVersions(SecretsManagerClient client) {
    this.client = client;
  }

  @Override
  public RotatingSecret describe(String secretId) {
    DescribeSecretResponse secret;
    try {
      secret = client.describeSecret(r -> r.secretId(secretId));
    } catch (ResourceNotFoundException e) {
      throw new RotationException(
          "secret " + secretId + " not found in Secrets Manager; check the name and the prefix");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag tag : secret.tags()) {
      tags.put(tag.key(), tag.value());
    }
    return new RotatingSecret(
        secret.arn() != null ? secret.arn() : secretId,
        secret.name(),
        Boolean.TRUE.equals(secret.rotationEnabled()),
        secret.versionIdsToStages(),
        tags);
  }

  @Override
  public Optional<String> value(String secretId, String versionId, String stage) {
    try {
      return Optional.ofNullable(
          client
              .getSecretValue(r -> r.secretId(secretId).versionId(versionId).versionStage(stage))
              .secretString());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void putPending(String secretId, String token, String value) {
    client.putSecretValue(
        r ->
            r.secretId(secretId)
                .clientRequestToken(token)
                .secretString(value)
                .versionStages(SecretRotator.PENDING));
  }

  @Override
  public void makeCurrent(String secretId, String token, String currentVersion) {
    client.updateSecretVersionStage(
        r ->
            r.secretId(secretId)
                .versionStage(SecretRotator.CURRENT)
                .moveToVersionId(token)
                .removeFromVersionId(currentVersion));
  }
}
