package dev.stepline.api;

import dev.stepline.aws.DynamoDbApiStore;
import dev.stepline.aws.DynamoDbExecutionStore;
import dev.stepline.aws.ExecutionTable;
import dev.stepline.aws.MotoServer;
import dev.stepline.runtime.secrets.SecretStore;
import dev.stepline.runtime.store.ExecutionStore;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The API tests of {@link SteplineApiTest} with agents, tasks and executions in DynamoDB and each
 * tenant's secrets in Secrets Manager, both served by moto, wired as the Lambda function wires them
 * ({@link ApiWiring#tenantSecrets}). Executions go to the recording starter, as in the parent test:
 * {@code StepFunctionsStarterTest} and {@code AwsApiOnMotoTest} cover the Step Functions starter.
 * Each test gets a table and a secret prefix of its own, so the tenants start empty.
 */
@ExtendWith(MotoServer.class)
class SteplineApiOnMotoTest extends SteplineApiTest {
  private final DynamoDbClient dynamoDb;
  private final SecretsManagerClient secretsManager;
  private final String table = "stepline-api-" + UUID.randomUUID();

  SteplineApiOnMotoTest(MotoServer.Endpoint moto) {
    this.dynamoDb = moto.dynamoDb();
    this.secretsManager = moto.secretsManager();
    ExecutionTable.create(dynamoDb, table);
  }

  @Override
  ExecutionStore newExecutionStore() {
    return new DynamoDbExecutionStore(dynamoDb, table, Duration.ofDays(1));
  }

  @Override
  ApiStore newApiStore() {
    return new DynamoDbApiStore(dynamoDb, table);
  }

  @Override
  Function<String, SecretStore> newSecretStores() {
    return ApiWiring.tenantSecrets(secretsManager, table + "/", Duration.ZERO);
  }
}
