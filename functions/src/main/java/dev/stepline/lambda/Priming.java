package dev.stepline.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.stepline.aws.DynamoDbExecutionStore;
import dev.stepline.aws.SecretsManagerSecretStore;
import dev.stepline.runtime.StepRequest;
import dev.stepline.runtime.StepResult;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.TextTaskResolver;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.runtime.store.InMemoryExecutionStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Priming of a step handler before a SnapStart snapshot: runs the handler's first request against
 * nothing external, so that the snapshot contains the classes that request loads. It runs the
 * handler's JSON and logging path and the runtime core (task loading, expressions, secret masking)
 * on an in-memory store with an in-memory secret, then the SDK calls of a step on clients whose
 * HTTP client returns a fixed response ({@link FixedResponseHttpClient}). Only the url-connection
 * client's own classes are left for the first real request.
 *
 * <p>An exception during priming is logged, and the snapshot goes ahead without the rest of the
 * priming.
 */
final class Priming {
  private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

  private static final String EXECUTION = "priming";
  private static final String SECRET = "PRIMING";
  private static final String TASK =
      "name: priming\n"
          + "main:\n"
          + "  - evaluate:\n"
          + "      greeting: $ 'Hello, ' + _['name'].upper()\n"
          + "      key_length: $ len(secrets."
          + SECRET
          + ")\n"
          + "  - if: $ len(str(_)) > 0\n"
          + "    then:\n"
          + "      evaluate:\n"
          + "        done: true\n"
          + "  - wait_for_input:\n"
          + "      info:\n"
          + "        question: $ 'Go on, ' + _['name'] + '?'\n";

  /** The request path of a handler: one event in, one response out, run by the given runner. */
  @FunctionalInterface
  interface RequestPath {
    void handle(
        InputStream input,
        OutputStream output,
        Context context,
        Function<StepRequest, StepResult> runner)
        throws IOException;
  }

  private final List<String> events;

  private Priming(String... events) {
    this.events = List.of(events);
  }

  /**
   * Returns a priming of the {@code step} action of an {@code evaluate} step, as {@link
   * EvaluateHandler} runs it.
   */
  static Priming evaluateStep() {
    return new Priming(event("step", "main[0]"));
  }

  /**
   * Returns a priming of the {@code condition} action of an {@code if} step, as {@link
   * ControlHandler} runs it.
   */
  static Priming ifCondition() {
    return new Priming(event("condition", "main[1]"));
  }

  /**
   * Returns a priming of the {@code step} action of a {@code wait_for_input} step, which stores its
   * task token, as {@link WaitHandler} runs it.
   */
  static Priming waitForInput() {
    return new Priming(event("step", "main[2]").replace("}", ",\"token\":\"priming-token\"}"));
  }

  /**
   * Returns a priming of the {@code start} and {@code finish} actions of an execution, as {@link
   * ExecutionHandler} runs them.
   */
  static Priming startAndFinish() {
    return new Priming(event("start", "main"), event("finish", "main"));
  }

  private static String event(String action, String path) {
    return "{\"action\":\""
        + action
        + "\",\"execution\":\""
        + EXECUTION
        + "\",\"workflow\":\"main\",\"path\":\""
        + path
        + "\",\"scope\":\"\"}";
  }

  /** Runs the priming requests through {@code path}, then the SDK calls. */
  void run(RequestPath path) {
    try {
      runRequest(path);
      runSdkCalls();
    } catch (RuntimeException | IOException e) {
      LOG.warn("priming before the snapshot failed; the first request loads what is left", e);
    }
  }

  private void runRequest(RequestPath path) throws IOException {
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    store.createExecution(ExecutionRecord.queued(EXECUTION, "priming", TASK, "{\"name\":\"ada\"}"));
    store.updateStatus(EXECUTION, ExecutionStatus.STARTING);
    store.updateStatus(EXECUTION, ExecutionStatus.RUNNING);
    StepRunner runner =
        StepRunner.builder()
            .store(store)
            .secrets(new LocalSecretStore(null, Map.of(LocalSecretStore.ENV_PREFIX + SECRET, "x")))
            .tasks(TextTaskResolver.forValidatedTasks(1))
            .deployed(true)
            .build();
    for (String event : events) {
      path.handle(
          new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
          new ByteArrayOutputStream(),
          null,
          runner::run);
    }
  }

  /** Makes the DynamoDB and Secrets Manager calls of a step, on offline clients. */
  private static void runSdkCalls() {
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
    try (DynamoDbClient dynamoDb =
            DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(new FixedResponseHttpClient())
                .build();
        SecretsManagerClient secretsManager =
            SecretsManagerClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(new FixedResponseHttpClient())
                .build()) {
      DynamoDbExecutionStore store = new DynamoDbExecutionStore(dynamoDb, EXECUTION, null);
      attempt(() -> store.findExecution(EXECUTION));
      // The store stops at the missing execution, so the other operations of a step are called
      // on the client itself.
      Map<String, AttributeValue> key =
          Map.of("pk", AttributeValue.fromS(EXECUTION), "sk", AttributeValue.fromS(EXECUTION));
      attempt(
          () ->
              dynamoDb.query(
                  request ->
                      request
                          .tableName(EXECUTION)
                          .keyConditionExpression("pk = :pk")
                          .expressionAttributeValues(Map.of(":pk", key.get("pk")))));
      attempt(
          () ->
              dynamoDb.putItem(
                  request ->
                      request
                          .tableName(EXECUTION)
                          .item(key)
                          .conditionExpression("attribute_not_exists(pk)")));
      attempt(
          () ->
              dynamoDb.updateItem(
                  request ->
                      request
                          .tableName(EXECUTION)
                          .key(key)
                          .updateExpression("ADD seq :one")
                          .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                          .returnValues(ReturnValue.UPDATED_NEW)));
      SecretsManagerSecretStore secrets =
          new SecretsManagerSecretStore(secretsManager, "stepline/", Duration.ZERO);
      attempt(() -> secrets.find(SECRET));
    }
  }

  /**
   * Makes one call and ignores its failure. An empty response may not satisfy the caller, and the
   * classes loaded before the failure are what priming is for.
   */
  private static void attempt(Supplier<?> call) {
    try {
      call.get();
    } catch (RuntimeException e) {
      LOG.debug("priming call ended with {}", e.toString());
    }
  }

  /** An HTTP client that returns status 200 and the JSON body {@code {}} without a network. */
  private static final class FixedResponseHttpClient implements SdkHttpClient {
    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return HttpExecuteResponse.builder()
              .response(
                  SdkHttpResponse.builder()
                      .statusCode(200)
                      .putHeader("Content-Type", "application/x-amz-json-1.1")
                      .build())
              .responseBody(
                  AbortableInputStream.create(
                      new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
              .build();
        }

        @Override
        public void abort() {
          // Nothing is in flight.
        }
      };
    }

    @Override
    public void close() {
      // Nothing to release.
    }
  }
}
