package dev.stepline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepline.aws.DynamoDbExecutionStore;
import dev.stepline.aws.ExecutionTable;
import dev.stepline.aws.MotoServer;
import dev.stepline.lambda.EvaluateHandler;
import dev.stepline.lambda.ExecutionHandler;
import dev.stepline.lambda.LambdaSettings;
import dev.stepline.lambda.LambdaWiring;
import dev.stepline.lambda.StepHandler;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.StepFailedException;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.testing.ExternalTools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * The Lambda handler of the HTTP API wired as on AWS ({@link ApiWiring}: DynamoDB, Secrets Manager
 * and Step Functions, all on moto), called with HTTP API events whose authorizer context names the
 * caller. Moto registers the state machines and starts and stops their executions but runs no
 * Lambda task, so executions stay {@code queued} in the store; the tests check what the API sent to
 * Step Functions and what each tenant can reach.
 */
@ExtendWith(MotoServer.class)
class AwsApiOnMotoTest {
  private static final String ACCOUNT_A = "111111111111";
  private static final String ACCOUNT_B = "222222222222";
  private static final String MOTO_ACCOUNT = "123456789012";
  private static final List<String> KINDS =
      List.of("execution", "evaluate", "control", "tool", "prompt", "wait");
  private static final String TASK_YAML =
      """
      name: greet
      main:
        - evaluate:
            greeting: $ "Hello, " + _.name
      """;
  private static final String SECRET_READER =
      """
      name: reader
      main:
        - evaluate:
            length: $ len(secrets[_.which])
      """;

  private final SfnClient stepFunctions;
  private final SecretsManagerClient secretsManager;
  private final DynamoDbClient dynamoDb;
  private final String table;
  private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
  private final HttpApiHandler handler;

  AwsApiOnMotoTest(MotoServer.Endpoint moto) {
    this.stepFunctions = moto.stepFunctions();
    this.secretsManager = moto.secretsManager();
    this.dynamoDb = moto.dynamoDb();
    this.table = prefix + "-executions";
    ExecutionTable.create(dynamoDb, table);
    ApiWiring wiring =
        new ApiWiring(environment(table), moto.dynamoDb(), secretsManager, stepFunctions);
    this.handler = new HttpApiHandler(wiring.api(), wiring.tenantClaim());
  }

