package dev.stepline.rotation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * The versions of secrets in AWS Secrets Manager, with the token as the version id of writes. A
 * failed call becomes a {@link RotationException} that names the call and the secret.
 */
public final class SecretsManagerVersions implements SecretVersionStore {
  private final SecretsManagerClient client;

  public SecretsManagerVersions(SecretsManagerClient client) {
    this.client = client;
  }

  @Override
  public RotatingSecret describe(String secretId) {
    DescribeSecretResponse secret;
    try {
      secret =
          call("DescribeSecret", secretId, () -> client.describeSecret(r -> r.secretId(secretId)));
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
          call(
                  "GetSecretValue",
                  secretId,
                  () ->
                      client.getSecretValue(
                          r -> r.secretId(secretId).versionId(versionId).versionStage(stage)))
              .secretString());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void putPending(String secretId, String token, String value) {
    try {
      call(
          "PutSecretValue",
          secretId,
          () ->
              client.putSecretValue(
                  r ->
                      r.secretId(secretId)
                          .clientRequestToken(token)
                          .secretString(value)
                          .versionStages(SecretRotator.PENDING)));
    } catch (ResourceExistsException e) {
      throw new RotationException(
          "version " + token + " of secret " + secretId + " already has another value");
    }
  }

  @Override
  public void makeCurrent(String secretId, String token, String currentVersion) {
    call(
        "UpdateSecretVersionStage",
        secretId,
        () ->
            client.updateSecretVersionStage(
                r ->
                    r.secretId(secretId)
                        .versionStage(SecretRotator.CURRENT)
                        .moveToVersionId(token)
                        .removeFromVersionId(currentVersion)));
  }

  /**
   * Runs one call. ResourceNotFoundException and ResourceExistsException pass through for the
   * caller to handle; any other AWS error becomes a RotationException, since AWS messages carry no
   * secret values.
   */
  private static <T> T call(String operation, String secretId, Supplier<T> request) {
    try {
      return request.get();
    } catch (ResourceNotFoundException | ResourceExistsException e) {
      throw e;
    } catch (SdkException e) {
      throw new RotationException(
          operation
              + " of secret "
              + secretId
              + " failed: "
              + e.getMessage()
              + "; check the credentials, the region and the secret's policy",
          e);
    }
  }
}
