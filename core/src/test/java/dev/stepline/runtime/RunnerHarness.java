package dev.stepline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.load.LoadResult;
import dev.stepline.load.TaskLoader;
import dev.stepline.runtime.seal.AesGcmSealer;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.secrets.SecretStore;
import dev.stepline.runtime.spi.ModelClient;
import dev.stepline.runtime.spi.ToolProvider;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.InMemoryExecutionStore;
import dev.stepline.task.Task;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Drives a {@link StepRunner} the way a compiled state machine would: one request per Task state,
 * in order, for a task written as YAML.
 */
final class RunnerHarness {
  final InMemoryExecutionStore store = new InMemoryExecutionStore();
  final AesGcmSealer sealer = AesGcmSealer.withRandomKey();
  final StepRunner runner;
  final String id = "exec-" + UUID.randomUUID();

  RunnerHarness(String yaml, String inputJson) {
    this(yaml, inputJson, Map.of(), List.of());
  }

  RunnerHarness(
      String yaml, String inputJson, Map<String, String> secrets, List<ToolProvider> tools) {
    this(yaml, inputJson, secrets, tools, null);
  }

  RunnerHarness(
      String yaml,
      String inputJson,
      Map<String, String> secrets,
      List<ToolProvider> tools,
      ModelClient models) {
    this(yaml, inputJson, environmentStore(secrets), tools, models);
  }

  RunnerHarness(
      String yaml,
      String inputJson,
      SecretStore secrets,
      List<ToolProvider> tools,
      ModelClient models) {
    Task task = load(yaml);
    runner =
        StepRunner.builder()
            .store(store)
            .sealer(sealer)
            .secrets(secrets)
            .tasks(execution -> task)
            .tools(tools)
            .models(models)
            .build();
    store.createExecution(ExecutionRecord.queued(id, "test", yaml, inputJson));
  }

  private static SecretStore environmentStore(Map<String, String> secrets) {
    Map<String, String> environment = new java.util.HashMap<>();
    secrets.forEach((name, value) -> environment.put(LocalSecretStore.ENV_PREFIX + name, value));
    return new LocalSecretStore(null, environment);
  }

  /** Loads a task; a task without a {@code name} gets one, to keep the cases short. */
  static Task load(String yaml) {
    String named = yaml.startsWith("name:") ? yaml : "name: test\n" + yaml;
    LoadResult result = new TaskLoader().load("task.yaml", named);
    assertThat(result.hasErrors()).as("diagnostics: %s", result.diagnostics()).isFalse();
    return result.task();
  }

  StepResult run(String action, String path, String scope) {
    return runner.run(new StepRequest(action, id, workflowOf(path), path, scope, null, null));
  }

  StepResult start() {
    return runner.run(new StepRequest("start", id, "main", "", "", null, null));
  }

  StepResult step(String path) {
    return run("step", path, "");
  }

  StepResult step(String path, String scope) {
    return run("step", path, scope);
  }

  int condition(String path) {
    return run("condition", path, "").branch();
  }

  List<Integer> items(String path, String scope) {
    return run("items", path, scope).items();
  }

  String call(String path, String scope) {
    return run("call", path, scope).scope();
  }

  void close(String path, String scope) {
    run("close", path, scope);
  }

  void finish() {
    runner.run(new StepRequest("finish", id, "main", "", "", null, null));
  }

  ExecutionRecord execution() {
    return store.findExecution(id).orElseThrow();
  }

  /** Returns the last output of a scope as JSON text. */
  String lastOutput(String scope) {
    return store.lastOutput(id, scope).orElseThrow().output();
  }

  private static String workflowOf(String path) {
    int bracket = path == null ? -1 : path.indexOf('[');
    return bracket < 0 ? "main" : path.substring(0, bracket);
  }
}
