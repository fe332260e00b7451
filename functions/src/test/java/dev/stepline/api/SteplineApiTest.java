package dev.stepline.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.secrets.SecretStore;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.InMemoryExecutionStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteplineApiTest {
  private static final String KEY = "key-of-tenant-a";
  private static final String OTHER_KEY = "key-of-tenant-b";
  private static final String TASK_YAML =
      """
      name: greet
      input_schema:
        type: object
        properties:
          name: {type: string}
        required: [name]
      main:
        - evaluate:
            greeting: $ "Hello, " + _.name
      """;

  @TempDir Path secretsDir;

  private final RecordingStarter starter = new RecordingStarter();
  private ExecutionStore executions;
  private SteplineApi api;

  @BeforeEach
  void setUp() {
    executions = newExecutionStore();
    api =
        new SteplineApi(
            new ApiKeys(Map.of(KEY, "a", OTHER_KEY, "b")),
            newApiStore(),
            executions,
            newSecretStores(),
            starter);
  }

  // The stores of each test. SteplineApiOnMotoTest overrides them to run the same tests on
  // DynamoDB and Secrets Manager.

  ExecutionStore newExecutionStore() {
    return new InMemoryExecutionStore();
  }

  ApiStore newApiStore() {
    return new InMemoryApiStore();
  }

  Function<String, SecretStore> newSecretStores() {
    Map<String, SecretStore> secretStores = new ConcurrentHashMap<>();
    return tenant ->
        secretStores.computeIfAbsent(
            tenant, t -> new LocalSecretStore(secretsDir.resolve(t + ".json"), Map.of()));
  }

  @Test
  void refusesRequestsWithoutAValidKey() {
    ApiResponse missing = api.handle(new ApiRequest("GET", "/agents", null, Map.of(), null, false));
    ApiResponse wrong = api.handle(request("GET", "/agents", "nope", null, null));

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.body().at("/error/code").asText()).isEqualTo("unauthorized");
    assertThat(wrong.status()).isEqualTo(401);
  }

  @Test
  void answersUnknownRoutesWith404AndWrongMethodsWith405() {
    ApiResponse unknown = call("GET", "/nothing/here", null);
    ApiResponse wrongMethod = call("DELETE", "/agents", null);

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().at("/error/code").asText()).isEqualTo("not_found");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.body().at("/error/message").asText())
        .isEqualTo("DELETE is not allowed on /agents; use GET, POST");
    assertThat(wrongMethod.headers()).containsEntry("Allow", "GET, POST");
    assertThat(call("POST", "/tasks//executions", "{}").status()).isEqualTo(404);
    assertThat(call("GET", "/executions//transitions", null).status()).isEqualTo(404);
  }

  @Test
  void decodesPercentEncodedPathParameters() {
    String taskId = task();
    String encoded = taskId.replace("-", "%2D");

    ApiResponse found = call("GET", "/tasks/" + encoded, null);
    ApiResponse spaced = yaml("POST", "/agents/" + agent() + "/tasks/bad%20id", TASK_YAML);
    ApiResponse broken = call("GET", "/tasks/%zz", null);

    assertThat(encoded).isNotEqualTo(taskId);
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body().get("id").asText()).isEqualTo(taskId);
    assertThat(spaced.status()).isEqualTo(400);
    assertThat(spaced.body().at("/error/message").asText()).contains("(found bad id)");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.body().at("/error/code").asText()).isEqualTo("invalid_path");
  }

  @Test
  void refusesMalformedBodiesWith400() {
    ApiResponse notJson = call("POST", "/agents", "{name: ");
    ApiResponse notObject = call("POST", "/agents", "[1]");
    ApiResponse noName = call("POST", "/agents", "{}");
    ApiResponse badBase64 =
        api.handle(
            new ApiRequest(
                "POST", "/agents", null, Map.of("Authorization", "Bearer " + KEY), "%%%", true));

    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body().at("/error/code").asText()).isEqualTo("invalid_json");
    assertThat(notObject.body().at("/error/message").asText())
        .isEqualTo("the body is a JSON array; send a JSON object");
    assertThat(noName.body().at("/error/message").asText())
        .isEqualTo("`name` is required and must be a non-empty string");
    assertThat(badBase64.status()).isEqualTo(400);
  }

  @Test
  void refusesTooDeepJsonWith400() {
    String deep = "{\"name\": \"x\", \"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

    ApiResponse response = call("POST", "/agents", deep);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().at("/error/code").asText()).isEqualTo("invalid_json");
    assertThat(response.body().at("/error/message").asText())
        .startsWith("the body is not valid JSON (nested more than 1000 levels");
  }

  @Test
  void acceptsBase64Bodies() {
    String encoded =
        Base64.getEncoder().encodeToString("{\"name\": \"ada\"}".getBytes(StandardCharsets.UTF_8));
    ApiResponse created =
        api.handle(
            new ApiRequest(
                "POST", "/agents", null, Map.of("authorization", "Bearer " + KEY), encoded, true));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("name").asText()).isEqualTo("ada");
  }

  @Test
  void refusesOversizedBodiesWith413() {
    String body = "{\"name\": \"" + "x".repeat(SteplineApi.MAX_BODY_BYTES) + "\"}";

    ApiResponse response = call("POST", "/agents", body);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.body().at("/error/code").asText()).isEqualTo("body_too_large");
  }

  @Test
  void createsGetsAndListsAgents() {
    JsonNode agent = call("POST", "/agents", "{\"name\": \"ada\", \"about\": \"helps\"}").body();

    JsonNode fetched = call("GET", "/agents/" + agent.get("id").asText(), null).body();
    JsonNode list = call("GET", "/agents", null).body();

    assertThat(fetched.get("about").asText()).isEqualTo("helps");
    assertThat(fetched.get("created_at").asText()).isNotEmpty();
    assertThat(list.get("items")).hasSize(1);
    assertThat(call("GET", "/agents?offset=1", null).body().get("items")).isEmpty();
  }

  @Test
  void createsATaskFromYamlAndReadsItBack() {
    String agentId = agent();

    ApiResponse created = yaml("POST", "/agents/" + agentId + "/tasks", TASK_YAML);
    JsonNode fetched = call("GET", "/tasks/" + created.body().get("id").asText(), null).body();

    assertThat(created.status()).isEqualTo(201);
    assertThat(fetched.get("name").asText()).isEqualTo("greet");
    assertThat(fetched.get("agent_id").asText()).isEqualTo(agentId);
    assertThat(fetched.at("/main/0/evaluate/greeting").asText())
        .isEqualTo("$ \"Hello, \" + _.name");
    assertThat(call("GET", "/agents/" + agentId + "/tasks", null).body().get("items")).hasSize(1);
  }

  @Test
  void createsATaskFromJson() {
    String body = "{\"name\": \"echo\", \"main\": [{\"evaluate\": {\"x\": \"$ 1 + 1\"}}]}";

    ApiResponse created = call("POST", "/agents/" + agent() + "/tasks", body);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().at("/main/0/evaluate/x").asText()).isEqualTo("$ 1 + 1");
  }

  @Test
  void invalidTaskWithOneError() {
    String invalid = "name: broken\nmain:\n  - bogus: 1\n";

    ApiResponse response = yaml("POST", "/agents/" + agent() + "/tasks", invalid);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().at("/error/message").asText())
        .isEqualTo("the task has 1 error; fix it and send the task again");
  }

  @Test
  void listsEveryDiagnosticOfAnInvalidTaskWithItsPosition() {
    String invalid =
        "name: broken\nmain:\n  - bogus_a: 1\n  - evaluate:\n      x: 1\n  - bogus_b: 2\n";

    ApiResponse response = yaml("POST", "/agents/" + agent() + "/tasks", invalid);

    assertThat(response.status()).isEqualTo(400);
    JsonNode error = response.body().get("error");
    assertThat(error.get("code").asText()).isEqualTo("invalid_task");
    assertThat(error.get("message").asText())
        .isEqualTo("the task has 2 errors; fix them and send the task again");
    JsonNode diagnostics = error.get("diagnostics");
    assertThat(diagnostics).hasSize(2);
    assertThat(diagnostics.get(0).get("line").asInt()).isEqualTo(3);
    assertThat(diagnostics.get(0).get("column").asInt()).isEqualTo(5);
    assertThat(diagnostics.get(1).get("line").asInt()).isEqualTo(6);
    assertThat(diagnostics.get(1).get("text").asText())
        .startsWith(
            "request-body:6:5: error: the step matches no step kind (found keys `bogus_b`)");
  }

  @Test
  void startsAnExecutionWhoseInputMatchesTheSchema() {
    String taskId = task();

    ApiResponse created =
        call("POST", "/tasks/" + taskId + "/executions", "{\"input\": {\"name\": \"Ada\"}}");
    String id = created.body().get("id").asText();
    JsonNode fetched = call("GET", "/executions/" + id, null).body();

    assertThat(created.status()).isEqualTo(201);
    assertThat(starter.started).containsExactly(id);
    assertThat(fetched.get("status").asText()).isEqualTo("queued");
    assertThat(fetched.at("/input/name").asText()).isEqualTo("Ada");
    assertThat(fetched.get("task_id").asText()).isEqualTo(taskId);
    assertThat(call("GET", "/tasks/" + taskId + "/executions", null).body().get("items"))
        .hasSize(1);
    assertThat(call("GET", "/executions/" + id + "/transitions", null).body().get("items"))
        .isEmpty();
  }

  @Test
  void refusesAnInputThatDoesNotMatchTheSchema() {
    String taskId = task();
    ApiResponse response =
        call("POST", "/tasks/" + taskId + "/executions", "{\"input\": {\"name\": 3}}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().at("/error/code").asText()).isEqualTo("invalid_input");
    assertThat(response.body().at("/error/diagnostics/0/path").asText()).isEqualTo("$.name");
    assertThat(response.body().at("/error/diagnostics/0/message").asText())
        .endsWith("pass an input that matches the schema of task " + taskId);
    assertThat(starter.started).isEmpty();
  }

  @Test
  void keepsSecretValuesOutOfEveryResponse() {
    ApiResponse created =
        call(
            "POST",
            "/secrets",
            "{\"name\": \"db_password\", \"value\": \"hunter2\", \"description\": \"the db\"}");
    ApiResponse renamed =
        call(
            "PUT",
            "/secrets/db_password",
            "{\"name\": \"database_password\", \"value\": \"hunter3\"}");
    ApiResponse listed = call("GET", "/secrets", null);

    assertThat(created.status()).isEqualTo(201);
    assertThat(renamed.body().get("id").asText()).isEqualTo("database_password");
    assertThat(listed.body()).hasSize(1);
    assertThat(listed.body().get(0).get("description").asText()).isEqualTo("the db");
    for (ApiResponse response : List.of(created, renamed, listed)) {
      assertThat(response.body().toString()).doesNotContain("hunter");
    }
    assertThat(call("DELETE", "/secrets/database_password", null).status()).isEqualTo(202);
    assertThat(call("GET", "/secrets", null).body()).isEmpty();
    assertThat(call("DELETE", "/secrets/database_password", null).status()).isEqualTo(404);
  }

  @Test
  void refusesADuplicateSecretWith409() {
    call("POST", "/secrets", "{\"name\": \"token\", \"value\": \"a\"}");

    ApiResponse again = call("POST", "/secrets", "{\"name\": \"token\", \"value\": \"b\"}");

    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void keepsEachTenantsRecordsFromTheOthers() {
    String agentId = agent();
    String taskId = task();
    String executionId =
        call("POST", "/tasks/" + taskId + "/executions", "{\"input\": {\"name\": \"Ada\"}}")
            .body()
            .get("id")
            .asText();
    call("POST", "/secrets", "{\"name\": \"token\", \"value\": \"a\"}");

    assertThat(other("GET", "/agents/" + agentId).status()).isEqualTo(404);
    assertThat(other("GET", "/agents").body().get("items")).isEmpty();
    assertThat(other("GET", "/tasks/" + taskId).status()).isEqualTo(404);
    assertThat(other("GET", "/executions/" + executionId).status()).isEqualTo(404);
    assertThat(other("GET", "/executions/" + executionId + "/transitions").status()).isEqualTo(404);
    assertThat(other("GET", "/secrets").body()).isEmpty();
    assertThat(other("DELETE", "/secrets/token").status()).isEqualTo(404);
  }

  @Test
  void refusesBadPaginationWith400() {
    ApiResponse response = call("GET", "/agents?limit=0", null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().at("/error/message").asText())
        .isEqualTo("`limit` must be a whole number from 1 to 1000 (found 0)");
  }

  @Test
  void updatesStoreNewTaskVersions() {
    String agentId = agent();
    String taskId =
        yaml("POST", "/agents/" + agentId + "/tasks", TASK_YAML).body().get("id").asText();
    String path = "/agents/" + agentId + "/tasks/" + taskId;

    ApiResponse put = yaml("PUT", path, TASK_YAML.replace("\"Hello, \"", "\"Hi, \""));
    ApiResponse post =
        call("POST", path, "{\"name\": \"greet\", \"main\": [{\"evaluate\": {\"x\": \"$ 2\"}}]}");
    ApiResponse patch = call("PATCH", path, "{\"description\": \"says hi\"}");
    JsonNode fetched = call("GET", "/tasks/" + taskId, null).body();

    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body().get("version").asInt()).isEqualTo(2);
    assertThat(put.body().at("/main/0/evaluate/greeting").asText()).contains("Hi, ");
    assertThat(post.status()).isEqualTo(200);
    assertThat(post.body().get("version").asInt()).isEqualTo(3);
    assertThat(fetched.get("version").asInt()).isEqualTo(4);
    assertThat(fetched.get("description").asText()).isEqualTo("says hi");
    assertThat(fetched.at("/main/0/evaluate/x").asText()).isEqualTo("$ 2");
    assertThat(patch.body().get("created_at")).isEqualTo(put.body().get("created_at"));
  }

  @Test
  void createOrUpdateKeepsClientTaskId() {
    String agentId = agent();
    String path = "/agents/" + agentId + "/tasks/my-task";

    ApiResponse created = yaml("POST", path, TASK_YAML);
    ApiResponse invalid = call("PUT", path, "{\"name\": \"greet\", \"main\": 3}");
    ApiResponse badId = yaml("POST", "/agents/" + agentId + "/tasks/-x", TASK_YAML);
    ApiResponse missing = yaml("PUT", "/agents/" + agentId + "/tasks/nope", TASK_YAML);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("id").asText()).isEqualTo("my-task");
    assertThat(created.body().get("version").asInt()).isEqualTo(1);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(call("GET", "/tasks/my-task", null).body().get("version").asInt()).isEqualTo(1);
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.body().at("/error/code").asText()).isEqualTo("invalid_task_id");
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void clientTokenStartsOneExecution() {
    String taskId = task();
    String path = "/tasks/" + taskId + "/executions";

    ApiResponse first = withToken(path, "t-1", "{\"input\": {\"name\": \"Ada\"}}");
    ApiResponse again = withToken(path, "t-1", "{ \"input\" : {\"name\": \"Ada\"} }");
    ApiResponse changed = withToken(path, "t-1", "{\"input\": {\"name\": \"Bob\"}}");
    ApiResponse otherToken = withToken(path, "t-2", "{\"input\": {\"name\": \"Ada\"}}");

    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
    assertThat(changed.status()).isEqualTo(409);
    assertThat(changed.body().at("/error/code").asText()).isEqualTo("conflict");
    assertThat(otherToken.body().get("id")).isNotEqualTo(first.body().get("id"));
    assertThat(starter.started)
        .containsExactly(first.body().get("id").asText(), otherToken.body().get("id").asText());
  }

  @Test
  void failedStartReleasesClientToken() {
    String taskId = task();
    String path = "/tasks/" + taskId + "/executions";
    String body = "{\"input\": {\"name\": \"Ada\"}}";
    starter.nextStartFailure = new IllegalStateException("the engine is shutting down");

    ApiResponse failed = withToken(path, "t-1", body);
    ApiResponse retried = withToken(path, "t-1", body);
    ApiResponse again = withToken(path, "t-1", body);

    assertThat(failed.status()).isEqualTo(500);
    assertThat(retried.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body().get("id")).isEqualTo(retried.body().get("id"));
    assertThat(starter.started).containsExactly(retried.body().get("id").asText());
    JsonNode failedRuns = call("GET", path + "?status=failed", null).body().get("items");
    assertThat(failedRuns).hasSize(1);
    assertThat(failedRuns.get(0).get("id")).isNotEqualTo(retried.body().get("id"));
    assertThat(failedRuns.get(0).get("error").asText())
        .isEqualTo("StartError: the execution failed to start: the engine is shutting down");
  }

  @Test
  void listsExecutionsByStatus() {
    String taskId = task();
    String path = "/tasks/" + taskId + "/executions";
    String queued = start(taskId);
    String cancelled = start(taskId);
    call("PUT", "/executions/" + cancelled, "{\"status\": \"cancelled\"}");

    JsonNode onlyCancelled = call("GET", path + "?status=cancelled", null).body().get("items");
    JsonNode onlyQueued = call("GET", path + "?status=queued", null).body().get("items");
    ApiResponse unknown = call("GET", path + "?status=done", null);

    assertThat(onlyCancelled).hasSize(1);
    assertThat(onlyCancelled.get(0).get("id").asText()).isEqualTo(cancelled);
    assertThat(onlyQueued).hasSize(1);
    assertThat(onlyQueued.get(0).get("id").asText()).isEqualTo(queued);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().at("/error/code").asText()).isEqualTo("invalid_query");
  }

  @Test
  void cancelRecordsCancelledTransition() {
    String id = start(task());

    ApiResponse cancelled =
        call("PUT", "/executions/" + id, "{\"status\": \"cancelled\", \"reason\": \"oops\"}");
    ApiResponse again = call("PUT", "/executions/" + id, "{\"status\": \"cancelled\"}");
    ApiResponse resumed = call("PUT", "/executions/" + id, "{\"status\": \"running\"}");
    JsonNode transitions = call("GET", "/executions/" + id + "/transitions", null).body();

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().get("status").asText()).isEqualTo("cancelled");
    assertThat(again.status()).isEqualTo(200);
    assertThat(resumed.status()).isEqualTo(409);
    assertThat(resumed.body().at("/error/message").asText())
        .isEqualTo(
            "execution "
                + id
                + " has status cancelled; only an execution waiting for input can be resumed");
    assertThat(transitions.at("/items/0/type").asText()).isEqualTo("cancelled");
    assertThat(transitions.at("/items/0/output").asText()).isEqualTo("oops");
    assertThat(starter.stopped).contains(id + " oops");
  }

  @Test
  void rejectsCancelOfEndedExecution() {
    String id = start(task());
    executions.updateStatus(id, ExecutionStatus.STARTING);
    executions.updateStatus(id, ExecutionStatus.RUNNING);
    executions.succeed(id, "1");

    ApiResponse cancel = call("PUT", "/executions/" + id, "{\"status\": \"cancelled\"}");
    ApiResponse other = call("PUT", "/executions/" + id, "{\"status\": \"succeeded\"}");
    ApiResponse unknown = call("PUT", "/executions/" + id, "{\"status\": \"paused\"}");

    assertThat(cancel.status()).isEqualTo(409);
    assertThat(cancel.body().at("/error/message").asText())
        .isEqualTo(
            "execution "
                + id
                + " has status succeeded; a succeeded or failed execution cannot be cancelled");
    assertThat(other.status()).isEqualTo(400);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(starter.stopped).isEmpty();
  }

  @Test
  void resumeAnswersPendingWait() {
    String id = start(task());
    executions.updateStatus(id, ExecutionStatus.STARTING);
    executions.updateStatus(id, ExecutionStatus.RUNNING);
    executions.putTaskToken(id, "", "main[0]", "token-1");
    executions.updateStatus(id, ExecutionStatus.AWAITING_INPUT);

    ApiResponse resumed =
        call("PUT", "/executions/" + id, "{\"status\": \"running\", \"input\": {\"ok\": 1}}");

    assertThat(resumed.status()).isEqualTo(200);
    assertThat(starter.resumed).containsExactly(id + " main[0] {\"ok\":1}");
  }

  private String agent() {
    return call("POST", "/agents", "{\"name\": \"ada\"}").body().get("id").asText();
  }

  private String task() {
    return yaml("POST", "/agents/" + agent() + "/tasks", TASK_YAML).body().get("id").asText();
  }

  private String start(String taskId) {
    return call("POST", "/tasks/" + taskId + "/executions", "{\"input\": {\"name\": \"Ada\"}}")
        .body()
        .get("id")
        .asText();
  }

  private ApiResponse withToken(String path, String token, String body) {
    ApiRequest plain = request("POST", path, KEY, body, "application/json");
    Map<String, String> headers = new java.util.HashMap<>(plain.headers());
    headers.put("Idempotency-Key", token);
    return api.handle(new ApiRequest("POST", path, Map.of(), headers, body, false));
  }

  private ApiResponse call(String method, String pathAndQuery, String body) {
    return api.handle(request(method, pathAndQuery, KEY, body, "application/json"));
  }

  private ApiResponse yaml(String method, String path, String body) {
    return api.handle(request(method, path, KEY, body, "application/yaml"));
  }

  private ApiResponse other(String method, String path) {
    return api.handle(request(method, path, OTHER_KEY, null, null));
  }

  private static ApiRequest request(
      String method, String pathAndQuery, String key, String body, String contentType) {
    String[] parts = pathAndQuery.split("\\?", 2);
    Map<String, String> query = new java.util.HashMap<>();
    if (parts.length == 2) {
      for (String pair : parts[1].split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(kv[0], kv.length == 2 ? kv[1] : "");
      }
    }
    Map<String, String> headers = new java.util.HashMap<>();
    headers.put("Authorization", "Bearer " + key);
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return new ApiRequest(method, parts[0], query, headers, body, false);
  }
}
