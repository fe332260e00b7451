package dev.stepline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AslEngineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:";

  private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
  private final AslEngine engine =
      AslEngine.builder()
          .fastWaits(true)
          .taskHandler(
              (resource, parameters, token, context) -> {
                if (token != null) {
                  tokens.add(token);
                  return null;
                }
                if (resource.endsWith(":fail")) {
                  throw new TaskFailedException("Custom.Error", "asked to fail");
                }
                return JSON.createObjectNode().put("resource", resource).set("echo", parameters);
              })
          .build();

  @AfterEach
  void close() {
    engine.close();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private ExecutionResult run(String name, String definition, String input) throws Exception {
    engine.registerStateMachine(ARN + name, definition.replace('\'', '"'), Map.of());
    return engine.startExecution(ARN + name, "run", json(input)).await();
  }

  @Test
  void lambdaInvokeWrapsPayload() throws Exception {
    ExecutionResult result =
        run(
            "invoke",
            "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Parameters':{'FunctionName':'f1','Payload.$':'$'},'End':true}}}",
            "{'a':1}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().get("StatusCode").asInt()).isEqualTo(200);
    assertThat(result.output().at("/Payload/resource").asText()).isEqualTo("f1");
    assertThat(result.output().at("/Payload/echo")).isEqualTo(json("{'a':1}"));
  }

  @Test
  void waitForTaskTokenCompletesOnSuccess() throws Exception {
    engine.registerStateMachine(
        ARN + "callback",
        ("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',"
                + "'Parameters':{'FunctionName':'f','Payload':{'token.$':'$$.Task.Token'}},"
                + "'End':true}}}")
            .replace('\'', '"'),
        Map.of());
    Execution execution = engine.startExecution(ARN + "callback", "one", json("{}"));

    String token = tokens.poll(10, TimeUnit.SECONDS);
    engine.sendTaskSuccess(token, json("{'answer':42}"));

    assertThat(execution.await().output()).isEqualTo(json("{'answer':42}"));
    assertThatThrownBy(() -> engine.sendTaskSuccess(token, json("{}")))
        .isInstanceOf(TaskDoesNotExistException.class);
  }

  @Test
  void stopExecutionAbortsAWaitingTask() throws Exception {
    engine.registerStateMachine(
        ARN + "stopped",
        ("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x:wait.waitForTaskToken',"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Caught'}],'Next':'After'},"
                + "'Caught':{'Type':'Pass','End':true},'After':{'Type':'Pass','End':true}}}")
            .replace('\'', '"'),
        Map.of());
    Execution execution = engine.startExecution(ARN + "stopped", "one", json("{}"));
    String token = tokens.poll(10, TimeUnit.SECONDS);

    engine.stopExecution(execution.arn(), "not needed");
    ExecutionResult result = execution.await();

    assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(result.cause()).isEqualTo("not needed");
    assertThat(execution.history().get(execution.history().size() - 1).get("type").asText())
        .isEqualTo("ExecutionAborted");
    assertThat(execution.history().toString()).doesNotContain("\"Caught\"", "\"After\"");
    assertThatThrownBy(() -> engine.sendTaskSuccess(token, json("{}")))
        .isInstanceOf(TaskDoesNotExistException.class);
  }

  @Test
  void waitForTaskTokenFailureIsCaught() throws Exception {
    engine.registerStateMachine(
        ARN + "callbackFail",
        ("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x:wait.waitForTaskToken',"
                + "'Catch':[{'ErrorEquals':['Rejected'],'Next':'Caught'}],'End':true},"
                + "'Caught':{'Type':'Pass','End':true}}}")
            .replace('\'', '"'),
        Map.of());
    Execution execution = engine.startExecution(ARN + "callbackFail", "one", json("{}"));

    engine.sendTaskFailure(tokens.poll(10, TimeUnit.SECONDS), "Rejected", "no");

    assertThat(execution.await().output()).isEqualTo(json("{'Error':'Rejected','Cause':'no'}"));
  }

  @Test
  void heartbeatTimeoutFailsTask() throws Exception {
    ExecutionResult result =
        run(
            "heartbeat",
            "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x:wait.waitForTaskToken',"
                + "'HeartbeatSecondsPath':'$.beat','TimeoutSeconds':5,'End':true}}}",
            "{'beat':1}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.HeartbeatTimeout");
  }

  @Test
  void nestedSyncExecutionReturnsOutput() throws Exception {
    engine.registerStateMachine(
        ARN + "child",
        "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'doubled.$':'States.MathAdd($.n, $.n)'},'End':true}}}"
            .replace('\'', '"'),
        Map.of());
    String parent =
        "{'StartAt':'S','States':{'S':{'Type':'Task',"
            + "'Resource':'arn:aws:states:::states:startExecution.sync:2',"
            + "'Parameters':{'StateMachineArn':'${Child}','Input':{'n.$':'$.n'}},"
            + "'OutputPath':'$.Output','Next':'S1'},"
            + "'S1':{'Type':'Task','Resource':'arn:aws:states:::states:startExecution.sync',"
            + "'Parameters':{'StateMachineArn':'${Child}','Input':{'n.$':'$.doubled'}},"
            + "'ResultSelector':{'out.$':'States.StringToJson($.Output)'},'Next':'S2'},"
            + "'S2':{'Type':'Task','Resource':'arn:aws:states:::states:startExecution',"
            + "'Parameters':{'StateMachineArn':'${Child}','Input':{'n':1}},"
            + "'ResultPath':'$.started','End':true}}}";
    engine.registerStateMachine(
        ARN + "parent", parent.replace('\'', '"'), Map.of("Child", ARN + "child"));

    ExecutionResult result = engine.startExecution(ARN + "parent", "p", json("{'n':3}")).await();

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().at("/out/doubled").asInt()).isEqualTo(12);
    assertThat(result.output().at("/started/ExecutionArn").asText())
        .startsWith("arn:aws:states:us-east-1:123456789012:execution:child:");
  }

  @Test
  void contextObjectHasExecutionAndState() throws Exception {
    ExecutionResult result =
        run(
            "context",
            "{'StartAt':'First','States':{'First':{'Type':'Pass','Parameters':{"
                + "'id.$':'$$.Execution.Id','name.$':'$$.Execution.Name','input.$':'$$.Execution.Input',"
                + "'state.$':'$$.State.Name','machine.$':'$$.StateMachine.Id',"
                + "'entered.$':'$$.State.EnteredTime','start.$':'$$.Execution.StartTime'},'End':true}}}",
            "{'x':1}");

    JsonNode output = result.output();
    assertThat(output.get("id").asText())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:context:run");
    assertThat(output.get("name").asText()).isEqualTo("run");
    assertThat(output.get("input")).isEqualTo(json("{'x':1}"));
    assertThat(output.get("state").asText()).isEqualTo("First");
    assertThat(output.get("machine").asText()).isEqualTo(ARN + "context");
    assertThat(output.get("entered").asText()).endsWith("Z");
    assertThat(output.get("start").asText()).endsWith("Z");
  }

  @Test
  void historyHasStepFunctionsShape() throws Exception {
    engine.registerStateMachine(
        ARN + "history",
        "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'f'},'End':true}}}"
            .replace('\'', '"'),
        Map.of());
    Execution execution = engine.startExecution(ARN + "history", "h", json("{}"));
    execution.await();

    List<JsonNode> events = engine.history(execution.arn());
    assertThat(events)
        .extracting(e -> e.get("type").asText())
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded");
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).get("id").asLong()).isEqualTo(i + 1);
      assertThat(events.get(i).get("previousEventId").asLong()).isEqualTo(i);
    }
    assertThat(events.get(2).at("/taskScheduledEventDetails/resourceType").asText())
        .isEqualTo("lambda");
    assertThat(events.get(2).at("/taskScheduledEventDetails/resource").asText())
        .isEqualTo("invoke");
  }

  @Test
  void executionTimeoutEndsExecution() throws Exception {
    AslEngine slow = AslEngine.builder().taskHandler((r, p, t, c) -> p).build();
    try {
      slow.registerStateMachine(
          ARN + "slow",
          "{'TimeoutSeconds':1,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':30,'End':true}}}"
              .replace('\'', '"'),
          Map.of());
      ExecutionResult result =
          slow.startExecution(ARN + "slow", "s", json("{}")).await(Duration.ofSeconds(10));

      assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
      assertThat(result.error()).isEqualTo("States.Timeout");
    } finally {
      slow.close();
    }
  }

  @Test
  void duplicateExecutionNameIsRejected() throws Exception {
    run("dup", "{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}", "{}");

    assertThatThrownBy(() -> engine.startExecution(ARN + "dup", "run", json("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("execution already exists");
  }
}
