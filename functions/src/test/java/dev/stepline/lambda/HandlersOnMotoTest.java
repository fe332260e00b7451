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
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.runtime.store.Failure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The real handler classes, wired as in Lambda to DynamoDB and Secrets Manager on moto, run the
 * requests a compiled state machine sends.
 */
@ExtendWith(MotoServer.class)
class HandlersOnMotoTest {
  private static final String TABLE = "stepline-handlers";
  private static final String TASK =
      "name: greet\n"
          + "main:\n"
          + "  - evaluate:\n"
          + "      greeting: $ 'Hello, ' + _['name']\n"
          + "      key_length: $ len(secrets.WEATHER_KEY)\n";

  private final DynamoDbClient dynamoDb;
  private final SecretsManagerClient secretsManager;
  private String prefix;
  private LambdaWiring wiring;
  private DynamoDbExecutionStore store;

  HandlersOnMotoTest(MotoServer.Endpoint moto) {
    dynamoDb = moto.dynamoDb();
    secretsManager = moto.secretsManager();
    ExecutionTable.create(dynamoDb, TABLE);
  }

  @BeforeEach
  void wire() {
    prefix = "stepline/" + UUID.randomUUID() + "/";
    Map<String, String> environment =
        Map.of(
            "STEPLINE_TABLE_NAME", TABLE,
            "STEPLINE_TTL_DAYS", "7",
            "STEPLINE_SECRET_PREFIX", prefix);
    wiring =
        new LambdaWiring(
            LambdaSettings.fromEnvironment(environment), environment, dynamoDb, secretsManager);
    store = new DynamoDbExecutionStore(dynamoDb, TABLE, Duration.ofDays(7));
    secretsManager.createSecret(r -> r.name(prefix + "WEATHER_KEY").secretString("tok-TEST-123"));
  }

  @Test
  void executionRunsToItsOutput() throws Exception {
    String id = createExecution(TASK, "{\"name\": \"Ada\"}");
    ExecutionHandler execution = new ExecutionHandler(wiring.runner());
    EvaluateHandler evaluate = new EvaluateHandler(wiring.runner());

    assertThat(invoke(execution, request("start", id, "main"))).isEqualTo("{}");
    assertThat(invoke(evaluate, request("step", id, "main[0]"))).isEqualTo("{}");
    assertThat(invoke(execution, request("finish", id, "main"))).isEqualTo("{}");

    ExecutionRecord done = store.findExecution(id).orElseThrow();
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"greeting\":\"Hello, Ada\",\"key_length\":12}");
    assertThat(tableText(dynamoDb, TABLE, id)).doesNotContain("tok-TEST-123");
  }

  @Test
  void retriedStepKeepsOneRecord() throws Exception {
    String id = createExecution(TASK, "{\"name\": \"Ada\"}");
    EvaluateHandler evaluate = new EvaluateHandler(wiring.runner());
    invoke(new ExecutionHandler(wiring.runner()), request("start", id, "main"));

    invoke(evaluate, request("step", id, "main[0]"));
    invoke(evaluate, request("step", id, "main[0]"));

    assertThat(store.steps(id, "")).hasSize(1);
  }

  @Test
  void missingSecretFailsStepWithoutValue() throws Exception {
    String task =
        "name: wrong-secret\nmain:\n  - evaluate:\n      auth: $ 'Bearer ' + secrets.weather_key\n";
    String id = createExecution(task, "{}");
    invoke(new ExecutionHandler(wiring.runner()), request("start", id, "main"));

    assertThatThrownBy(
            () -> invoke(new EvaluateHandler(wiring.runner()), request("step", id, "main[0]")))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("secret not found: weather_key");

    List<Failure> failures = store.failures(id);
    assertThat(failures).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("main[0]"));
    assertThat(tableText(dynamoDb, TABLE, id)).doesNotContain("tok-TEST-123");
  }

  @Test
  void conditionReturnsBranch() throws Exception {
    String task =
        "name: route\nmain:\n  - if: $ _['tier'] == 1\n    then:\n      evaluate: {route: gold}\n"
            + "    else:\n      evaluate: {route: standard}\n";
    String id = createExecution(task, "{\"tier\": 2}");
    invoke(new ExecutionHandler(wiring.runner()), request("start", id, "main"));

    String result =
        invoke(new ControlHandler(wiring.runner()), request("condition", id, "main[0]"));

    assertThat(result).isEqualTo("{\"branch\":1}");
  }

  private String createExecution(String taskText, String input) {
    String id = "exec-" + UUID.randomUUID();
    store.createExecution(ExecutionRecord.queued(id, "demo", taskText, input));
    store.updateStatus(id, ExecutionStatus.STARTING);
    return id;
  }
}
