package dev.stepline.aws;

import dev.stepline.api.ApiStore;
import dev.stepline.api.ApiStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The API store contract on DynamoDB, served by moto, in the table of the execution store. */
@ExtendWith(MotoServer.class)
class DynamoDbApiStoreTest extends ApiStoreContract {
  private static final String TABLE = "stepline-api-contract";

  private final DynamoDbClient client;

  DynamoDbApiStoreTest(MotoServer.Endpoint moto) {
    this.client = moto.dynamoDb();
    ExecutionTable.create(client, TABLE);
  }

  @Override
  protected ApiStore newStore() {
    return new DynamoDbApiStore(client, TABLE);
  }
}
