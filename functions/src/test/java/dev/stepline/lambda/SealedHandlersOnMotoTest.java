package dev.stepline.lambda;

import static dev.stepline.lambda.HandlerCalls.invoke;
import static dev.stepline.lambda.HandlerCalls.request;
import static dev.stepline.lambda.HandlerCalls.tableText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.aws.DynamoDbExecutionStore;
import dev.stepline.aws.ExecutionTable;
import dev.stepline.aws.MotoServer;
import dev.stepline.runtime.StepFailedException;
import dev.stepline.runtime.seal.SealedEnvelope;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.testing.Canaries;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The handlers seal secret-derived values with KMS in the DynamoDB table on moto, and a handler of
 * another container, sharing only the KMS key, reads them back.
 */
@ExtendWith(MotoServer.class)
class SealedHandlersOnMotoTest {
  private static final String TABLE = "stepline-sealed";
  private static final String TASK =
      """
      name: sealed
      main:
        - set:
            tail: $ secrets.WEATHER_KEY[5:]
        - evaluate:
            derived: $ secrets.WEATHER_KEY + "suffix"
            n: $ len(secrets.WEATHER_KEY)
        - evaluate:
            again: $ _.derived[:-6]
            length: $ len(_.derived)
            tail_matches: $ state.tail == _.derived[5:-6]
      """;

  private final String canary = "canary-" + UUID.randomUUID();
  private final DynamoDbClient dynamoDb;
  private final SecretsManagerClient secretsManager;
  private final KmsClient kms;
  private final String keyId;
  private final String prefix = "stepline/" + UUID.randomUUID() + "/";
  private final DynamoDbExecutionStore store;

  SealedHandlersOnMotoTest(MotoServer.Endpoint moto) {
    dynamoDb = moto.dynamoDb();
    secretsManager = moto.secretsManager();
    kms = moto.kms();
    ExecutionTable.create(dynamoDb, TABLE);
    keyId = kms.createKey(request -> request.description("stepline sealing")).keyMetadata().keyId();
    store = new DynamoDbExecutionStore(dynamoDb, TABLE, Duration.ofDays(7));
    secretsManager.createSecret(r -> r.name(prefix + "WEATHER_KEY").secretString(canary));
  }

  @Test
  void tableHoldsNoCanary() throws Exception {
    String id = runAll(wiring(keyId), wiring(keyId));

    String table = tableText(dynamoDb, TABLE, id);
    for (String value : List.of(canary, canary + "suffix", canary.substring(5))) {
      for (String form : Canaries.forms(value)) {
        assertThat(table).as("form %s", form).doesNotContain(form);
      }
    }
    assertThat(table).contains(SealedEnvelope.PREFIX + "kms:");
    assertThat(table).contains("\"n\":" + canary.length());
  }

  @Test
  void otherContainerReadsRealValues() throws Exception {
    LambdaWiring other = wiring(keyId);
    String id = runAll(wiring(keyId), other);

    String output = other.runner().store().findStep(id, "", "main[2]").orElseThrow().output();
    assertThat(output)
        .isEqualTo(
            "{\"again\":\""
                + canary
                + "\",\"length\":"
                + (canary.length() + 6)
                + ",\"tail_matches\":true}");
  }

  @Test
  void otherKeyFailsWithoutValue() throws Exception {
    String otherKey = kms.createKey(request -> request.description("other")).keyMetadata().keyId();
    LambdaWiring first = wiring(keyId);
    String id = createExecution();
    EvaluateHandler evaluate = new EvaluateHandler(first.runner());
    invoke(new ExecutionHandler(first.runner()), request("start", id, "main"));
    invoke(evaluate, request("step", id, "main[0]"));
    invoke(evaluate, request("step", id, "main[1]"));
    EvaluateHandler wrong = new EvaluateHandler(wiring(otherKey).runner());

    assertThatThrownBy(() -> invoke(wrong, request("step", id, "main[2]")))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("SealError")
        .hasMessageNotContaining(canary.substring(5));
  }

  private String runAll(LambdaWiring first, LambdaWiring second) throws Exception {
    String id = createExecution();
    EvaluateHandler evaluate = new EvaluateHandler(first.runner());
    invoke(new ExecutionHandler(first.runner()), request("start", id, "main"));
    invoke(evaluate, request("step", id, "main[0]"));
    invoke(evaluate, request("step", id, "main[1]"));
    invoke(new EvaluateHandler(second.runner()), request("step", id, "main[2]"));
    invoke(new ExecutionHandler(second.runner()), request("finish", id, "main"));
    assertThat(store.findExecution(id).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    return id;
  }

  private LambdaWiring wiring(String sealingKey) {
    Map<String, String> environment =
        Map.of(
            "STEPLINE_TABLE_NAME", TABLE,
            "STEPLINE_SECRET_PREFIX", prefix,
            "STEPLINE_SEALING_KEY_ID", sealingKey);
    return new LambdaWiring(
        LambdaSettings.fromEnvironment(environment), environment, dynamoDb, secretsManager, kms);
  }

  private String createExecution() {
    String id = "exec-" + UUID.randomUUID();
    store.createExecution(ExecutionRecord.queued(id, "sealed", TASK, "{}"));
    return id;
  }
}
