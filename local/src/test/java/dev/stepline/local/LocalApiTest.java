package dev.stepline.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepline.runtime.JsonValues;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the API of {@code stepline serve} over real HTTP on a free loopback port. */
class LocalApiTest {
  private static final String KEY = "local-test-key";
  private static final String TASK =
      """
      name: shout
      input_schema:
        type: object
        properties:
          word: {type: string}
        required: [word]
      main:
        - evaluate:
            loud: $ _.word.upper() + "!"
        - evaluate:
            token_length: $ len(secrets.token)
            loud: $ _.loud
      """;

  private static final String APPROVAL =
      """
      name: approve
      main:
        - wait_for_input:
            info:
              message: Approve?
        - evaluate:
            approved: $ _.ok
      """;

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();
  private LocalApi api;

  @BeforeEach
  void start() throws IOException {
    api = new LocalApi(KEY, dir.resolve("secrets.json"), 0, Map.of());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void runsAnExecutionInTheBackgroundAndShowsItsTransitions() throws Exception {
    send("POST", "/secrets", "application/json", "{\"name\": \"token\", \"value\": \"abcd\"}");
    String agentId =
        send("POST", "/agents", "application/json", "{\"name\": \"a\"}").get("id").asText();
    String taskId =
        send("POST", "/agents/" + agentId + "/tasks", "application/yaml", TASK).get("id").asText();

    String executionId =
        send(
                "POST",
                "/tasks/" + taskId + "/executions",
                "application/json",
                "{\"input\": {\"word\": \"hey\"}}")
            .get("id")
            .asText();
    JsonNode execution = awaitEnd(executionId);
    JsonNode transitions = send("GET", "/executions/" + executionId + "/transitions", null, null);

    assertThat(execution.get("status").asText()).isEqualTo("succeeded");
    assertThat(execution.get("output"))
        .isEqualTo(json("{\"token_length\": 4, \"loud\": \"HEY!\"}"));
    JsonNode items = transitions.get("items");
    assertThat(items.get(0).get("type").asText()).isEqualTo("init");
    assertThat(items.get(items.size() - 1).get("type").asText()).isEqualTo("finish");
    assertThat(execution.get("transition_count").asInt()).isEqualTo(items.size());
    assertThat(Files.readString(dir.resolve("secrets.json"))).contains("token");
  }

  @Test
  void reportsAFailedExecutionWithItsError() throws Exception {
    String agentId =
        send("POST", "/agents", "application/json", "{\"name\": \"a\"}").get("id").asText();
    String taskId =
        send(
                "POST",
                "/agents/" + agentId + "/tasks",
                "application/yaml",
                "name: div\nmain:\n  - evaluate:\n      x: $ 1 / 0\n")
            .get("id")
            .asText();

    String executionId =
        send("POST", "/tasks/" + taskId + "/executions", "application/json", "{\"input\": {}}")
            .get("id")
            .asText();
    JsonNode execution = awaitEnd(executionId);

    assertThat(execution.get("status").asText()).isEqualTo("failed");
    assertThat(execution.get("error").asText()).startsWith("ZeroDivisionError: ");
  }

  @Test
  void refusesRequestsWithoutTheKey() throws Exception {
    HttpResponse<String> anonymous =
        client.send(
            HttpRequest.newBuilder(uri("/agents")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(json(anonymous.body()).at("/error/code").asText()).isEqualTo("unauthorized");
  }

  @Test
  void resumeFinishesWaitingExecution() throws Exception {
    String executionId = waitingExecution();

    JsonNode resumed =
        changeStatus(executionId, "{\"status\": \"running\", \"input\": {\"ok\": true}}");
    JsonNode execution = awaitEnd(executionId);
    JsonNode transitions = send("GET", "/executions/" + executionId + "/transitions", null, null);

    assertThat(resumed.get("status").asText()).isIn("running", "succeeded");
    assertThat(execution.get("status").asText()).isEqualTo("succeeded");
    assertThat(execution.get("output")).isEqualTo(json("{\"approved\": true}"));
    assertThat(types(transitions)).containsSubsequence("wait", "resume", "finish");
  }

  @Test
  void cancelStopsWaitingRun() throws Exception {
    String executionId = waitingExecution();

    JsonNode cancelled =
        changeStatus(executionId, "{\"status\": \"cancelled\", \"reason\": \"not needed\"}");
    // Bounded so that a run that never stops fails the test instead of hanging it.
    for (int attempt = 0; attempt < 1500 && api.runs().isRunning(executionId); attempt++) {
      Thread.sleep(20);
    }
    JsonNode transitions = send("GET", "/executions/" + executionId + "/transitions", null, null);

    assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
    assertThat(api.runs().isRunning(executionId)).isFalse();
    assertThat(send("GET", "/executions/" + executionId, null, null).get("status").asText())
        .isEqualTo("cancelled");
    assertThat(types(transitions)).endsWith("cancelled").doesNotContain("resume", "finish");
  }

  @Test
  void oversizedBodyGets413() throws Exception {
    String body = "{\"name\": \"" + "a".repeat(3 * 1024 * 1024) + "\"}";

    HttpResponse<String> response =
        client.send(
            authorized("/agents")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("body_too_large");
  }

  /** Starts an execution of {@link #APPROVAL} and returns its id once it waits for input. */
  private String waitingExecution() throws Exception {
    String executionId = start(APPROVAL);
    awaitStatus(executionId, "awaiting_input");
    return executionId;
  }

  private JsonNode changeStatus(String executionId, String body) throws Exception {
    return send("PUT", "/executions/" + executionId, "application/json", body);
  }

  private String start(String taskYaml) throws Exception {
    String agentId =
        send("POST", "/agents", "application/json", "{\"name\": \"a\"}").get("id").asText();
    String taskId =
        send("POST", "/agents/" + agentId + "/tasks", "application/yaml", taskYaml)
            .get("id")
            .asText();
    return send("POST", "/tasks/" + taskId + "/executions", "application/json", "{\"input\": {}}")
        .get("id")
        .asText();
  }

  private static List<String> types(JsonNode transitions) {
    List<String> types = new ArrayList<>();
    transitions.get("items").forEach(t -> types.add(t.get("type").asText()));
    return types;
  }

  private void awaitStatus(String executionId, String wanted) throws Exception {
    // Bounded so that a run that never gets there fails the test instead of hanging it.
    for (int attempt = 0; attempt < 1500; attempt++) {
      JsonNode execution = send("GET", "/executions/" + executionId, null, null);
      if (execution.get("status").asText().equals(wanted)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("execution " + executionId + " never became " + wanted);
  }

  private JsonNode awaitEnd(String executionId) throws Exception {
    // Bounded so that a run that never ends fails the test instead of hanging it.
    for (int attempt = 0; attempt < 1500; attempt++) {
      JsonNode execution = send("GET", "/executions/" + executionId, null, null);
      String status = execution.get("status").asText();
      if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
        return execution;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("execution " + executionId + " did not end");
  }

  private JsonNode send(String method, String path, String contentType, String body)
      throws Exception {
    HttpRequest.Builder request = authorized(path);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", contentType);
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isLessThan(300);
    return json(response.body());
  }

  private HttpRequest.Builder authorized(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + KEY);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }

  private static JsonNode json(String text) throws IOException {
    return JsonValues.mapper().readTree(text);
  }
}
