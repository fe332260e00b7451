package dev.stepline.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.engine.TaskFailedException;
import dev.stepline.examples.CompiledCases.Case;
import dev.stepline.local.HandlerArns;
import dev.stepline.local.LocalRun;
import dev.stepline.local.RuntimeTaskHandler;
import dev.stepline.local.StepProgress;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.Failure;
import dev.stepline.runtime.store.InMemoryExecutionStore;
import dev.stepline.task.Task;
import dev.stepline.testing.ExternalTools;
import dev.stepline.tools.LoopbackHttpServer;
import dev.stepline.tools.LoopbackHttpServer.Recorded;
import dev.stepline.tools.LoopbackHttpServer.Reply;
import dev.stepline.tools.ToolRegistry;
import dev.stepline.tools.ToolsConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every compiled example and golden case of {@link CompiledCases} on the embedded engine (as
 * {@code stepline run} does) and on aws-local-stepfunctions 3, and compares the outcome.
 *
 * <p>On aws-local-stepfunctions, each Task state that calls a step handler POSTs its resource and
 * input to a loopback bridge in this JVM ({@code oracle/run-bridged.cjs}), which passes them to a
 * {@link RuntimeTaskHandler} over the same {@link StepRunner} that the embedded engine uses: the
 * same execution store, secrets, tools and loopback {@link ExampleServices}. The two runs are two
 * executions with their own ids. For each case the test compares the state machine's status and
 * error name, its output with the execution id left out, and the execution record: status, output
 * and failure (type, message and step path). An example's output must also equal its expected
 * output file.
 *
 * <p>aws-local-stepfunctions 3 implements neither {@code .waitForTaskToken} nor nested executions.
 * Tasks with {@code wait_for_input} or a {@code function} tool are left out (see {@link
 * CompiledCases#EXCLUDED_GOLDENS}); a recursive workflow's {@code startExecution.sync:2} state runs
 * the child machine on aws-local-stepfunctions from the bridge script.
 */
class CompiledDifferentialTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StepProgress NO_PROGRESS = (request, elapsed, result, failure) -> {};

  @TempDir static Path work;

  private static ExampleServices services;
  private static ToolRegistry tools;
  private static LoopbackHttpServer bridge;
  private static final Map<String, CaseRun> RUNS = new LinkedHashMap<>();

  @BeforeAll
  static void startServices() throws Exception {
    services = BundledExamples.services();
    tools =
        new ToolRegistry(
            ToolsConfig.builder()
                .sslContext(services.clientTls())
                .modelBaseUrl(URI.create(services.placeholders().get("MODEL_BASE_URL")))
                .build());
    bridge = new LoopbackHttpServer();
    bridge.route("/task", CompiledDifferentialTest::dispatch);
  }

  @AfterAll
  static void stopServices() throws Exception {
    if (bridge != null) {
      bridge.close();
    }
    if (tools != null) {
      tools.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> compiledTasksMatchAwsLocalStepFunctions() throws Exception {
    for (Case compiled : CompiledCases.all()) {
      RUNS.put(compiled.name(), new CaseRun(compiled, secretsFor(compiled)));
    }
    JsonNode oracle = runOracle();
    return RUNS.values().stream()
        .map(run -> DynamicTest.dynamicTest(run.compiled.name(), () -> compare(run, oracle)));
  }

  private static void compare(CaseRun run, JsonNode oracle) throws Exception {
    String name = run.compiled.name();
    JsonNode expected = oracle.get(name);
    assertThat(expected).as("aws-local-stepfunctions result of %s", name).isNotNull();
    LocalRun.Outcome outcome = run.runOnEngine();
    JsonNode engine = machineResult(outcome.history());

    assertThat(engine.get("status").asText())
        .as("state machine status of %s (engine %s, oracle %s)", name, engine, expected)
        .isEqualTo(expected.get("status").asText());
    if (engine.get("status").asText().equals("SUCCEEDED")) {
      assertThat(withoutExecutionId(engine.get("output")))
          .as("state machine output of %s", name)
          .isEqualTo(withoutExecutionId(expected.get("output")));
    } else {
      assertThat(engine.get("error").asText())
          .as("state machine error of %s (oracle cause %s)", name, expected.get("cause"))
          .isEqualTo(expected.get("error").asText());
    }

    ExecutionRecord onEngine = run.record(outcome.executionId());
    ExecutionRecord onOracle = run.record(run.oracleExecutionId);
    assertThat(onOracle.status()).as("execution status of %s", name).isEqualTo(onEngine.status());
    assertThat(json(onOracle.output()))
        .as("execution output of %s", name)
        .isEqualTo(json(onEngine.output()));
    assertThat(describe(onOracle.error()))
        .as("execution failure of %s", name)
        .isEqualTo(describe(onEngine.error()));
    if (run.compiled.expected() != null) {
      assertThat(json(onOracle.output()))
          .as("output of %s on aws-local-stepfunctions", name)
          .isEqualTo(JSON.readTree(run.compiled.expected().toFile()));
    }
  }

  /** Returns {status, output} or {status, error, cause} from the last event of a history. */
  private static JsonNode machineResult(List<JsonNode> history) throws IOException {
    JsonNode last = history.get(history.size() - 1);
    ObjectNode result = JSON.createObjectNode();
    if (last.get("type").asText().equals("ExecutionSucceeded")) {
      JsonNode output = last.get("executionSucceededEventDetails").get("output");
      result.put("status", "SUCCEEDED");
      result.set("output", output.isTextual() ? JSON.readTree(output.asText()) : output);
      return result;
    }
    JsonNode details = last.path("executionFailedEventDetails");
    result.put("status", "FAILED");
    result.put("error", details.path("error").asText());
    result.put("cause", details.path("cause").asText());
    return result;
  }

  /** Returns the payload without its {@code execution} field, which differs between the runs. */
  private static JsonNode withoutExecutionId(JsonNode payload) {
    if (!payload.isObject()) {
      return payload;
    }
    ObjectNode copy = payload.deepCopy();
    copy.remove("execution");
    return copy;
  }

  private static JsonNode json(String text) throws IOException {
    return text == null ? null : JSON.readTree(text);
  }

  private static String describe(Failure failure) {
    return failure == null
        ? "none"
        : failure.path() + ": " + failure.type() + ": " + failure.message();
  }

  /**
   * Passes one Task state of aws-local-stepfunctions to the handler of its case and replies {@code
   * {"result"}}, or {@code {"error", "cause"}} for a task failure.
   */
  private static Reply dispatch(Recorded request) {
    try {
      JsonNode body = JSON.readTree(request.body());
      CaseRun run = RUNS.get(body.path("case").asText());
      String resource = body.path("resource").asText();
      if (run == null || !HandlerArns.functionSubstitutions().containsValue(resource)) {
        return Reply.json(
            400, JSON.writeValueAsString(Map.of("message", "no handler for " + body)));
      }
      ObjectNode reply = JSON.createObjectNode();
      try {
        reply.set("result", run.handler.invoke(resource, body.get("input"), null, null));
      } catch (TaskFailedException e) {
        reply.put("error", e.error());
        reply.put("cause", e.cause());
      }
      return Reply.json(200, JSON.writeValueAsString(reply));
    } catch (IOException | RuntimeException e) {
      return Reply.json(500, "{\"message\": " + JSON.valueToTree(String.valueOf(e)) + "}");
    }
  }

  private static JsonNode runOracle() throws IOException, InterruptedException {
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("bridge", bridge.url("/task"));
    for (CaseRun run : RUNS.values()) {
      manifest.withArray("cases").add(run.oracleCase());
    }
    Path file = work.resolve("bridged-cases.json");
    JSON.writeValue(file.toFile(), manifest);
    Path results = work.resolve("bridged-results.json");
    Process process =
        new ProcessBuilder(
                ExternalTools.node().toString(),
                ExternalTools.repoRoot()
                    .resolve("local/src/test/resources/oracle/run-bridged.cjs")
                    .toString(),
                ExternalTools.nodeModules().toString(),
                file.toString())
            .redirectOutput(results.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("run-bridged.cjs did not end in 5 minutes");
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("run-bridged.cjs failed with exit code " + process.exitValue());
    }
    return JSON.readTree(results.toFile());
  }

  private static Path secretsFor(Case compiled) throws IOException {
    Path template = compiled.secretsTemplate();
    if (template == null) {
      return null;
    }
    Path directory = Files.createDirectories(work.resolve(compiled.name().replace(' ', '-')));
    Path filled = directory.resolve("secrets.json");
    Files.writeString(filled, services.fill(Files.readString(template)));
    return filled;
  }

  /** One case: its runner, shared by both engines, and the execution id of the oracle's run. */
  private static final class CaseRun {
    final Case compiled;
    final Task task;
    final String taskText;
    final StepRunner runner;
    final RuntimeTaskHandler handler;
    final String oracleExecutionId = "oracle-" + UUID.randomUUID();

    CaseRun(Case compiled, Path secrets) throws IOException {
      this.compiled = compiled;
      this.task = compiled.task();
      this.taskText = Files.readString(compiled.taskFile());
      this.runner =
          StepRunner.builder()
              .store(new InMemoryExecutionStore())
              .secrets(new LocalSecretStore(secrets, Map.of()))
              .tasks(execution -> task)
              .tools(List.of(tools))
              .models(tools.modelClient())
              .build();
      this.handler = new RuntimeTaskHandler(runner, NO_PROGRESS);
    }

    /** Creates the oracle's execution record and returns the case as the bridge script reads it. */
    ObjectNode oracleCase() {
      runner
          .store()
          .createExecution(
              ExecutionRecord.queued(
                  oracleExecutionId,
                  task.name(),
                  taskText,
                  JsonValues.toJson(JsonValues.fromJson(compiled.input()))));
      ObjectNode entry = JSON.createObjectNode();
      entry.put("name", compiled.name());
      entry.put("main", compiled.mainArn());
      ObjectNode machines = entry.putObject("machines");
      compiled.machines().forEach((arn, definition) -> machines.set(arn, readJson(definition)));
      entry.putObject("input").put("execution", oracleExecutionId).put("scope", "");
      return entry;
    }

    LocalRun.Outcome runOnEngine() throws InterruptedException {
      LocalRun run = new LocalRun(task, taskText, runner, NO_PROGRESS, true);
      return run.run(
          "engine-" + UUID.randomUUID(),
          compiled.input(),
          (path, shown) -> {
            throw new AssertionError(path + " waits for input, which this suite cannot answer");
          });
    }

    ExecutionRecord record(String executionId) {
      return runner.store().findExecution(executionId).orElseThrow();
    }

    private static JsonNode readJson(String text) {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