  @Test
  void taskRunsAndStopsOnStepFunctions() {
    String taskId = createTask(iam(ACCOUNT_A));
    List<StateMachineListItem> machines = machines();
    assertThat(machines).hasSize(1);
    String machineArn = machines.get(0).stateMachineArn();
    String definition =
        stepFunctions.describeStateMachine(r -> r.stateMachineArn(machineArn)).definition();

    JsonNode started =
        body(
            call(
                iam(ACCOUNT_A),
                "POST",
                "/tasks/" + taskId + "/executions",
                "{\"input\": {\"name\": \"Ada\"}}"));
    String executionId = started.get("id").asText();
    JsonNode cancelled =
        body(
            call(
                iam(ACCOUNT_A),
                "PUT",
                "/executions/" + executionId,
                "{\"status\": \"cancelled\", \"reason\": \"not needed\"}"));

    assertThat(definition).contains("function:" + prefix + "-evaluate:live").doesNotContain("${");
    List<ExecutionListItem> runs =
        stepFunctions.listExecutions(r -> r.stateMachineArn(machineArn)).executions();
    assertThat(runs).extracting(ExecutionListItem::name).containsExactly(executionId);
    // The task compiles for Express, which Step Functions cannot stop: the run stays running
    // there, and its steps refuse to run.
    assertThat(runs.get(0).status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
    assertThatThrownBy(() -> runSteps(executionId))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("ExecutionCancelled");
  }

  @Test
  void tenantsCannotReachEachOthersRecords() {
    RequestContext a = iam(ACCOUNT_A);
    RequestContext b = iam(ACCOUNT_B);
    String taskId = createTask(a);
    String executionId =
        body(call(a, "POST", "/tasks/" + taskId + "/executions", "{\"input\": {}}"))
            .get("id")
            .asText();
    call(a, "POST", "/secrets", "{\"name\": \"token\", \"value\": \"of-a\"}");

    assertThat(call(b, "GET", "/tasks/" + taskId, null).getStatusCode()).isEqualTo(404);
    assertThat(call(b, "POST", "/tasks/" + taskId + "/executions", "{}").getStatusCode())
        .isEqualTo(404);
    assertThat(call(b, "GET", "/executions/" + executionId, null).getStatusCode()).isEqualTo(404);
    assertThat(call(b, "GET", "/executions/" + executionId + "/transitions", null).getStatusCode())
        .isEqualTo(404);
    assertThat(
            call(b, "PUT", "/executions/" + executionId, "{\"status\": \"cancelled\"}")
                .getStatusCode())
        .isEqualTo(404);
    assertThat(body(call(b, "GET", "/agents", null)).get("items"))
        .extracting(agent -> agent.get("id").asText())
        .containsExactly(BundledTasks.AGENT_ID);
    assertThat(body(call(b, "GET", "/secrets", null))).isEmpty();
    assertThat(call(b, "PUT", "/secrets/token", "{\"value\": \"x\"}").getStatusCode())
        .isEqualTo(404);
    assertThat(call(b, "DELETE", "/secrets/token", null).getStatusCode()).isEqualTo(404);
    assertThat(
            call(b, "POST", "/secrets", "{\"name\": \"token\", \"value\": \"of-b\"}")
                .getStatusCode())
        .isEqualTo(201);
    assertThat(secretValue(ACCOUNT_A, "token")).isEqualTo("of-a");
    assertThat(secretValue(ACCOUNT_B, "token")).isEqualTo("of-b");
    assertThat(body(call(a, "GET", "/executions/" + executionId, null)).get("status").asText())
        .isEqualTo("queued");
  }

  @Test
  void stepsReadStartingTenantsSecrets() throws IOException {
    RequestContext a = iam(ACCOUNT_A);
    RequestContext b = iam(ACCOUNT_B);
    call(a, "POST", "/secrets", "{\"name\": \"token\", \"value\": \"value-of-a\"}");
    call(b, "POST", "/secrets", "{\"name\": \"only_b\", \"value\": \"value-of-b\"}");
    String taskOfA = createTask(a, SECRET_READER);
    String taskOfB = createTask(b, SECRET_READER);

    String readsOwn = start(a, taskOfA, "token");
    String readsOthers = start(a, taskOfA, "only_b");
    String readsAs = start(b, taskOfB, "token");
    runSteps(readsOwn);

    assertThat(body(call(a, "GET", "/executions/" + readsOwn, null)).get("output"))
        .isEqualTo(JsonValues.mapper().readTree("{\"length\": 10}"));
    assertThatThrownBy(() -> runSteps(readsOthers))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("secret not found: only_b");
    assertThatThrownBy(() -> runSteps(readsAs))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("secret not found: token");
  }

  @Test
  void directExecutionReadsPrefixSecrets() throws IOException {
    secretsManager.createSecret(r -> r.name(prefix + "/token").secretString("direct"));
    call(iam(ACCOUNT_A), "POST", "/secrets", "{\"name\": \"token\", \"value\": \"of-a\"}");
    String id = "direct-" + UUID.randomUUID();
    DynamoDbExecutionStore store = new DynamoDbExecutionStore(dynamoDb, table, Duration.ZERO);
    store.createExecution(
        ExecutionRecord.queued(id, "reader", SECRET_READER, "{\"which\": \"token\"}"));

    runSteps(id);

    assertThat(store.findExecution(id).orElseThrow().output()).isEqualTo("{\"length\":6}");
  }

  @Test
  void bundledTaskStartsDeployedMachine() throws IOException {
    String machineArn = deployBundledMachine("quickstart");
    RequestContext a = iam(ACCOUNT_A);
    String taskId = BundledTasks.taskId("quickstart");

    JsonNode listed = body(call(a, "GET", "/agents/" + BundledTasks.AGENT_ID + "/tasks", null));
    JsonNode task = body(call(a, "GET", "/tasks/" + taskId, null));
    String executionId =
        body(call(
                a, "POST", "/tasks/" + taskId + "/executions", "{\"input\": {\"name\": \"Ada\"}}"))
            .get("id")
            .asText();

    assertThat(listed.get("items")).extracting(t -> t.get("id").asText()).contains(taskId);
    assertThat(task.get("name").asText()).isEqualTo("quickstart");
    assertThat(stepFunctions.listExecutions(r -> r.stateMachineArn(machineArn)).executions())
        .extracting(ExecutionListItem::name)
        .containsExactly(executionId);
    assertThat(machines())
        .extracting(StateMachineListItem::name)
        .containsExactly(prefix + "-quickstart");
    assertThat(body(call(a, "GET", "/tasks/" + taskId + "/executions", null)).get("items"))
        .extracting(e -> e.get("id").asText())
        .containsExactly(executionId);
    assertThat(
            body(call(iam(ACCOUNT_B), "GET", "/tasks/" + taskId + "/executions", null))
                .get("items"))
        .isEmpty();
  }

  @Test
  void bundledTaskIsReadOnly() {
    RequestContext a = iam(ACCOUNT_A);
    String path =
        "/agents/" + BundledTasks.AGENT_ID + "/tasks/" + BundledTasks.taskId("quickstart");

    APIGatewayV2HTTPResponse updated =
        handler.handleRequest(event(a, "PUT", path, TASK_YAML, "application/yaml"), null);
    APIGatewayV2HTTPResponse added =
        handler.handleRequest(
            event(
                a,
                "POST",
                "/agents/" + BundledTasks.AGENT_ID + "/tasks",
                TASK_YAML,
                "application/yaml"),
            null);

    assertThat(updated.getStatusCode()).isEqualTo(409);
    assertThat(added.getStatusCode()).isEqualTo(409);
    assertThat(machines()).isEmpty();
    assertThat(
            body(call(a, "GET", "/tasks/" + BundledTasks.taskId("quickstart"), null))
                .get("name")
                .asText())
        .isEqualTo("quickstart");
  }

  @Test
  void jwtClaimNamesTheTenant() {
    RequestContext ada = jwt("ada");
    String agentId = body(call(ada, "POST", "/agents", "{\"name\": \"ops\"}")).get("id").asText();

    assertThat(call(ada, "GET", "/agents/" + agentId, null).getStatusCode()).isEqualTo(200);
    assertThat(call(jwt("bob"), "GET", "/agents/" + agentId, null).getStatusCode()).isEqualTo(404);
  }

  @Test
  void eventWithoutAuthorizerContextGets401() {
    APIGatewayV2HTTPResponse response =
        call(RequestContext.builder().build(), "GET", "/agents", null);

    assertThat(response.getStatusCode()).isEqualTo(401);
  }

  @Test
  void missingVariableIsNamed() {
    Map<String, String> environment = new HashMap<>(environment("table"));
    environment.remove("STEPLINE_STATE_MACHINE_ROLE_ARN");

    assertThatThrownBy(() -> new ApiWiring(environment, null, secretsManager, stepFunctions))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "STEPLINE_STATE_MACHINE_ROLE_ARN is not set; set it as template.yaml does for the API"
                + " function");
  }

