package dev.stepline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.compile.AslCompiler;
import dev.stepline.compile.Compilation;
import dev.stepline.compile.CompileOptions;
import dev.stepline.compile.StateMachine;
import dev.stepline.diag.Diagnostic;
import dev.stepline.engine.AslEngine;
import dev.stepline.engine.Execution;
import dev.stepline.engine.ExecutionResult;
import dev.stepline.engine.TaskDoesNotExistException;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.ExecutionStore.PendingWait;
import dev.stepline.runtime.store.Failure;
import dev.stepline.runtime.store.Transition;
import dev.stepline.runtime.store.TransitionType;
import dev.stepline.task.Task;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Runs one task on the embedded engine: compiles it, registers its state machines with every
 * handler ARN resolved to an in-process {@link RuntimeTaskHandler}, creates the execution record,
 * starts the main machine with {@code {"execution": id, "scope": ""}} and answers {@code
 * wait_for_input} steps as they come.
 */
public final class LocalRun {
  private static final Duration POLL = Duration.ofMillis(20);

  private final Task task;
  private final String taskText;
  private final StepRunner runner;
  private final StepProgress progress;
  private final boolean fastWaits;
  private volatile AslEngine engine;
  private volatile Execution execution;
  private volatile String stopCause;

  public LocalRun(
      Task task, String taskText, StepRunner runner, StepProgress progress, boolean fastWaits) {
    this.task = task;
    this.taskText = taskText;
    this.runner = runner;
    this.progress = progress;
    this.fastWaits = fastWaits;
  }

  /** Supplies the answer of a waiting step, as JSON text. */
  @FunctionalInterface
  public interface Answers {
    /**
     * Returns the answer for the step at {@code path}, or {@code null} to leave the step waiting
     * for {@link #resume}.
     *
     * @param shownJson what the step shows to whoever answers, as JSON text with secrets masked
     */
    String answer(String path, String shownJson);
  }

  /**
   * The end of a run.
   *
   * @param executionId the execution id in the store
   * @param succeeded true when the execution succeeded
   * @param output the output as JSON text with secrets masked, when it succeeded
   * @param failure the failure that ended it, when it failed
   * @param history the engine's execution history, in GetExecutionHistory event shape
   */
  public record Outcome(
      String executionId,
      boolean succeeded,
      String output,
      Failure failure,
      List<JsonNode> history) {}

  /**
   * Compiles the task.
   *
   * @throws InvalidCompilationException when the compiler reports an error
   */
  public Compilation compile() {
    Compilation compilation = AslCompiler.compile(task, CompileOptions.DEFAULTS);
    if (compilation.hasErrors()) {
      throw new InvalidCompilationException(
          compilation.problems().stream().filter(Diagnostic::isError).toList());
    }
    return compilation;
  }

  /** Runs the task with {@code inputJson} as the execution input and waits for the end. */
  public Outcome run(String inputJson, Answers answers) throws InterruptedException {
    return run(UUID.randomUUID().toString(), inputJson, answers);
  }

  /**
   * Runs the task as the execution {@code executionId} and waits for the end. When the store holds
   * a record with that id already, as when an API created it, the run keeps that record.
   */
  public Outcome run(String executionId, String inputJson, Answers answers)
      throws InterruptedException {
    Compilation compilation = compile();
    ExecutionStore store = runner.store();
    store.createExecution(
        ExecutionRecord.queued(
            executionId, taskName(), taskText, JsonValues.toJson(JsonValues.fromJson(inputJson))));

    try (AslEngine engine =
        AslEngine.builder()
            .taskHandler(new RuntimeTaskHandler(runner, progress))
            .fastWaits(fastWaits)
            .build()) {
      String mainArn = register(engine, compilation);
      ObjectNode payload = JsonValues.mapper().createObjectNode();
      payload.put("execution", executionId);
      payload.put("scope", "");
      this.engine = engine;
      Execution started = engine.startExecution(mainArn, executionId, payload);
      this.execution = started;
      if (stopCause != null) {
        engine.stopExecution(started.arn(), stopCause);
      }
      ExecutionResult result = awaitAnswering(started, executionId, answers);
      return outcome(executionId, result, started.history());
    }
  }

  /**
   * Stops the run, like StopExecution: the main machine ends {@code ABORTED} before its next state.
   * A run stopped before it starts ends at once. Stopping a run that has ended does nothing.
   */
  public void stop(String cause) {
    stopCause = cause == null ? "stopped" : cause;
    Execution started = execution;
    if (started != null && !started.status().isTerminal()) {
      engine.stopExecution(started.arn(), stopCause);
    }
  }

