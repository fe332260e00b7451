package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.runtime.seal.SealedEnvelope;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.Transition;
import dev.stepline.testing.Canaries;
import dev.stepline.testing.ExternalTools;
import dev.stepline.tools.LoopbackHttpServer;
import dev.stepline.tools.LoopbackHttpServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs tasks with unique canary secret values and scans everything a run leaves behind (stdout,
 * stderr, log lines, the trace with the engine's history, and the execution store) for each canary
 * in raw, base64, URL-encoded and JSON-escaped form. The tasks are a task that reads secrets in
 * every supported way, and every bundled example and corpus task that needs no external service.
 */
class SecretCanaryTest {
  // Markers of a task that calls a model, a browser or another outside service.
  private static final List<String> EXTERNAL =
      List.of("prompt:", "tool:", "integration", "api_call", "system:", "secret_name");

  @TempDir Path dir;

  // The access token the loopback token endpoint issues: a secret-derived tool output.
  private final String accessToken = "canary-token-" + UUID.randomUUID();

  private final Map<String, String> canaries =
      Map.of(
          "WEATHER_KEY", "canary-" + UUID.randomUUID(),
          "DB", "{\"user\": \"app\", \"password\": \"canary-" + UUID.randomUUID() + "\"}");

  @Test
  void secretsTaskLeavesNoCanary() throws Exception {
    LoopbackHttpServer server = new LoopbackHttpServer();
    server.route("/weather", request -> Reply.json(200, "{\"temperature\": 21}"));
    server.route(
        "/oauth/token",
        request ->
            Reply.json(
                200,
                "{\"access_token\": \""
                    + accessToken
                    + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}"));
    server.route("/report", request -> Reply.json(200, "{\"rows\": 3}"));
    try {
      Path task = Files.writeString(dir.resolve("canary.yaml"), canaryTask(server.port()));

      Leftovers left = run(task, "{}");

      assertThat(left.exitCode()).as("%s", left.text()).isZero();
      assertThat(left.text()).contains("\"caught\" : \"ValueError\"");
      // NOTE: in a full run of the local tests the captured stdout and stderr were empty once, so
      // the scan may cover only the trace and the store there; the cause is not known yet.
      List<String> authorizations =
          server.requests().stream().map(request -> request.header("Authorization")).toList();
      assertThat(authorizations).hasSize(3);
      assertThat(authorizations.get(0)).isEqualTo("Bearer " + canaries.get("WEATHER_KEY"));
      assertThat(authorizations.get(1)).startsWith("Basic ");
      // A later step sent the token that the execution store keeps sealed.
      assertThat(authorizations.get(2)).isEqualTo("Bearer " + accessToken);
      assertThat(left.text()).contains("\"n\" : " + canaries.get("WEATHER_KEY").length());
      assertThat(left.text())
          .contains("\"derived_length\" : " + (canaries.get("WEATHER_KEY").length() + 6));
      assertThat(left.text()).contains("\"token_length\" : " + accessToken.length());
      assertThat(left.text()).contains("\"tail_matches\" : true");
      assertThat(left.text()).contains(SealedEnvelope.PREFIX);
      assertNoCanary(left);
      assertPayloadsCarryReferences(left.trace());
    } finally {
      server.close();
    }
  }

  @Test
  void bundledTasksLeaveNoCanary() throws Exception {
    List<Path> tasks = runnableTasks();
    assertThat(tasks).as("runnable examples").isNotEmpty();

    for (Path task : tasks) {
      Path input = task.resolveSibling("input.json");
      String inputJson = Files.exists(input) ? Files.readString(input) : "{}";

      Leftovers left = run(task, inputJson);

      assertNoCanary(left);
      assertPayloadsCarryReferences(left.trace());
    }
  }

  private static String canaryTask(int port) {
    return """
        name: canary
        tools:
          - name: weather
            type: api_call
            api_call:
              method: GET
              url: http://127.0.0.1:%1$d/weather
              headers:
                Authorization: $ f"Bearer {secrets.WEATHER_KEY}"
          - name: auth
            type: oauth2
            oauth2:
              token_url: http://127.0.0.1:%1$d/oauth/token
          - name: report
            type: api_call
            api_call:
              method: GET
              url: http://127.0.0.1:%1$d/report
              headers:
                Authorization: "Bearer {{ token }}"
        main:
          - tool: weather
            arguments: {}
          - evaluate:
              n: $ len(secrets.WEATHER_KEY)
              same: $ secrets.WEATHER_KEY == 'x'
              user_length: $ len(secrets.DB.user)
          - log: "checked the key of {len(secrets.DB.password)} characters"
          - try:
              - evaluate:
                  broken: $ int(secrets.WEATHER_KEY[3:])
            catch:
              - evaluate: {caught: $ error.type}
          - tool: auth
            arguments:
              client_id: app
              client_secret: $ secrets.DB.password
            output: token
          - tool: report
            arguments: {}
          - evaluate:
              derived: $ secrets.WEATHER_KEY + "suffix"
          - set:
              tail: $ secrets.WEATHER_KEY[5:]
          - return:
              n: $ steps[1].output.n
              caught: $ steps[3].output.caught
              derived_length: $ len(steps[6].output.derived)
              token_length: $ len(token)
              tail_matches: $ state.tail == secrets.WEATHER_KEY[5:]
        """
        .formatted(port);
  }

  private List<Path> runnableTasks() throws IOException {
    Path root = ExternalTools.repoRoot();
    List<Path> candidates = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("examples"))) {
      files
          .filter(path -> path.getFileName().toString().equals("task.yaml"))
          .forEach(candidates::add);
    }
    Path corpus = root.resolve("../shared/corpus/julep").normalize();
    if (Files.isDirectory(corpus)) {
      try (Stream<Path> files = Files.list(corpus)) {
        files.filter(path -> path.toString().endsWith(".yaml")).forEach(candidates::add);
      }
    }
    List<Path> runnable = new ArrayList<>();
    for (Path candidate : candidates) {
      String text = Files.readString(candidate);
      if (EXTERNAL.stream().noneMatch(text::contains)) {
        runnable.add(candidate);
      }
    }
    return runnable;
  }

  record Leftovers(int exitCode, String text, String trace) {}

  private Leftovers run(Path task, String inputJson) throws Exception {
    Path secrets = dir.resolve("secrets.json");
    StringBuilder document = new StringBuilder("{");
    canaries.forEach(
        (name, value) ->
            document
                .append(document.length() > 1 ? "," : "")
                .append('"')
                .append(name)
                .append("\": \"")
                .append(new String(JsonStringEncoder.getInstance().quoteAsString(value)))
                .append('"'));
    Files.writeString(secrets, document.append('}').toString());
    Path trace = dir.resolve("trace-" + UUID.randomUUID() + ".json");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    RunCommand command = commandLine.getSubcommands().get("run").getCommand();
    PrintStream standardOut = System.out;
    PrintStream standardErr = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    int exitCode;
    try {
      System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
      exitCode =
          commandLine.execute(
              "run",
              task.toString(),
              "--input",
              inputJson,
              "--secrets",
              secrets.toString(),
              "--trace",
              trace.toString(),
              "--fast-waits");
    } finally {
      System.setOut(standardOut);
      System.setErr(standardErr);
    }
    String traceText = Files.exists(trace) ? Files.readString(trace) : "";
    String text =
        String.join(
            "\n",
            out.toString(),
            err.toString(),
            logs.toString(StandardCharsets.UTF_8),
            traceText,
            storeText(command, traceText));
    return new Leftovers(exitCode, text, traceText);
  }

  private static String storeText(RunCommand command, String traceText) throws IOException {
    StringBuilder text = new StringBuilder();
    if (traceText.isEmpty()) {
      return "";
    }
    String id = new ObjectMapper().readTree(traceText).path("execution").path("id").asText();
    ExecutionRecord execution = command.store.findExecution(id).orElseThrow();
    {
      text.append(execution).append('\n');
      Set<String> scopes = new LinkedHashSet<>();
      for (Transition transition : command.store.transitions(id)) {
        text.append(transition).append('\n');
        scopes.add(transition.cursor().scope());
      }
      for (String scope : scopes) {
        command.store.steps(id, scope).forEach(step -> text.append(step).append('\n'));
        command.store.findScopeStart(id, scope).ifPresent(start -> text.append(start).append('\n'));
      }
      text.append(command.store.state(id)).append('\n');
      text.append(command.store.failures(id)).append('\n');
    }
    return text.toString();
  }

  // The engine's history shows every state's input and output: the payload between states.
  private static void assertPayloadsCarryReferences(String traceText) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode history = mapper.readTree(traceText).path("history");
    assertThat(history.size()).as("history events").isPositive();
    for (JsonNode event : history) {
      for (String details : List.of("stateEnteredEventDetails", "stateExitedEventDetails")) {
        JsonNode payload =
            event.path(details).path(details.startsWith("stateEntered") ? "input" : "output");
        if (payload.isTextual()) {
          assertReferencesOnly(mapper.readTree(payload.asText()));
        }
      }
    }
  }

  // A payload is an object of ids and indices, or the execution id alone (OutputPath
  // $.execution).
  private static void assertReferencesOnly(JsonNode payload) {
    if (payload.isTextual() || payload.isInt()) {
      return;
    }
    assertThat(payload.isObject()).as("payload %s", payload).isTrue();
    payload
        .fieldNames()
        .forEachRemaining(
            name ->
                assertThat(name)
                    .as("payload %s", payload)
                    .isIn("execution", "scope", "result", "error"));
    JsonNode result = payload.path("result");
    if (result.isObject()) {
      assertThat(result.path("branch").isMissingNode() || result.path("branch").isInt())
          .as("result %s", result)
          .isTrue();
      result
          .path("items")
          .forEach(item -> assertThat(item.isInt()).as("items %s", result).isTrue());
    }
  }

  private void assertNoCanary(Leftovers left) {
    for (String value : canaryValues()) {
      for (String form : Canaries.forms(value)) {
        assertThat(left.text()).as("form %s of a canary", form).doesNotContain(form);
      }
    }
  }

  // The whole values, the leaves of the structured one and a slice are canaries.
  private List<String> canaryValues() {
    List<String> values = new ArrayList<>(canaries.values());
    String db = canaries.get("DB");
    values.add(db.substring(db.indexOf("canary-"), db.lastIndexOf('"')));
    // The canary task's failing step reads this slice, and its state keeps another.
    values.add(canaries.get("WEATHER_KEY").substring(3));
    values.add(canaries.get("WEATHER_KEY").substring(5));
    values.add(accessToken);
    return values;
  }
}