  private String createTask(RequestContext caller) {
    return createTask(caller, TASK_YAML);
  }

  private String createTask(RequestContext caller, String yaml) {
    String agentId =
        body(call(caller, "POST", "/agents", "{\"name\": \"ops\"}")).get("id").asText();
    APIGatewayV2HTTPResponse created =
        handler.handleRequest(
            event(caller, "POST", "/agents/" + agentId + "/tasks", yaml, "application/yaml"), null);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
    return body(created).get("id").asText();
  }

  /** Creates the machine that template.yaml deploys for a bundled task, as a deployment would. */
  private String deployBundledMachine(String name) throws IOException {
    String definition =
        Files.readString(ExternalTools.repoRoot().resolve("statemachines/" + name + ".asl.json"));
    for (String kind : KINDS) {
      String substitution = "${" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
      definition = definition.replace(substitution + "FunctionArn}", functionArn(kind));
    }
    String deployed = definition;
    return stepFunctions
        .createStateMachine(
            r ->
                r.name(prefix + "-" + BundledTasks.machineNameSuffix(name))
                    .definition(deployed)
                    .roleArn("arn:aws:iam::" + MOTO_ACCOUNT + ":role/machines"))
        .stateMachineArn();
  }

  private String start(RequestContext caller, String taskId, String secretName) {
    String input = "{\"input\": {\"which\": \"" + secretName + "\"}}";
    return body(call(caller, "POST", "/tasks/" + taskId + "/executions", input)).get("id").asText();
  }