  /**
   * Answers the waiting step at ({@code wait.scope()}, {@code wait.path()}): records the answer as
   * its output and completes its task token.
   *
   * @throws IllegalArgumentException when that step does not wait (any more)
   */
  public synchronized void resume(PendingWait wait, String answerJson) throws InterruptedException {
    if (execution == null || !runner.store().pendingWaits(execution.name()).contains(wait)) {
      throw new IllegalArgumentException(
          "no step waits for input at " + wait.path() + " in scope '" + wait.scope() + "'");
    }
    String token = runner.resume(execution.name(), wait.scope(), wait.path(), answerJson);
    sendTaskSuccess(token);
  }

  private String register(AslEngine engine, Compilation compilation) {
    Map<String, String> substitutions = new LinkedHashMap<>(HandlerArns.functionSubstitutions());
    for (StateMachine machine : compilation.machines()) {
      if (!machine.isMain()) {
        substitutions.put(
            machine.arnSubstitution(), HandlerArns.stateMachine(machineName(machine.workflow())));
      }
    }
    String mainArn = HandlerArns.stateMachine(machineName("main"));
    for (StateMachine machine : compilation.machines()) {
      String arn = machine.isMain() ? mainArn : substitutions.get(machine.arnSubstitution());
      engine.registerStateMachine(arn, machine.json(), substitutions);
    }
    return mainArn;
  }

  private ExecutionResult awaitAnswering(Execution started, String executionId, Answers answers)
      throws InterruptedException {
    Set<String> answered = new HashSet<>();
    while (true) {
      try {
        return started.await(POLL);
      } catch (TimeoutException e) {
        for (PendingWait wait : runner.store().pendingWaits(executionId)) {
          String key = wait.scope() + " " + wait.path();
          if (!answered.contains(key) && answer(executionId, wait, answers)) {
            answered.add(key);
          }
        }
      }
    }
  }

  /** Answers a wait from {@code answers}, and returns false when they leave it waiting. */
  private boolean answer(String executionId, PendingWait wait, Answers answers)
      throws InterruptedException {
    String answer = answers.answer(wait.path(), shown(executionId, wait));
    if (answer == null) {
      return false;
    }
    sendTaskSuccess(runner.resume(executionId, wait.scope(), wait.path(), answer));
    return true;
  }

  private void sendTaskSuccess(String token) throws InterruptedException {
    // The engine opens the task before it calls the wait handler, so the token is known to it.
    // Retrying briefly guards against an engine that opens the task later.
    for (int attempt = 0; ; attempt++) {
      try {
        engine.sendTaskSuccess(token, JsonValues.mapper().createObjectNode());
        return;
      } catch (TaskDoesNotExistException e) {
        if (attempt >= 50) {
          throw e;
        }
        Thread.sleep(POLL.toMillis());
      }
    }
  }

  private String shown(String executionId, PendingWait wait) {
    for (Transition transition : runner.store().transitions(executionId)) {
      if (transition.type() == TransitionType.WAIT
          && transition.cursor().scope().equals(wait.scope())
          && transition.cursor().path().equals(wait.path())) {
        return transition.output();
      }
    }
    return "null";
  }

  private Outcome outcome(String executionId, ExecutionResult result, List<JsonNode> history) {
    ExecutionRecord record = runner.store().findExecution(executionId).orElseThrow();
    if (record.output() != null && record.error() == null && result.error() == null) {
      return new Outcome(executionId, true, runner.masker().mask(record.output()), null, history);
    }
    Failure failure = record.error();
    if (failure == null) {
      failure =
          new Failure(
              "",
              "",
              result.error() == null ? "States.Runtime" : result.error(),
              runner.masker().mask(String.valueOf(result.cause())));
    }
    return new Outcome(executionId, false, null, failure, history);
  }

  private String taskName() {
    return task.name() == null || task.name().isBlank() ? "task" : task.name();
  }

  /** Returns a state machine name: letters, digits, '-' and '_' only, as ARNs allow. */
  private String machineName(String workflow) {
    return (taskName() + "-" + workflow).replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** Thrown when the compiler reports errors; {@link #problems()} lists them. */
  public static final class InvalidCompilationException extends RuntimeException {
    private final transient List<Diagnostic> problems;

    InvalidCompilationException(List<Diagnostic> problems) {
      super(String.join("\n", problems.stream().map(Diagnostic::format).toList()));
      this.problems = List.copyOf(problems);
    }

    public List<Diagnostic> problems() {
      return problems;
    }
  }
}
