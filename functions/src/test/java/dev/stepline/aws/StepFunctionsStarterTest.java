package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.api.ApiStore.TaskRecord;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.TextTaskResolver;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.ExecutionStore.PendingWait;
import dev.stepline.runtime.store.StepRecord;
import dev.stepline.runtime.store.TransitionType;
import dev.stepline.task.Task;
import dev.stepline.validate.TaskValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The Step Functions starter against moto's server. Moto 5 stores the machines and executions and
 * accepts every call the starter makes, but it does not run the Lambda tasks of a definition and
 * accepts any task token, so these tests prove the calls and their arguments (names, substituted
 * definitions, the execution name, stop, the token sent), not that a run finishes.
 */
@ExtendWith(MotoServer.class)
class StepFunctionsStarterTest {
  private static final String TABLE = "stepline-starter";
  private static final String ACCOUNT = "123456789012";
  private static final String PREFIX =
      "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:stepline-";
  private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/stepline-machines";
  private static final Map<String, String> HANDLERS =
      Map.of(
          "ExecutionFunctionArn", lambda("execution"),
          "EvaluateFunctionArn", lambda("evaluate"),
          "ControlFunctionArn", lambda("control"),
          "ToolFunctionArn", lambda("tool"),
          "PromptFunctionArn", lambda("prompt"),
          "WaitFunctionArn", lambda("wait"));
  private static final String GREET =
      """
      name: greet
      main:
        - evaluate:
            greeting: $ "Hello, " + _.name
      """;
  private static final String ASK =
      """
      name: ask
      main:
        - wait_for_input:
            info: {question: "Go on?"}
      """;
  private static final String RECURSIVE =
      """
      name: countdown
      main:
        - workflow: down
          arguments:
            n: 2
      down:
        - if: $ _.n > 0
          then:
            - workflow: down
              arguments:
                n: $ _.n - 1
      """;

  private final SfnClient stepFunctions;
  private final ExecutionStore store;
  private final StepFunctionsStarter starter;

  StepFunctionsStarterTest(MotoServer.Endpoint moto, @TempDir Path dir) {
    this.stepFunctions = moto.stepFunctions();
    ExecutionTable.create(moto.dynamoDb(), TABLE);
    this.store = new DynamoDbExecutionStore(moto.dynamoDb(), TABLE, Duration.ofDays(1));
    this.starter = new StepFunctionsStarter(stepFunctions, runner(store, dir), settings());
  }

  @Test
  void registerCreatesMachineWithHandlerArns() {
    String text = unique(GREET);

    starter.register(record(text), parse(text));

    String definition = definition(machine(text, 0));
    assertThat(definition).contains(lambda("execution"), lambda("evaluate"));
    assertThat(definition).doesNotContain("${");
    assertThat(
            stepFunctions
                .describeStateMachine(request -> request.stateMachineArn(machine(text, 0)))
                .roleArn())
        .isEqualTo(ROLE);
  }

  @Test
  void registerPointsSubworkflowCallsAtTheirMachine() {
    String text = unique(RECURSIVE);

    starter.register(record(text), parse(text));

    assertThat(definition(machine(text, 0))).contains(machine(text, 1));
    assertThat(definition(machine(text, 1))).contains(machine(text, 1)).doesNotContain("${");
  }

  @Test
  void newVersionGetsMachineOfItsOwn() {
    String first = unique(GREET);
    String second = first + "  - log: done\n";
    starter.register(record(first), parse(first));

    starter.register(record(second), parse(second));

    assertThat(definition(machine(first, 0))).doesNotContain("main[1]");
    assertThat(definition(machine(second, 0))).contains("main[1]");
  }

  @Test
  void registerAgainUpdatesTheMachine() {
    String text = unique(GREET);
    starter.register(record(text), parse(text));
    String newRole = ROLE + "-2";
    StepFunctionsStarter redeployed =
        new StepFunctionsStarter(
            stepFunctions,
            null,
            new StepFunctionsStarter.Settings(PREFIX, newRole, HANDLERS, null));

    redeployed.register(record(text), parse(text));

    assertThat(
            stepFunctions
                .describeStateMachine(request -> request.stateMachineArn(machine(text, 0)))
                .roleArn())
        .isEqualTo(newRole);
  }

  @Test
  void startNamesTheExecutionAfterItsId() {
    String text = unique(GREET);
    starter.register(record(text), parse(text));
    String executionId = queued(text);

    starter.start(executionId, parse(text), text, "{\"name\": \"Ada\"}");
    starter.start(executionId, parse(text), text, "{\"name\": \"Ada\"}");

    DescribeExecutionResponse execution = describe(text, executionId);
    assertThat(execution.name()).isEqualTo(executionId);
    assertThat(execution.input()).contains("\"execution\": \"" + executionId + "\"");
    assertThat(execution.input()).doesNotContain("Ada");
    assertThat(
            stepFunctions
                .listExecutions(request -> request.stateMachineArn(machine(text, 0)))
                .executions())
        .hasSize(1);
  }

