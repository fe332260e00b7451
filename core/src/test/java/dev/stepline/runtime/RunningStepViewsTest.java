package dev.stepline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code steps[i]} and {@code inputs[i]} of the step that is running, which is not recorded yet.
 */
class RunningStepViewsTest {

  @Test
  void firstStepInputIsExecutionInput() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - label: start
                evaluate:
                  topic: $ steps[0].input.topic
                  short: $ inputs[0]['topic']
                  last: $ steps[-1].input.topic
                  labelled: $ steps['start'].input.topic
            """,
            "{\"topic\": \"x\"}");
    run.start();
    run.step("main[0]");

    assertThat(run.lastOutput(""))
        .isEqualTo("{\"topic\":\"x\",\"short\":\"x\",\"last\":\"x\",\"labelled\":\"x\"}");
  }

  @Test
  void runningStepInputIsUnderscore() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - evaluate: {n: $ _.n + 1}
              - evaluate:
                  own: $ steps[1].input.n
                  first: $ steps[0].input.n
            """,
            "{\"n\": 1}");
    run.start();
    run.step("main[0]");
    run.step("main[1]");

    assertThat(run.lastOutput("")).isEqualTo("{\"own\":2,\"first\":1}");
  }

  @Test
  void subworkflowFirstStepReadsItsArguments() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - workflow: echo
                arguments: {topic: $ _.topic + '!'}
            echo:
              - evaluate:
                  seen: $ steps[0].input.topic
            """,
            "{\"topic\": \"x\"}");
    run.start();
    String scope = run.call("main[0]", "");
    run.step("echo[0]", scope);

    assertThat(run.lastOutput(scope)).isEqualTo("{\"seen\":\"x!\"}");
  }

  @Test
  void loopBodyReadsFirstStepInput() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - foreach:
                  in: $ _.items
                  do:
                    evaluate:
                      topic: $ steps[0].input.topic
                      item: $ _
            """,
            "{\"topic\": \"x\", \"items\": [1]}");
    run.start();
    run.items("main[0]", "");
    run.step("main[0].foreach.do[0]", "/main[0]#0");

    assertThat(run.lastOutput("/main[0]#0")).isEqualTo("{\"topic\":\"x\",\"item\":1}");
  }

  @Test
  void stepNotRunNamesItself() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - evaluate:
                  later: $ steps[1].input
              - evaluate: {done: true}
            """,
            "{}");
    run.start();

    assertThatThrownBy(() -> run.step("main[0]"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("KeyError")
        .hasMessageContaining("steps[1] has not run yet");
  }

  @Test
  void runningStepHasNoOutput() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - evaluate:
                  own: $ steps[0].output
            """,
            "{}");
    run.start();

    assertThatThrownBy(() -> run.step("main[0]"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("steps[0] is running and has no output yet");
  }
}
