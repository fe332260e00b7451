package dev.stepline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.seal.AesGcmSealer;
import dev.stepline.runtime.seal.SealedEnvelope;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.InMemoryExecutionStore;
import dev.stepline.testing.Canaries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secret-derived strings reach the execution store sealed, and the steps that read them see the
 * real values.
 */
class SealingTest {
  private static final String KEY = "canary-SEAL-8d1f";

  private static final String TASK =
      """
      main:
        - set:
            tail: $ secrets.API_KEY[3:]
        - evaluate:
            token: $ secrets.API_KEY + "suffix"
            n: $ len(secrets.API_KEY)
            same: $ secrets.API_KEY == 'x'
            plain: hello
        - evaluate:
            again: $ _.token[:-6]
            length: $ len(_.token)
        - evaluate:
            matches: $ steps[1].output.token == secrets.API_KEY + "suffix"
            tail_matches: $ state.tail == secrets.API_KEY[3:]
            again: $ _.again
            length: $ _.length
        - return:
            length: $ _.length
            again: $ _.again
      """;

  @Test
  void derivedOutputIsSealedInStore() {
    RunnerHarness run = runAll();

    String raw = rawText(run.store, run.id);
    for (String value : List.of(KEY, KEY + "suffix", KEY.substring(3))) {
      for (String form : Canaries.forms(value)) {
        assertThat(raw).as("form %s", form).doesNotContain(form);
      }
    }
    assertThat(raw).contains(SealedEnvelope.PREFIX);
  }

  @Test
  void numbersAndBooleansStayPlain() {
    RunnerHarness run = runAll();

    String first = run.store.findStep(run.id, "", "main[1]").orElseThrow().output();
    assertThat(first).contains("\"n\":" + KEY.length());
    assertThat(first).contains("\"same\":false");
    assertThat(first).contains("\"plain\":\"hello\"");
  }

  @Test
  void laterStepsReadRealValues() {
    RunnerHarness run = runAll();

    String fourth = run.runner.store().findStep(run.id, "", "main[3]").orElseThrow().output();
    assertThat(JsonValues.fromJson(fourth))
        .isEqualTo(
            Map.of(
                "length",
                (long) (KEY.length() + 6),
                "matches",
                true,
                "tail_matches",
                true,
                "again",
                KEY));
    assertThat(run.runner.store().findExecution(run.id).orElseThrow().output())
        .isEqualTo("{\"length\":" + (KEY.length() + 6) + ",\"again\":\"" + KEY + "\"}");
  }

  @Test
  void otherProcessSealsDerivedSlice() {
    RunnerHarness run = harness();
    run.start();
    run.step("main[0]");
    run.step("main[1]");
    // A runner with a fresh masker, as in another Lambda container, that shares the key. The step
    // reads no secret, only the sealed token in _.
    StepRunner other = runnerOn(run.store, run.sealer);

    other.run(new StepRequest("step", run.id, "main", "main[2]", "", null, null));

    String raw = run.store.findStep(run.id, "", "main[2]").orElseThrow().output();
    assertThat(raw).doesNotContain(KEY);
    assertThat(raw).contains("\"length\":" + (KEY.length() + 6));
    String unsealed = other.store().findStep(run.id, "", "main[2]").orElseThrow().output();
    assertThat(unsealed).contains("\"again\":\"" + KEY + "\"");
  }

  @Test
  void tamperedValueFailsClearly() {
    RunnerHarness run = harness();
    run.start();
    run.step("main[0]");
    run.step("main[1]");
    run.step("main[2]");
    String sealed = run.store.state(run.id).get("tail");
    String tampered = Canaries.tampered(sealed);
    run.store.putState(run.id, Map.of("tail", tampered));

    assertThatThrownBy(() -> run.step("main[3]"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("SealError: a sealed value failed its integrity check")
        .hasMessageNotContaining(KEY.substring(3));
  }

  @Test
  void wrongKeyFailsWithoutValue() {
    RunnerHarness run = harness();
    run.start();
    run.step("main[0]");
    run.step("main[1]");
    AesGcmSealer wrong = AesGcmSealer.withRandomKey();
    StepRunner other = runnerOn(run.store, wrong);

    assertThatThrownBy(
            () -> other.run(new StepRequest("step", run.id, "main", "main[2]", "", null, null)))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("SealError: the value was sealed with key " + run.sealer.keyId())
        .hasMessageContaining("the sealing key is " + wrong.keyId())
        .hasMessageNotContaining(KEY);
  }

  private static RunnerHarness runAll() {
    RunnerHarness run = harness();
    run.start();
    run.step("main[0]");
    run.step("main[1]");
    run.step("main[2]");
    run.step("main[3]");
    run.step("main[4]");
    run.finish();
    return run;
  }

  private static RunnerHarness harness() {
    return new RunnerHarness(TASK, "{}", Map.of("API_KEY", KEY), List.of());
  }

  private static StepRunner runnerOn(ExecutionStore store, AesGcmSealer sealer) {
    return StepRunner.builder()
        .store(store)
        .sealer(sealer)
        .secrets(new LocalSecretStore(null, Map.of(LocalSecretStore.ENV_PREFIX + "API_KEY", KEY)))
        .tasks(execution -> RunnerHarness.load(TASK))
        .build();
  }

  /** Returns every value the store holds for an execution, as one text. */
  static String rawText(InMemoryExecutionStore store, String id) {
    StringBuilder text = new StringBuilder();
    text.append(store.findExecution(id).orElseThrow()).append('\n');
    text.append(store.steps(id, "")).append('\n');
    text.append(store.state(id)).append('\n');
    text.append(store.transitions(id)).append('\n');
    text.append(store.failures(id)).append('\n');
    return text.toString();
  }
}
