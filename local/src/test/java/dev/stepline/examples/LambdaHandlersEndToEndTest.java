package dev.stepline.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.aws.DynamoDbExecutionStore;
import dev.stepline.aws.ExecutionTable;
import dev.stepline.aws.MotoServer;
import dev.stepline.engine.AslEngine;
import dev.stepline.engine.TaskFailedException;
import dev.stepline.lambda.ControlHandler;
import dev.stepline.lambda.EvaluateHandler;
import dev.stepline.lambda.ExecutionHandler;
import dev.stepline.lambda.LambdaSettings;
import dev.stepline.lambda.LambdaWiring;
import dev.stepline.lambda.PromptHandler;
import dev.stepline.lambda.StandardOutput;
import dev.stepline.lambda.StepHandler;
import dev.stepline.lambda.ToolHandler;
import dev.stepline.lambda.WaitHandler;
import dev.stepline.runtime.StepFailedException;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.testing.ExternalTools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.paginators.ScanIterable;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Runs the bundled examples, compiled in {@code statemachines/}, on the embedded engine whose Task
 * states call the real Lambda handler classes, wired as in a Lambda container to DynamoDB and to
 * Secrets Manager on moto, with the example's secrets stored under Stepline's name prefix. Checks
 * each output against the one {@code stepline run} prints (as {@link ExamplesEndToEndTest} does)
 * and that no secret value reaches the table.
 */