  @Test
  void startOfAnUnregisteredTaskFailsTheExecution() {
    String text = unique(GREET);
    String executionId = queued(text);

    assertThatThrownBy(() -> starter.start(executionId, parse(text), text, "{}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Failed to start state machine " + machine(text, 0) + " for execution " + executionId);
    ExecutionRecord record = store.findExecution(executionId).orElseThrow();
    assertThat(record.status()).isEqualTo(dev.stepline.runtime.store.ExecutionStatus.FAILED);
    assertThat(record.error().type()).isEqualTo("StartError");
  }

  @Test
  void stopAbortsStandardExecution() {
    String text = unique(ASK);
    String executionId = registeredAndStarted(text);

    starter.stop(executionId, "not needed");

    assertThat(describe(text, executionId).status()).isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void stopLeavesExpressExecutionRunning() {
    String text = unique(GREET);
    String executionId = registeredAndStarted(text);

    starter.stop(executionId, "not needed");

    // Step Functions cannot stop an Express execution, so the starter leaves it running. Its next
    // step fails on the cancelled status. Moto ignores the type and would abort it.
    assertThat(describe(text, executionId).status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void stopOfAnExecutionNeverStartedDoesNothing() {
    String text = unique(GREET);
    starter.register(record(text), parse(text));
    String executionId = queued(text);

    assertThatCode(() -> starter.stop(executionId, null)).doesNotThrowAnyException();
  }

  @Test
  void resumeRecordsTheAnswerAndSendsTheToken() {
    String executionId = queued(GREET);
    store.updateStatus(executionId, dev.stepline.runtime.store.ExecutionStatus.STARTING);
    store.updateStatus(executionId, dev.stepline.runtime.store.ExecutionStatus.RUNNING);
    store.recordStep(executionId, new StepRecord("", "main[0]", null, null, "{}", null, 0));
    store.putTaskToken(executionId, "", "main[0]", "token-1");
    PendingWait wait = store.pendingWaits(executionId).get(0);

    starter.resume(executionId, wait, "{\"approved\": true}");

    assertThat(store.findStep(executionId, "", "main[0]").orElseThrow().output())
        .isEqualTo("{\"approved\":true}");
    assertThat(store.transitions(executionId))
        .extracting(transition -> transition.type())
        .contains(TransitionType.RESUME);
    assertThat(store.pendingWaits(executionId)).isEmpty();
  }

  private String queued(String text) {
    String executionId = "exec-" + UUID.randomUUID();
    store.createExecution(ExecutionRecord.queued(executionId, "task-1", text, "{}"));
    return executionId;
  }

  /** Returns the task text with a comment that makes its machines new to the shared server. */
  private String registeredAndStarted(String text) {
    starter.register(record(text), parse(text));
    String executionId = queued(text);
    starter.start(executionId, parse(text), text, "{}");
    return executionId;
  }

  private static String unique(String text) {
    return "# " + UUID.randomUUID() + "\n" + text;
  }

  private static TaskRecord record(String text) {
    Instant now = Instant.now();
    return new TaskRecord("tenant-a", "task-1", "agent-1", "greet", 1, text, now, now);
  }

  private static String machine(String text, int index) {
    return PREFIX + "task-" + StepFunctionsStarter.textHash(text) + (index == 0 ? "" : "-" + index);
  }

  private String definition(String machineArn) {
    return stepFunctions
        .describeStateMachine(request -> request.stateMachineArn(machineArn))
        .definition();
  }

  private DescribeExecutionResponse describe(String text, String executionId) {
    String arn = machine(text, 0).replace(":stateMachine:", ":execution:") + ":" + executionId;
    return stepFunctions.describeExecution(request -> request.executionArn(arn));
  }

  private static StepRunner runner(ExecutionStore store, Path dir) {
    return StepRunner.builder()
        .store(store)
        .secrets(new LocalSecretStore(dir.resolve("secrets.json"), Map.of()))
        .tasks(new TextTaskResolver(4))
        .build();
  }

  private static StepFunctionsStarter.Settings settings() {
    return new StepFunctionsStarter.Settings(PREFIX, ROLE, HANDLERS, null);
  }

  private static Task parse(String yaml) {
    return new TaskValidator().validate("task.yaml", yaml).task();
  }

  private static String lambda(String name) {
    return "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:stepline-" + name + ":live";
  }
}
