package dev.stepline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.aws.DynamoDbExecutionStore;
import dev.stepline.aws.ExecutionTable;
import dev.stepline.aws.MotoServer;
import dev.stepline.lambda.ControlHandler;
import dev.stepline.lambda.EvaluateHandler;
import dev.stepline.lambda.ExecutionHandler;
import dev.stepline.lambda.LambdaSettings;
import dev.stepline.lambda.LambdaWiring;
import dev.stepline.lambda.StepHandler;
import dev.stepline.runtime.StepFailedException;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.testing.ExternalTools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A bundled example, compiled in {@code statemachines/}, runs on the embedded engine whose Task
 * states call the real Lambda handler classes, wired to DynamoDB and Secrets Manager on moto as in
 * a Lambda container.
 */
@ExtendWith(MotoServer.class)
class LambdaHandlersEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "stepline-end-to-end";
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:stepline-";

  private final MotoServer.Endpoint moto;

  LambdaHandlersEndToEndTest(MotoServer.Endpoint moto) {
    this.moto = moto;
    ExecutionTable.create(moto.dynamoDb(), TABLE);
  }

  @Test
  void quickstartRunsThroughHandlersOnDynamoDb() throws Exception {
    Path root = ExternalTools.repoRoot();
    DynamoDbClient dynamoDb = moto.dynamoDb();
    Map<String, String> environment =
        Map.of("STEPLINE_TABLE_NAME", TABLE, "STEPLINE_SECRET_PREFIX", "stepline/e2e/");
    StepRunner runner =
        new LambdaWiring(
                LambdaSettings.fromEnvironment(environment),
                environment,
                dynamoDb,
                moto.secretsManager())
            .runner();
    Map<String, StepHandler> handlers = new LinkedHashMap<>();
    handlers.put(FUNCTION + "execution", new ExecutionHandler(runner));
    handlers.put(FUNCTION + "evaluate", new EvaluateHandler(runner));
    handlers.put(FUNCTION + "control", new ControlHandler(runner));
    Map<String, String> substitutions = new LinkedHashMap<>();
    substitutions.put("ExecutionFunctionArn", FUNCTION + "execution");
    substitutions.put("EvaluateFunctionArn", FUNCTION + "evaluate");
    substitutions.put("ControlFunctionArn", FUNCTION + "control");

    DynamoDbExecutionStore store = new DynamoDbExecutionStore(dynamoDb, TABLE, Duration.ofDays(1));
    String id = "exec-" + UUID.randomUUID();
    store.createExecution(
        ExecutionRecord.queued(
            id,
            "quickstart",
            Files.readString(root.resolve("examples/quickstart/task.yaml")),
            Files.readString(root.resolve("examples/quickstart/input.json"))));

    String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:quickstart";
    try (AslEngine engine =
        AslEngine.builder()
            .taskHandler(
                (resource, parameters, token, context) ->
                    invoke(handlers.get(resource), parameters))
            .build()) {
      engine.registerStateMachine(
          machine,
          Files.readString(root.resolve("statemachines/quickstart.asl.json")),
          substitutions);
      engine
          .startExecution(
              machine, id, JSON.readTree("{\"execution\": \"" + id + "\", \"scope\": \"\"}"))
          .await();
    }

    ExecutionRecord done = store.findExecution(id).orElseThrow();
    assertThat(done.status()).as("error %s", done.error()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(JSON.readTree(done.output()))
        .isEqualTo(
            JSON.readTree(
                Files.readString(root.resolve("examples/quickstart/expected-output.json"))));
  }

  private static JsonNode invoke(StepHandler handler, JsonNode parameters)
      throws TaskFailedException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      handler.handleRequest(
          new ByteArrayInputStream(JSON.writeValueAsBytes(parameters)), output, null);
      return JSON.readTree(output.toString(StandardCharsets.UTF_8));
    } catch (StepFailedException e) {
      throw new TaskFailedException(StepFailedException.class.getName(), e.getMessage());
    } catch (java.io.IOException e) {
      throw new TaskFailedException("Lambda.SdkClientException", e.getMessage());
    }
  }
}