  /**
   * Runs the execution's one step with the step handlers wired as in Lambda, as the state machine
   * that moto does not run would.
   */
  private void runSteps(String executionId) throws IOException {
    Map<String, String> environment = environment(table);
    LambdaWiring wiring =
        new LambdaWiring(
            LambdaSettings.fromEnvironment(environment), environment, dynamoDb, secretsManager);
    StepRunner runner = wiring.runner();
    invoke(new ExecutionHandler(runner), stepRequest("start", executionId, "main"));
    invoke(new EvaluateHandler(runner), stepRequest("step", executionId, "main[0]"));
    invoke(new ExecutionHandler(runner), stepRequest("finish", executionId, "main"));
  }

  private static String stepRequest(String action, String executionId, String path) {
    return String.format(
        "{\"action\": \"%s\", \"execution\": \"%s\", \"workflow\": \"main\", \"path\":"
            + " \"%s\", \"scope\": \"\"}",
        action, executionId, path);
  }

  private static void invoke(StepHandler handler, String event) throws IOException {
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream(),
        null);
  }

  private List<StateMachineListItem> machines() {
    return stepFunctions.listStateMachines().stateMachines().stream()
        .filter(machine -> machine.name().startsWith(prefix + "-"))
        .toList();
  }

  private String secretValue(String account, String name) {
    String id = prefix + "/tenants/" + account + "/" + name;
    return secretsManager.getSecretValue(r -> r.secretId(id)).secretString();
  }

  private APIGatewayV2HTTPResponse call(
      RequestContext caller, String method, String path, String body) {
    return handler.handleRequest(event(caller, method, path, body, "application/json"), null);
  }

  private static JsonNode body(APIGatewayV2HTTPResponse response) {
    try {
      return JsonValues.mapper().readTree(response.getBody());
    } catch (java.io.IOException e) {
      throw new AssertionError("the response is not JSON: " + response.getBody(), e);
    }
  }

  private static APIGatewayV2HTTPEvent event(
      RequestContext caller, String method, String path, String body, String contentType) {
    caller.setHttp(RequestContext.Http.builder().withMethod(method).withPath(path).build());
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath(path)
        .withHeaders(Map.of("content-type", contentType))
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(caller)
        .build();
  }

  private static RequestContext iam(String account) {
    RequestContext.IAM iam = new RequestContext.IAM();
    iam.setAccountId(account);
    iam.setUserArn("arn:aws:iam::" + account + ":user/caller");
    RequestContext.Authorizer authorizer = new RequestContext.Authorizer();
    authorizer.setIam(iam);
    return RequestContext.builder().withAuthorizer(authorizer).build();
  }

  private static RequestContext jwt(String subject) {
    RequestContext.Authorizer.JWT jwt = new RequestContext.Authorizer.JWT();
    jwt.setClaims(Map.of("sub", subject));
    RequestContext.Authorizer authorizer = new RequestContext.Authorizer();
    authorizer.setJwt(jwt);
    return RequestContext.builder().withAuthorizer(authorizer).build();
  }

  private Map<String, String> environment(String table) {
    Map<String, String> environment = new HashMap<>();
    environment.put("STEPLINE_TABLE_NAME", table);
    environment.put("STEPLINE_SECRET_PREFIX", prefix + "/");
    environment.put("STEPLINE_SECRET_CACHE_SECONDS", "0");
    environment.put(
        "STEPLINE_STATE_MACHINE_ARN_PREFIX",
        "arn:aws:states:us-east-1:" + MOTO_ACCOUNT + ":stateMachine:" + prefix + "-");
    environment.put(
        "STEPLINE_STATE_MACHINE_ROLE_ARN", "arn:aws:iam::" + MOTO_ACCOUNT + ":role/machines");
    for (String kind : KINDS) {
      environment.put(
          "STEPLINE_" + kind.toUpperCase(java.util.Locale.ROOT) + "_FUNCTION_ARN",
          functionArn(kind));
    }
    return environment;
  }

  private String functionArn(String kind) {
    return "arn:aws:lambda:us-east-1:"
        + MOTO_ACCOUNT
        + ":function:"
        + prefix
        + "-"
        + kind
        + ":live";
  }
}