@ExtendWith(MotoServer.class)
class LambdaHandlersEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:stepline-";
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:";

  private static ExampleServices services;
  private static SSLContext jdkTls;

  private final MotoServer.Endpoint moto;

  LambdaHandlersEndToEndTest(MotoServer.Endpoint moto) {
    this.moto = moto;
  }

  @BeforeAll
  static void startServices() throws Exception {
    services = BundledExamples.services();
    // A Lambda container would trust the SMTP server through its JVM trust store; the email tool
    // uses the JVM's default TLS context.
    jdkTls = SSLContext.getDefault();
    SSLContext.setDefault(services.clientTls());
  }

  @AfterAll
  static void restoreTls() {
    SSLContext.setDefault(jdkTls);
  }

  @Test
  void quickstartRunsOnDynamoDb() throws Exception {
    Deployment deployment = new Deployment(JSON.createObjectNode());

    ExecutionRecord done = deployment.run("quickstart", Handlers::invoke);

    assertThat(done.status()).as("error %s", done.error()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(JSON.readTree(done.output()))
        .isEqualTo(BundledExamples.json("quickstart", "expected-output.json"));
  }

  @ParameterizedTest
  @MethodSource("dev.stepline.examples.BundledExamples#withServices")
  void exampleRunsWithoutSecretsInTable(String name) throws Exception {
    JsonNode secrets = JSON.readTree(BundledExamples.filledSecrets(services, name));
    Deployment deployment = new Deployment(secrets);

    ExecutionRecord done = deployment.run(name, Handlers::invoke);

    assertThat(done.status()).as("error %s", done.error()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(JSON.readTree(done.output())).isEqualTo(BundledExamples.json(name, "expected.json"));
    String table = deployment.tableText();
    String task = Files.readString(BundledExamples.FOLDER.resolve(name).resolve("task.yaml"));
    assertThat(table).contains(done.id(), task);
    for (String value : BundledExamples.secretValues(secrets)) {
      // The table keeps the task text, so a secret value that the task itself spells out, such
      // as the service name "service_b", is no leak.
      if (!task.contains(value)) {
        assertThat(table).as("DynamoDB items of %s", name).doesNotContain(value);
      }
    }
  }

  /**
   * Fails the first call of the greeting step as a throttled Lambda invocation does. The state
   * machine retries it, so the handler's log lines of the second call carry attempt 1.
   */
  @Test
  void retriedStepLogsItsAttempt() throws Exception {
    Deployment deployment = new Deployment(JSON.createObjectNode());
    AtomicBoolean throttled = new AtomicBoolean();
    Invoker throttleOnce =
        (handlers, resource, parameters) -> {
          if (parameters.path("path").asText().equals("main[0]")
              && throttled.compareAndSet(false, true)) {
            throw new TaskFailedException("Lambda.TooManyRequestsException", "Rate exceeded");
          }
          return handlers.invoke(resource, parameters);
        };
    List<ExecutionRecord> done = new ArrayList<>();

    List<String> lines =
        StandardOutput.capture(() -> done.add(deployment.run("quickstart", throttleOnce)));

    assertThat(done.get(0).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    List<JsonNode> greeting = new ArrayList<>();
    for (String line : lines) {
      JsonNode entry = JSON.readTree(line);
      if (entry.path("path").asText().equals("main[0]")) {
        greeting.add(entry);
      }
    }
    assertThat(greeting).isNotEmpty();
    for (JsonNode entry : greeting) {
      assertThat(entry.path("execution").asText()).isEqualTo(done.get(0).id());
      assertThat(entry.path("attempt").asText()).as("log line %s", entry).isEqualTo("1");
    }
  }

  /** Passes a Task state's request on to the Lambda handler that its resource ARN names. */
  interface Invoker {
    JsonNode call(Handlers handlers, String resource, JsonNode parameters)
        throws TaskFailedException;
  }

  /** The six functions of {@code template.yaml}, by the ARN of their substitution. */
  record Handlers(Map<String, StepHandler> byArn, Map<String, String> substitutions) {
    /** Calls the handler as Lambda does: the request as the event, the response as the result. */
    JsonNode invoke(String resource, JsonNode parameters) throws TaskFailedException {
      StepHandler handler = byArn.get(resource);
      if (handler == null) {
        throw new TaskFailedException("Lambda.ResourceNotFoundException", resource);
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      try {
        handler.handleRequest(
            new ByteArrayInputStream(JSON.writeValueAsBytes(parameters)), output, null);
        return JSON.readTree(output.toString(StandardCharsets.UTF_8));
      } catch (StepFailedException e) {
        // Lambda reports an exception thrown by a Java handler with its class name as the error.
        throw new TaskFailedException(StepFailedException.class.getName(), e.getMessage());
      } catch (IOException e) {
        throw new TaskFailedException("Lambda.SdkClientException", e.getMessage());
      }
    }
  }

  /**
   * One deployment: a table of its own, the secrets under a prefix of its own, and the handlers
   * wired to both.
   */
  private final class Deployment {
    private final String table = "stepline-e2e-" + UUID.randomUUID();
    private final String secretPrefix = "stepline/" + UUID.randomUUID() + "/";
    private final Handlers handlers;

    Deployment(JsonNode secrets) {
      ExecutionTable.create(moto.dynamoDb(), table);
      secrets.fields().forEachRemaining(secret -> createSecret(secret.getKey(), secret.getValue()));
      Map<String, String> environment = new LinkedHashMap<>();
      environment.put("STEPLINE_TABLE_NAME", table);
      environment.put("STEPLINE_SECRET_PREFIX", secretPrefix);
      environment.put("STEPLINE_MODEL_BASE_URL", services.placeholders().get("MODEL_BASE_URL"));
      KmsClient kms = moto.kms();
      environment.put(
          "STEPLINE_SEALING_KEY_ID",
          kms.createKey(request -> request.description("sealing")).keyMetadata().keyId());
      LambdaWiring wiring =
          new LambdaWiring(
                  LambdaSettings.fromEnvironment(environment),
                  environment,
                  moto.dynamoDb(),
                  moto.secretsManager(),
                  kms)
              .allowingLoopback();
      StepRunner runner = wiring.runner();
      StepRunner withTools = wiring.runnerWithTools();
      Map<String, StepHandler> byArn = new LinkedHashMap<>();
      Map<String, String> substitutions = new LinkedHashMap<>();
      add(byArn, substitutions, "Execution", new ExecutionHandler(runner));
      add(byArn, substitutions, "Evaluate", new EvaluateHandler(runner));
      add(byArn, substitutions, "Control", new ControlHandler(runner));
      add(byArn, substitutions, "Tool", new ToolHandler(withTools));
      add(byArn, substitutions, "Prompt", new PromptHandler(withTools));
      add(byArn, substitutions, "Wait", new WaitHandler(runner));
      handlers = new Handlers(byArn, substitutions);
    }

    private static void add(
        Map<String, StepHandler> byArn,
        Map<String, String> substitutions,
        String function,
        StepHandler handler) {
      String arn = FUNCTION + function.toLowerCase();
      byArn.put(arn, handler);
      substitutions.put(function + "FunctionArn", arn);
    }

    /** Stores a secret as {@code secrets.json} gives it: a value, or a value and description. */
    private void createSecret(String name, JsonNode secret) {
      String value = secret.isTextual() ? secret.asText() : secret.path("value").asText();
      String description = secret.isTextual() ? null : secret.path("description").asText(null);
      moto.secretsManager()
          .createSecret(
              request ->
                  request.name(secretPrefix + name).secretString(value).description(description));
    }

    /**
     * Creates the execution record of the example's task and input, runs its compiled machine to
     * the end, and returns the record.
     */
    ExecutionRecord run(String example, Invoker invoker) throws Exception {
      Path root = ExternalTools.repoRoot();
      DynamoDbExecutionStore store =
          new DynamoDbExecutionStore(moto.dynamoDb(), table, Duration.ofDays(1));
      String id = "exec-" + UUID.randomUUID();
      store.createExecution(
          ExecutionRecord.queued(
              id,
              example,
              Files.readString(BundledExamples.FOLDER.resolve(example).resolve("task.yaml")),
              BundledExamples.json(example, "input.json").toString()));

      try (AslEngine engine =
          AslEngine.builder()
              .fastWaits(true)
              .taskHandler(
                  (resource, parameters, token, context) ->
                      invoker.call(handlers, resource, parameters))
              .build()) {
        engine.registerStateMachine(
            MACHINE + example,
            Files.readString(root.resolve("statemachines").resolve(example + ".asl.json")),
            handlers.substitutions());
        engine
            .startExecution(
                MACHINE + example,
                id,
                JSON.readTree("{\"execution\": \"" + id + "\", \"scope\": \"\"}"))
            .await();
      }
      return store.findExecution(id).orElseThrow();
    }

    /** Returns the text of every item of the table: strings, numbers and binary data as UTF-8. */
    String tableText() {
      StringBuilder text = new StringBuilder();
      ScanIterable pages = moto.dynamoDb().scanPaginator(request -> request.tableName(table));
      pages.items().forEach(item -> item.values().forEach(value -> append(text, value)));
      return text.toString();
    }

    private static void append(StringBuilder text, AttributeValue value) {
      if (value.s() != null) {
        text.append(value.s()).append('\n');
      } else if (value.n() != null) {
        text.append(value.n()).append('\n');
      } else if (value.b() != null) {
        text.append(value.b().asUtf8String()).append('\n');
      } else if (value.hasSs()) {
        value.ss().forEach(s -> text.append(s).append('\n'));
      } else if (value.hasL()) {
        value.l().forEach(element -> append(text, element));
      } else if (value.hasM()) {
        value.m().values().forEach(element -> append(text, element));
      }
    }
  }
}
