package dev.stepline.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ExecutionStore} must have. A backend's test extends this class and
 * returns a fresh store from {@link #newStore()}; each test uses its own execution ids, so a store
 * may be shared across tests.
 */
public abstract class ExecutionStoreContract {

  protected abstract ExecutionStore newStore();

  private ExecutionStore store;
  private String id;

  @BeforeEach
  void createExecution() {
    store = newStore();
    id = "exec-" + UUID.randomUUID();
    store.createExecution(ExecutionRecord.queued(id, "demo", "main: []", "{\"name\":\"Ada\"}"));
  }

  @Test
  void createExecutionTwiceKeepsTheFirst() {
    ExecutionRecord second =
        store.createExecution(ExecutionRecord.queued(id, "other", "steps: []", "{}"));

    assertThat(second.taskId()).isEqualTo("demo");
    assertThat(second.input()).isEqualTo("{\"name\":\"Ada\"}");
    assertThat(store.findExecution(id).orElseThrow().taskText()).isEqualTo("main: []");
  }

  @Test
  void tenantSurvivesStatusChanges() {
    String started = "exec-" + UUID.randomUUID();
    store.createExecution(
        ExecutionRecord.queued(started, "demo", "main: []", "{}").withTenant("tenant-a"));

    store.updateStatus(started, ExecutionStatus.STARTING);
    store.updateStatus(started, ExecutionStatus.RUNNING);
    store.succeed(started, "{}");

    assertThat(store.findExecution(started).orElseThrow().tenant()).isEqualTo("tenant-a");
    assertThat(store.findExecution(id).orElseThrow().tenant()).isNull();
  }

  @Test
  void findExecutionOfUnknownIdIsEmpty() {
    assertThat(store.findExecution("exec-" + UUID.randomUUID())).isEmpty();
  }

  @Test
  void writesToUnknownExecutionFail() {
    String unknown = "exec-" + UUID.randomUUID();

    assertThatThrownBy(() -> store.updateStatus(unknown, ExecutionStatus.STARTING))
        .isInstanceOf(ExecutionNotFoundException.class)
        .hasMessage("execution not found: " + unknown);
  }

  @Test
  void statusFollowsAllowedChanges() {
    store.updateStatus(id, ExecutionStatus.STARTING);
    store.updateStatus(id, ExecutionStatus.RUNNING);
    store.updateStatus(id, ExecutionStatus.AWAITING_INPUT);
    store.updateStatus(id, ExecutionStatus.RUNNING);
    ExecutionRecord done = store.succeed(id, "{\"ok\":true}");

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(store.findExecution(id).orElseThrow().output()).isEqualTo("{\"ok\":true}");
  }

  @Test
  void sameStatusTwiceIsNoOp() {
    store.updateStatus(id, ExecutionStatus.STARTING);
    ExecutionRecord again = store.updateStatus(id, ExecutionStatus.STARTING);

    assertThat(again.status()).isEqualTo(ExecutionStatus.STARTING);
  }

  @Test
  void invalidStatusChangeIsRejected() {
    assertThatThrownBy(() -> store.updateStatus(id, ExecutionStatus.SUCCEEDED))
        .isInstanceOf(InvalidStatusChangeException.class)
        .hasMessage("invalid status change for execution " + id + ": queued -> succeeded");
    assertThat(store.findExecution(id).orElseThrow().status()).isEqualTo(ExecutionStatus.QUEUED);
  }

  @Test
  void finalStatusAllowsNoChange() {
    store.updateStatus(id, ExecutionStatus.STARTING);
    store.updateStatus(id, ExecutionStatus.RUNNING);
    store.fail(id, new Failure("", "main[0]", "NameError", "name 'x' is not defined"));

    assertThatThrownBy(() -> store.updateStatus(id, ExecutionStatus.RUNNING))
        .isInstanceOf(InvalidStatusChangeException.class);
    assertThatThrownBy(() -> store.succeed(id, "1"))
        .isInstanceOf(InvalidStatusChangeException.class);
  }

  @Test
  void failStoresTheError() {
    store.updateStatus(id, ExecutionStatus.STARTING);
    Failure error = new Failure("", "main[1]", "KeyError", "'tier'");
    store.fail(id, error);
    store.fail(id, new Failure("", "main[2]", "ValueError", "later"));

    ExecutionRecord stored = store.findExecution(id).orElseThrow();
    assertThat(stored.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(stored.error()).isEqualTo(error);
  }

  @Test
  void cancelRecordsOneTransition() {
    store.updateStatus(id, ExecutionStatus.STARTING);
    store.updateStatus(id, ExecutionStatus.RUNNING);
    store.updateStatus(id, ExecutionStatus.AWAITING_INPUT);

    ExecutionRecord cancelled = store.cancel(id, "not needed any more");
    store.cancel(id, "asked twice");

    assertThat(cancelled.status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(store.findExecution(id).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELLED);
    List<Transition> transitions = store.transitions(id);
    assertThat(transitions).hasSize(1);
    assertThat(transitions.get(0).type()).isEqualTo(TransitionType.CANCELLED);
    assertThat(transitions.get(0).cursor()).isEqualTo(new Cursor("main", "main", ""));
    assertThat(transitions.get(0).output()).isEqualTo("\"not needed any more\"");
  }

  @Test
  void cancelOfEndedExecutionFails() {
    store.updateStatus(id, ExecutionStatus.STARTING);
    store.updateStatus(id, ExecutionStatus.RUNNING);
    store.succeed(id, "1");

    assertThatThrownBy(() -> store.cancel(id, null))
        .isInstanceOf(InvalidStatusChangeException.class);
    assertThat(store.transitions(id)).isEmpty();
  }

  @Test
  void transitionsKeepOrderAndOneRecordPerKey() {
    Instant now = Instant.now();
    store.recordTransition(
        id, new Transition(TransitionType.INIT, new Cursor("main", "", ""), null, null, now));
    Transition step =
        new Transition(
            TransitionType.STEP, new Cursor("main", "main[0]", ""), "{\"a\":1}", "first", now);
    store.recordTransition(id, step);
    Transition retried =
        store.recordTransition(
            id,
            new Transition(
                TransitionType.STEP, new Cursor("main", "main[0]", ""), "{\"a\":2}", null, now));
    store.recordTransition(
        id,
        new Transition(TransitionType.FINISH, new Cursor("main", "", ""), "{\"a\":1}", null, now));

    assertThat(retried).isEqualTo(step);
    assertThat(store.transitions(id))
        .extracting(Transition::type)
        .containsExactly(TransitionType.INIT, TransitionType.STEP, TransitionType.FINISH);
    assertThat(store.transitions(id).get(1).output()).isEqualTo("{\"a\":1}");
    assertThat(store.transitions(id).get(1).label()).isEqualTo("first");
  }

  @Test
  void sameStepInTwoScopesIsTwoTransitions() {
    Instant now = Instant.now();
    for (String scope : List.of("/main[0]#0", "/main[0]#1")) {
      store.recordTransition(
          id,
          new Transition(
              TransitionType.STEP, new Cursor("main", "main[0].do[0]", scope), "1", null, now));
    }

    assertThat(store.transitions(id)).hasSize(2);
  }

  @Test
  void recordStepTwiceKeepsOneRecord() {
    StepRecord first = store.recordStep(id, step("", "main[0]", "{}", "1"));
    StepRecord second = store.recordStep(id, step("", "main[0]", "{}", "2"));

    assertThat(second).isEqualTo(first);
    assertThat(store.steps(id, "")).hasSize(1);
    assertThat(store.findStep(id, "", "main[0]").orElseThrow().output()).isEqualTo("1");
  }

  @Test
  void blockStepGainsItsOutputLater() {
    store.recordStep(id, step("", "main[0]", "1", "2"));
    store.recordStep(id, step("", "main[1]", "2", null));
    store.recordStep(id, step("", "main[1].then[0]", "2", "3"));
    assertThat(store.lastOutput(id, "").orElseThrow().path()).isEqualTo("main[1].then[0]");

    store.recordStep(id, step("", "main[1]", "2", "3"));

    StepRecord block = store.findStep(id, "", "main[1]").orElseThrow();
    assertThat(block.input()).isEqualTo("2");
    assertThat(block.output()).isEqualTo("3");
    assertThat(store.lastOutput(id, "").orElseThrow().path()).isEqualTo("main[1]");
  }

  @Test
  void lastOutputSkipsStepsWithoutOutput() {
    store.recordStep(id, step("", "main[0]", "{}", "\"a\""));
    store.recordStep(id, step("", "main[1]", "\"a\"", null));

    assertThat(store.lastOutput(id, "").orElseThrow().output()).isEqualTo("\"a\"");
  }

  @Test
  void lastOutputOfEmptyScopeIsEmpty() {
    assertThat(store.lastOutput(id, "/main[0]@")).isEmpty();
  }

  @Test
  void scopesAreIsolated() {
    store.recordStep(id, step("/main[0]@", "echo[0]", "{\"a\":\"p\"}", "{\"seen\":1}"));
    store.recordStep(id, step("/main[1]@", "echo[0]", "{\"b\":\"q\"}", "{\"seen\":2}"));

    assertThat(store.lastOutput(id, "/main[0]@").orElseThrow().output()).isEqualTo("{\"seen\":1}");
    assertThat(store.lastOutput(id, "/main[1]@").orElseThrow().output()).isEqualTo("{\"seen\":2}");
    assertThat(store.steps(id, "")).isEmpty();
  }

  @Test
  void stepsFoundByLabelAndOutputName() {
    store.recordStep(id, new StepRecord("", "main[0]", "fetch", "page", "{}", "\"one\"", 0));
    store.recordStep(id, new StepRecord("", "main[1]", null, null, "\"one\"", "\"two\"", 0));

    assertThat(store.findStepByLabel(id, "", "fetch").orElseThrow().output()).isEqualTo("\"one\"");
    assertThat(store.findStepByOutputName(id, "", "page").orElseThrow().path())
        .isEqualTo("main[0]");
    assertThat(store.findStepByLabel(id, "", "missing")).isEmpty();
    assertThat(store.findStepByLabel(id, "/other", "fetch")).isEmpty();
  }

  @Test
  void stepsListKeepsRecordingOrder() {
    store.recordStep(id, step("", "main[2]", "1", "2"));
    store.recordStep(id, step("", "main[0]", "2", "3"));

    assertThat(store.steps(id, ""))
        .extracting(StepRecord::path)
        .containsExactly("main[2]", "main[0]");
  }

  @Test
  void scopeStartKeepsFirstValue() {
    assertThat(store.findScopeStart(id, "/main[0]@")).isEmpty();

    store.putScopeStart(id, "/main[0]@", "{\"colour\":\"red\"}");
    String second = store.putScopeStart(id, "/main[0]@", "{\"colour\":\"blue\"}");

    assertThat(second).isEqualTo("{\"colour\":\"red\"}");
    assertThat(store.findScopeStart(id, "/main[0]@")).contains("{\"colour\":\"red\"}");
  }

  @Test
  void collectionKeepsFirstValue() {
    store.putCollection(id, "", "main[0]", List.of("\"red\"", "\"green\""));
    List<String> second = store.putCollection(id, "", "main[0]", List.of("\"blue\""));

    assertThat(second).containsExactly("\"red\"", "\"green\"");
    assertThat(store.findCollection(id, "", "main[0]").orElseThrow())
        .containsExactly("\"red\"", "\"green\"");
    assertThat(store.findCollection(id, "", "main[1]")).isEmpty();
  }

  @Test
  void stateMergesEntries() {
    store.putState(id, Map.of("a", "1", "b", "\"x\""));
    store.putState(id, Map.of("b", "\"y\""));

    assertThat(store.state(id)).containsOnly(Map.entry("a", "1"), Map.entry("b", "\"y\""));
  }

  @Test
  void stateOfNewExecutionIsEmpty() {
    assertThat(store.state(id)).isEmpty();
  }

  @Test
  void taskTokenKeepsFirstAndListsPendingWaits() {
    store.putTaskToken(id, "", "main[1]", "token-1");
    String second = store.putTaskToken(id, "", "main[1]", "token-2");

    assertThat(second).isEqualTo("token-1");
    assertThat(store.findTaskToken(id, "", "main[1]")).contains("token-1");
    assertThat(store.pendingWaits(id))
        .containsExactly(new ExecutionStore.PendingWait("", "main[1]", "token-1"));

    store.recordStep(id, step("", "main[1]", "{}", "{\"answer\":\"yes\"}"));

    assertThat(store.pendingWaits(id)).isEmpty();
  }

  @Test
  void failureKeepsFirstPerStep() {
    Failure first = new Failure("", "main[0]", "NameError", "name 'x' is not defined");
    store.recordFailure(id, first);
    Failure second =
        store.recordFailure(id, new Failure("", "main[0]", "ValueError", "other message"));
    store.recordFailure(id, new Failure("/main[1]#0", "main[1].do[0]", "KeyError", "'k'"));

    assertThat(second).isEqualTo(first);
    assertThat(store.failures(id))
        .extracting(Failure::type)
        .containsExactly("NameError", "KeyError");
  }

  @Test
  void concurrentWritesAreAllKept() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String scope = "/main[0]#" + i;
        writes.add(
            pool.submit(
                () -> {
                  store.recordStep(id, step(scope, "main[0].do[0]", "1", "2"));
                  store.recordStep(id, step(scope, "main[0].do[0]", "1", "3"));
                }));
      }
      for (Future<?> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdownNow();
    }

    for (int i = 0; i < 40; i++) {
      assertThat(store.steps(id, "/main[0]#" + i)).hasSize(1);
    }
  }

  private static StepRecord step(String scope, String path, String input, String output) {
    return new StepRecord(scope, path, null, null, input, output, 0);
  }
}
