package dev.stepline.aws;

import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.ExecutionStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The execution store contract on DynamoDB, served by moto. */
@ExtendWith(MotoServer.class)
class DynamoDbExecutionStoreTest extends ExecutionStoreContract {
  private static final String TABLE = "stepline-contract";

  private final DynamoDbClient client;

  DynamoDbExecutionStoreTest(MotoServer.Endpoint moto) {
    this.client = moto.dynamoDb();
    ExecutionTable.create(client, TABLE);
  }

  @Override
  protected ExecutionStore newStore() {
    return new DynamoDbExecutionStore(client, TABLE, Duration.ofDays(7));
  }
}
