package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.runtime.secrets.SecretStore.SecretUpdate;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.ExecutionStoreContract;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The execution store contract and the Secrets Manager rename flow on LocalStack, started by
 * Testcontainers. Without a Docker engine the class is skipped, and the skip names the reason.
 * {@code LOCALSTACK_AUTH_TOKEN} is passed to the container when it is set.
 */
@ExtendWith(LocalStackTest.RequiresDocker.class)
class LocalStackTest extends ExecutionStoreContract {
  private static final String TABLE = "stepline-localstack";
  private static LocalStackContainer localstack;

  /** Disables the class, with the reason, where no Docker engine is reachable. */
  static final class RequiresDocker implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (DockerClientFactory.instance().isDockerAvailable()) {
        return ConditionEvaluationResult.enabled("a Docker engine is reachable");
      }
      return ConditionEvaluationResult.disabled(
          "no Docker engine is reachable, so the LocalStack suite is skipped; the same contract runs"
              + " on moto in DynamoDbExecutionStoreTest");
    }
  }

  @BeforeAll
  static void startLocalStack() {
    localstack =
        new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(
                LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SECRETSMANAGER);
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    if (token != null) {
      localstack.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }
    localstack.start();
    ExecutionTable.create(dynamoDb(), TABLE);
  }

  @AfterAll
  static void stopLocalStack() {
    if (localstack != null) {
      localstack.stop();
    }
  }

  @Override
  protected ExecutionStore newStore() {
    return new DynamoDbExecutionStore(dynamoDb(), TABLE, Duration.ofDays(1));
  }

  @Test
  void secretRenameAndReuse() {
    SecretsManagerSecretStore secrets =
        new SecretsManagerSecretStore(
            secretsManager(), "stepline/" + UUID.randomUUID() + "/", Duration.ofMinutes(5));
    secrets.create("OLD_NAME", "v1", null, Map.of());

    secrets.update("OLD_NAME", new SecretUpdate(null, null, null, "NEW_NAME"));
    secrets.create("OLD_NAME", "v2", null, Map.of());

    assertThat(secrets.get("NEW_NAME")).isEqualTo("v1");
    assertThat(secrets.get("OLD_NAME")).isEqualTo("v2");
  }

  private static DynamoDbClient dynamoDb() {
    return DynamoDbClient.builder()
        .endpointOverride(localstack.getEndpoint())
        .region(Region.of(localstack.getRegion()))
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static SecretsManagerClient secretsManager() {
    return SecretsManagerClient.builder()
        .endpointOverride(localstack.getEndpoint())
        .region(Region.of(localstack.getRegion()))
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()));
  }
}
