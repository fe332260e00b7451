package dev.stepline.compile;

import static dev.stepline.compile.Tasks.call;
import static dev.stepline.compile.Tasks.error;
import static dev.stepline.compile.Tasks.evaluate;
import static dev.stepline.compile.Tasks.foreach;
import static dev.stepline.compile.Tasks.ifElse;
import static dev.stepline.compile.Tasks.info;
import static dev.stepline.compile.Tasks.map;
import static dev.stepline.compile.Tasks.parallel;
import static dev.stepline.compile.Tasks.ret;
import static dev.stepline.compile.Tasks.sleep;
import static dev.stepline.compile.Tasks.toolCall;
import static dev.stepline.compile.Tasks.tryCatch;
import static dev.stepline.compile.Tasks.waitForInput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepline.diag.Diagnostic;
import dev.stepline.task.Step;
import dev.stepline.task.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AslCompilerTest {

  private static Compilation compile(Task task) {
    return AslCompiler.compile(task, CompileOptions.DEFAULTS);
  }

  private static JsonNode states(Compilation compilation) {
    return compilation.main().definition().path("States");
  }

  private static List<String> names(JsonNode states) {
    List<String> names = new ArrayList<>();
    states.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void mainMachineRecordsStartFinishAndFailure() {
    Compilation compilation =
        compile(Tasks.named("t").workflow("main", evaluate("main[0]")).build());
    JsonNode states = states(compilation);

    assertThat(compilation.main().definition().path("StartAt").asText()).isEqualTo("start");
    assertThat(names(states))
        .containsExactly("start", "main[0] evaluate", "finish", "fail", "failed");
    assertThat(states.path("start").path("Parameters").path("action").asText()).isEqualTo("start");
    assertThat(states.path("start").path("Next").asText()).isEqualTo("main[0] evaluate");
    assertThat(states.path("finish").path("End").asBoolean()).isTrue();
    assertThat(states.path("fail").path("Parameters").path("error.$").asText())
        .isEqualTo("$.error");
    assertThat(states.path("failed").path("CausePath").asText()).isEqualTo("$.error.Cause");
    assertThat(compilation.problems()).isEmpty();
  }

  @Test
  void actionStepRetriesAndCatches() {
    Compilation compilation =
        compile(Tasks.named("t").workflow("main", toolCall("main[0]", "search")).build());
    JsonNode state = states(compilation).path("main[0] tool");

    assertThat(state.path("Resource").asText()).isEqualTo("${ToolFunctionArn}");
    assertThat(state.path("Parameters").toString())
        .isEqualTo(
            "{\"action\":\"step\",\"execution.$\":\"$.execution\",\"workflow\":\"main\","
                + "\"path\":\"main[0]\",\"scope.$\":\"$.scope\","
                + "\"attempt.$\":\"$$.State.RetryCount\"}");
    assertThat(state.path("ResultPath").isNull()).isTrue();
    assertThat(state.path("Retry").get(0).path("ErrorEquals").toString())
        .contains("Lambda.TooManyRequestsException");
    assertThat(state.path("Retry").get(0).path("BackoffRate").asInt()).isEqualTo(2);
    assertThat(state.path("Catch").get(0).path("Next").asText()).isEqualTo("fail");
    assertThat(state.path("Next").asText()).isEqualTo("finish");
  }

  @Test
  void stateNameUsesPathAndLabel() {
    Step labelled = new Step.Evaluate(info("main[0]", "fetch_data"), Tasks.literal("x"));
    Compilation compilation = compile(Tasks.named("t").workflow("main", labelled).build());

    assertThat(names(states(compilation))).contains("main[0] fetch_data");
  }

  @Test
  void longStateNamesAreShortenedStablyAndUniquely() {
    String label = "a".repeat(100);
    Step first = new Step.Evaluate(info("main[0]", label), Tasks.literal("x"));
    Step second = new Step.Evaluate(info("main[1]", label), Tasks.literal("x"));
    Compilation compilation = compile(Tasks.named("t").workflow("main", first, second).build());

    List<String> names = names(states(compilation));
    assertThat(names).allMatch(name -> name.length() <= StateNames.MAX_LENGTH);
    assertThat(names.get(1)).startsWith("main[0] aaa").matches(".*~[0-9a-f]{8}");
    assertThat(names.get(1)).isNotEqualTo(names.get(2));
    assertThat(compile(Tasks.named("t").workflow("main", first, second).build()).main().json())
        .isEqualTo(compilation.main().json());
  }

  @Test
  void ifBecomesConditionTaskAndChoice() {
    Step step = ifElse("main[0]", List.of(evaluate("main[0].then[0]")), List.of());
    JsonNode states = states(compile(Tasks.named("t").workflow("main", step).build()));

    JsonNode condition = states.path("main[0] if");
    assertThat(condition.path("Resource").asText()).isEqualTo("${ControlFunctionArn}");
    assertThat(condition.path("Parameters").path("action").asText()).isEqualTo("condition");
    assertThat(condition.path("ResultPath").asText()).isEqualTo("$.result");
    JsonNode choice = states.path("main[0] if (choice)");
    assertThat(choice.path("Choices").get(0).path("Variable").asText())
        .isEqualTo("$.result.branch");
    assertThat(choice.path("Choices").get(0).path("Next").asText())
        .isEqualTo("main[0].then[0] evaluate");
    assertThat(choice.path("Default").asText()).isEqualTo("finish");
  }

  @Test
  void switchHasOneRulePerCase() {
    Step.Switch step =
        new Step.Switch(
            info("main[0]"),
            List.of(
                new Step.Case(
                    Tasks.expr("_ == 1"), false, List.of(evaluate("main[0][0]")), Tasks.AT),
                new Step.Case(null, true, List.of(evaluate("main[0][1]")), Tasks.AT)));
    JsonNode states = states(compile(Tasks.named("t").workflow("main", step).build()));

    JsonNode rules = states.path("main[0] switch (choice)").path("Choices");
    assertThat(rules).hasSize(2);
    assertThat(rules.get(1).path("NumericEquals").asInt()).isEqualTo(1);
    assertThat(rules.get(1).path("Next").asText()).isEqualTo("main[0][1] evaluate");
    assertThat(states.path("main[0] switch (choice)").path("Default").asText()).isEqualTo("finish");
  }

  @Test
  void foreachIteratesOverIndicesOneAtATime() {
    Step step = foreach("main[0]", evaluate("main[0].do[0]"));
    JsonNode states = states(compile(Tasks.named("t").workflow("main", step).build()));

    assertThat(states.path("main[0] foreach").path("Parameters").path("action").asText())
        .isEqualTo("items");
    JsonNode map = states.path("main[0] foreach (map)");
    assertThat(map.path("ItemsPath").asText()).isEqualTo("$.result.items");
    assertThat(map.path("MaxConcurrency").asInt()).isEqualTo(1);
    assertThat(map.path("ItemSelector").path("scope.$").asText())
        .isEqualTo("States.Format('{}/main[0]#{}', $.scope, $$.Map.Item.Value)");
    JsonNode body = map.path("ItemProcessor").path("States").path("main[0].do[0] evaluate");
    assertThat(body.path("Catch").isMissingNode()).isTrue();
    assertThat(body.path("OutputPath").asText()).isEqualTo("$.execution");
    assertThat(states.path("main[0] foreach (close)").path("Parameters").path("action").asText())
        .isEqualTo("close");
  }

  @Test
  void mapUsesParallelismAsMaxConcurrency() {
    Step step = map("main[0]", 4, evaluate("main[0].map[0]"));
    JsonNode states = states(compile(Tasks.named("t").workflow("main", step).build()));

    assertThat(states.path("main[0] map (map)").path("MaxConcurrency").asInt()).isEqualTo(4);
  }

  @Test
  void parallelBranchBuildsOwnScope() {
    Step step =
        parallel(
            "main[0]",
            List.of(List.of(evaluate("main[0][0][0]")), List.of(evaluate("main[0][1][0]"))));
    JsonNode states = states(compile(Tasks.named("t").workflow("main", step).build()));

    JsonNode branches = states.path("main[0] parallel").path("Branches");
    assertThat(
            branches
                .get(1)
                .path("States")
                .path("main[0][1][0] evaluate")
                .path("Parameters")
                .path("scope.$")
                .asText())
        .isEqualTo("States.Format('{}/main[0]|1', $.scope)");
  }

  @Test
  void subworkflowCallIsInlinedInAFreshScope() {
    Task task =
        Tasks.named("t")
            .workflow("main", call("main[0]", "paint"), call("main[1]", "paint"))
            .workflow("paint", evaluate("paint[0]"), ret("paint[1]"))
            .build();
    Compilation compilation = compile(task);
    JsonNode states = states(compilation);

    assertThat(compilation.machines()).hasSize(1);
    JsonNode inlined = states.path("main[1] > paint[0] evaluate").path("Parameters");
    assertThat(inlined.path("workflow").asText()).isEqualTo("paint");
    assertThat(inlined.path("scope.$").asText()).isEqualTo("States.Format('{}/main[1]@', $.scope)");
    assertThat(states.path("main[0] > paint[1] return").path("Next").asText())
        .isEqualTo("main[0] workflow (close)");
    assertThat(states.path("main[0] workflow (close)").path("Next").asText())
        .isEqualTo("main[1] workflow");
  }

  @Test
  void recursiveWorkflowRunsAsNestedExecution() {
    Task task =
        Tasks.named("t")
            .workflow("main", call("main[0]", "again"))
            .workflow(
                "again", ifElse("again[0]", List.of(call("again[0].then[0]", "again")), List.of()))
            .build();
    Compilation compilation = compile(task);

    assertThat(compilation.machines())
        .extracting(StateMachine::workflow)
        .containsExactly("main", "again");
    assertThat(compilation.machines().get(1).arnSubstitution())
        .isEqualTo("WorkflowAgainStateMachineArn");
    JsonNode run = states(compilation).path("main[0] workflow (run)");
    assertThat(run.path("Resource").asText())
        .isEqualTo("arn:aws:states:::states:startExecution.sync:2");
    assertThat(run.path("Parameters").path("StateMachineArn").asText())
        .isEqualTo("${WorkflowAgainStateMachineArn}");
    assertThat(run.path("Parameters").path("Input").toString())
        .isEqualTo("{\"execution.$\":\"$.execution\",\"scope.$\":\"$.result.scope\"}");
    JsonNode nested = compilation.machines().get(1).definition().path("States");
    assertThat(nested.path("again[0] if (choice)").path("Default").asText())
        .isEqualTo("again (done)");
    assertThat(compilation.type()).isEqualTo(WorkflowType.STANDARD);
  }

  @Test
  void sleepIsAWaitStateWithoutLambda() {
    JsonNode states =
        states(compile(Tasks.named("t").workflow("main", sleep("main[0]", 90)).build()));

    assertThat(states.path("main[0] sleep").path("Type").asText()).isEqualTo("Wait");
    assertThat(states.path("main[0] sleep").path("Seconds").asInt()).isEqualTo(90);
  }

  @Test
  void literalErrorGoesToFailWithoutLambda() {
    JsonNode states =
        states(compile(Tasks.named("t").workflow("main", error("main[0]", "no luck")).build()));

    JsonNode pass = states.path("main[0] error");
    assertThat(pass.path("Type").asText()).isEqualTo("Pass");
    assertThat(pass.path("Result").path("Cause").asText()).isEqualTo("main[0]: StepError: no luck");
    assertThat(pass.path("ResultPath").asText()).isEqualTo("$.error");
    assertThat(pass.path("Next").asText()).isEqualTo("fail");
  }

  @Test
  void literalErrorInLoopBodyIsAFailState() {
    Step step = foreach("main[0]", error("main[0].do[0]", "no luck"));
    JsonNode states = states(compile(Tasks.named("t").workflow("main", step).build()));

    JsonNode fail =
        states
            .path("main[0] foreach (map)")
            .path("ItemProcessor")
            .path("States")
            .path("main[0].do[0] error");
    assertThat(fail.path("Type").asText()).isEqualTo("Fail");
    assertThat(fail.path("Error").asText()).isEqualTo("StepError");
  }

  @Test
  void tryBlockStatesCatchIntoTheCatchAction() {
    Step step =
        tryCatch(
            "main[0]",
            List.of(evaluate("main[0].try[0]"), error("main[0].try[1]", "x")),
            List.of(evaluate("main[0].catch[0]")));
    JsonNode states = states(compile(Tasks.named("t").workflow("main", step).build()));

    assertThat(states.path("main[0].try[0] evaluate").path("Catch").get(0).path("Next").asText())
        .isEqualTo("main[0] try_catch (catch)");
    assertThat(states.path("main[0].try[1] error").path("Next").asText())
        .isEqualTo("main[0] try_catch (catch)");
    JsonNode handler = states.path("main[0] try_catch (catch)");
    assertThat(handler.path("Parameters").path("action").asText()).isEqualTo("catch");
    assertThat(handler.path("Parameters").path("error.$").asText()).isEqualTo("$.error");
    assertThat(handler.path("Catch").get(0).path("Next").asText()).isEqualTo("fail");
    assertThat(handler.path("Next").asText()).isEqualTo("main[0].catch[0] evaluate");
  }

  @Test
  void tryBlockThatCannotFailHasNoCatchState() {
    Step step =
        tryCatch(
            "main[0]", List.of(sleep("main[0].try[0]", 1)), List.of(evaluate("main[0].catch[0]")));
    JsonNode states = states(compile(Tasks.named("t").workflow("main", step).build()));

    assertThat(names(states))
        .doesNotContain("main[0] try_catch (catch)", "main[0].catch[0] evaluate");
  }

  @Test
  void waitForInputPausesWithTaskToken() {
    Compilation compilation =
        compile(Tasks.named("t").workflow("main", waitForInput("main[0]")).build());
    JsonNode state = states(compilation).path("main[0] wait_for_input");

    assertThat(state.path("Resource").asText())
        .isEqualTo("arn:aws:states:::lambda:invoke.waitForTaskToken");
    assertThat(state.path("Parameters").path("FunctionName").asText())
        .isEqualTo("${WaitFunctionArn}");
    assertThat(state.path("Parameters").path("Payload").path("token.$").asText())
        .isEqualTo("$$.Task.Token");
    assertThat(state.path("Retry").isArray()).isTrue();
    assertThat(compilation.type()).isEqualTo(WorkflowType.STANDARD);
    assertThat(compilation.typeReason()).contains("main[0] pauses with a task token");
  }

  @Test
  void functionToolCallPausesWithTaskToken() {
    Task task =
        Tasks.named("t")
            .declareTool("ask_user", "function")
            .workflow("main", toolCall("main[0]", "ask_user"))
            .build();
    JsonNode state = states(compile(task)).path("main[0] tool");

    assertThat(state.path("Resource").asText())
        .isEqualTo("arn:aws:states:::lambda:invoke.waitForTaskToken");
  }

  @Test
  void typeIsExpressWhenNothingNeedsStandard() {
    Compilation compilation =
        compile(Tasks.named("t").workflow("main", sleep("main[0]", 60)).build());

    assertThat(compilation.type()).isEqualTo(WorkflowType.EXPRESS);
  }

  @Test
  void longSleepNeedsStandard() {
    Compilation compilation =
        compile(Tasks.named("t").workflow("main", sleep("main[0]", 61)).build());

    assertThat(compilation.type()).isEqualTo(WorkflowType.STANDARD);
  }

  @Test
  void typeOptionOverridesChoice() {
    Task task = Tasks.named("t").workflow("main", evaluate("main[0]")).build();

    assertThat(AslCompiler.compile(task, new CompileOptions(WorkflowType.STANDARD)).type())
        .isEqualTo(WorkflowType.STANDARD);
  }

  @Test
  void expressRejectsWaitForInput() {
    Task task = Tasks.named("t").workflow("main", waitForInput("main[0]")).build();
    Compilation compilation = AslCompiler.compile(task, new CompileOptions(WorkflowType.EXPRESS));

    assertThat(compilation.hasErrors()).isTrue();
    assertThat(compilation.problems().get(0).toString())
        .isEqualTo(
            "task.yaml:1:1: error: an Express workflow cannot run this step: main[0] pauses with"
                + " a task token, which Express workflows cannot do (found --type express);"
                + " compile with --type standard");
  }

  @Test
  void returnInsideLoopBodyIsRejected() {
    Step step = foreach("main[0]", ret("main[0].do[0]"));
    Compilation compilation = compile(Tasks.named("t").workflow("main", step).build());

    assertThat(compilation.problems())
        .filteredOn(Diagnostic::isError)
        .extracting(Diagnostic::message)
        .containsExactly(
            "return cannot end the workflow from inside the body of foreach at main[0] (found"
                + " return at main[0].do[0]); move the return after that step, or compute the"
                + " value with evaluate");
  }

  @Test
  void returnInMainGoesToFinish() {
    Step step = ifElse("main[0]", List.of(ret("main[0].then[0]")), List.of());
    JsonNode states =
        states(compile(Tasks.named("t").workflow("main", step, evaluate("main[1]")).build()));

    assertThat(states.path("main[0].then[0] return").path("Next").asText()).isEqualTo("finish");
  }

  @Test
  void loopOverRuntimeListIsFlagged() {
    Compilation compilation =
        compile(
            Tasks.named("t")
                .workflow("main", foreach("main[0]", evaluate("main[0].do[0]")))
                .build());

    assertThat(compilation.problems()).hasSize(1);
    Diagnostic warning = compilation.problems().get(0);
    assertThat(warning.isError()).isFalse();
    assertThat(warning.message())
        .startsWith("foreach at main[0] iterates over a list known only at run time")
        .contains("(found $ _.items)");
  }

  @Test
  void deepNestingIsRejected() {
    Step step = evaluate("x");
    for (int depth = 0; depth <= MachineCompiler.MAX_NESTING; depth++) {
      step = foreach("main[0]" + ".do[0]".repeat(MachineCompiler.MAX_NESTING - depth), step);
    }
    Compilation compilation = compile(Tasks.named("t").workflow("main", step).build());

    assertThat(compilation.problems())
        .filteredOn(Diagnostic::isError)
        .extracting(Diagnostic::message)
        .singleElement()
        .asString()
        .startsWith(
            "loops and parallel steps can be nested at most 16 deep (found foreach at depth 17");
  }

  @Test
  void oversizedDefinitionIsRejected() {
    Step[] steps = new Step[3000];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = evaluate("main[" + i + "]");
    }
    Compilation compilation = compile(Tasks.named("t").workflow("main", steps).build());

    assertThat(compilation.problems())
        .extracting(Diagnostic::message)
        .singleElement()
        .asString()
        .startsWith("a state machine definition can be at most 1,048,576 bytes (found ");
  }

  @Test
  void sameTaskCompilesToSameBytes() {
    Task task =
        Tasks.named("t")
            .workflow("main", foreach("main[0]", evaluate("main[0].do[0]")), call("main[1]", "w"))
            .workflow("w", evaluate("w[0]"))
            .build();

    assertThat(compile(task).main().json()).isEqualTo(compile(task).main().json());
    assertThat(compile(task).main().json()).endsWith("}\n").doesNotContain("\r", " : ");
  }
}
