package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    String taskId = UUID.randomUUID().toString();

    starter.register(taskId, parse(GREET));

    String definition = definition(PREFIX + "task-" + taskId);
    assertThat(definition).contains(lambda("execution"), lambda("evaluate"));
    assertThat(definition).doesNotContain("${");
    assertThat(
            stepFunctions
                .describeStateMachine(request -> request.stateMachineArn(PREFIX + "task-" + taskId))
                .roleArn())
        .isEqualTo(ROLE);
  }

  @Test
  void registerPointsSubworkflowCallsAtTheirMachine() {
    String taskId = UUID.randomUUID().toString();

    starter.register(taskId, parse(RECURSIVE));

    String nested = PREFIX + "task-" + taskId + "-1";
    assertThat(definition(PREFIX + "task-" + taskId)).contains(nested);
    assertThat(definition(nested)).contains(nested).doesNotContain("${");
  }

  @Test
  void registerAgainUpdatesTheMachine() {
    String taskId = UUID.randomUUID().toString();
    starter.register(taskId, parse(GREET));
    String first = definition(PREFIX + "task-" + taskId);

    starter.register(taskId, parse(GREET + "  - log: done\n"));

    String second = definition(PREFIX + "task-" + taskId);
    assertThat(first).doesNotContain("main[1]");
    assertThat(second).contains("main[1]");
  }

  @Test
  void registerRejectsAnUnsafeTaskId() {
    assertThatThrownBy(() -> starter.register("a/b", parse(GREET)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid task id for a state machine name (found 'a/b')");
  }

  @Test
  void startNamesTheExecutionAfterItsId() {
    String taskId = UUID.randomUUID().toString();
    starter.register(taskId, parse(GREET));
    String executionId = queued(taskId);

    starter.start(executionId, parse(GREET), GREET, "{\"name\": \"Ada\"}");
    starter.start(executionId, parse(GREET), GREET, "{\"name\": \"Ada\"}");

    DescribeExecutionResponse execution = describe(taskId, executionId);
    assertThat(execution.name()).isEqualTo(executionId);
    assertThat(execution.input()).contains("\"execution\": \"" + executionId + "\"");
    assertThat(execution.input()).doesNotContain("Ada");
    assertThat(
            stepFunctions
                .listExecutions(request -> request.stateMachineArn(PREFIX + "task-" + taskId))
                .executions())
        .hasSize(1);
  }

  @Test
  void startOfAnUnregisteredTaskFailsTheExecution() {
    String executionId = queued(UUID.randomUUID().toString());

    assertThatThrownBy(() -> starter.start(executionId, parse(GREET), GREET, "{}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Failed to start state machine " + PREFIX + "task-");
    ExecutionRecord record = store.findExecution(executionId).orElseThrow();
    assertThat(record.status()).isEqualTo(dev.stepline.runtime.store.ExecutionStatus.FAILED);
    assertThat(record.error().type()).isEqualTo("StartError");
  }

  @Test
  void stopAbortsTheExecution() {
    String taskId = UUID.randomUUID().toString();
    starter.register(taskId, parse(GREET));
    String executionId = queued(taskId);
    starter.start(executionId, parse(GREET), GREET, "{}");

    starter.stop(executionId, "not needed");

    assertThat(describe(taskId, executionId).status()).isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void stopOfAnExecutionNeverStartedDoesNothing() {
    String taskId = UUID.randomUUID().toString();
    starter.register(taskId, parse(GREET));

    String executionId = queued(taskId);

    assertThatCode(() -> starter.stop(executionId, null)).doesNotThrowAnyException();
  }

  @Test
  void resumeRecordsTheAnswerAndSendsTheToken() {
    String taskId = UUID.randomUUID().toString();
    String executionId = queued(taskId);
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

  private String queued(String taskId) {
    String executionId = "exec-" + UUID.randomUUID();
    store.createExecution(ExecutionRecord.queued(executionId, taskId, GREET, "{}"));
    return executionId;
  }

  private String definition(String machineArn) {
    return stepFunctions
        .describeStateMachine(request -> request.stateMachineArn(machineArn))
        .definition();
  }

  private DescribeExecutionResponse describe(String taskId, String executionId) {
    String arn =
        "arn:aws:states:us-east-1:"
            + ACCOUNT
            + ":execution:stepline-task-"
            + taskId
            + ":"
            + executionId;
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
