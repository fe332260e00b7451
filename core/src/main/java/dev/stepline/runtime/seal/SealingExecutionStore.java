package dev.stepline.runtime.seal;

import dev.stepline.runtime.secrets.SecretMasker;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.Failure;
import dev.stepline.runtime.store.StepRecord;
import dev.stepline.runtime.store.Transition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ExecutionStore} that seals every secret-derived string of the values it writes: step
 * inputs and outputs, {@code state}, scope start values, loop collections, the execution's input
 * and output. It unseals them when they are read back, so the runtime computes with the real values
 * while the backing store never contains them in plain text. Each value is sealed for its
 * execution, so a sealed value copied into another execution fails to unseal.
 *
 * <p>Transitions and failures pass through unchanged: the runtime masks their text before it
 * records them. Task tokens and the task text are not secret.
 */
public final class SealingExecutionStore implements ExecutionStore {
  private final ExecutionStore store;
  private final JsonSealing sealing;

  /**
   * @param store the backing store, which receives sealed values only
   * @param masker the masker of the runner. A string it would change is sealed. Every unsealed
   *     string is added to it, so a value sealed in another process stays masked here.
   */
  public SealingExecutionStore(ExecutionStore store, Sealer sealer, SecretMasker masker) {
    this.store = store;
    this.sealing = new JsonSealing(sealer, masker);
  }

  @Override
  public ExecutionRecord createExecution(ExecutionRecord execution) {
    return unseal(store.createExecution(seal(execution)));
  }

  @Override
  public Optional<ExecutionRecord> findExecution(String executionId) {
    return store.findExecution(executionId).map(this::unseal);
  }

  @Override
  public ExecutionRecord updateStatus(String executionId, ExecutionStatus status) {
    return unseal(store.updateStatus(executionId, status));
  }

  @Override
  public ExecutionRecord succeed(String executionId, String output) {
    return unseal(store.succeed(executionId, sealing.seal(output, executionId)));
  }

  @Override
  public ExecutionRecord fail(String executionId, Failure error) {
    return unseal(store.fail(executionId, error));
  }

  @Override
  public Transition recordTransition(String executionId, Transition transition) {
    return store.recordTransition(executionId, transition);
  }

  @Override
  public List<Transition> transitions(String executionId) {
    return store.transitions(executionId);
  }

  @Override
  public StepRecord recordStep(String executionId, StepRecord step) {
    StepRecord sealed =
        new StepRecord(
            step.scope(),
            step.path(),
            step.label(),
            step.outputName(),
            sealing.seal(step.input(), executionId),
            sealing.seal(step.output(), executionId),
            step.sequence());
    return unseal(executionId, store.recordStep(executionId, sealed));
  }

  @Override
  public Optional<StepRecord> findStep(String executionId, String scope, String path) {
    return store.findStep(executionId, scope, path).map(step -> unseal(executionId, step));
  }

  @Override
  public Optional<StepRecord> findStepByLabel(String executionId, String scope, String label) {
    return store.findStepByLabel(executionId, scope, label).map(step -> unseal(executionId, step));
  }

  @Override
  public Optional<StepRecord> findStepByOutputName(
      String executionId, String scope, String outputName) {
    return store
        .findStepByOutputName(executionId, scope, outputName)
        .map(step -> unseal(executionId, step));
  }

  @Override
  public List<StepRecord> steps(String executionId, String scope) {
    return store.steps(executionId, scope).stream().map(step -> unseal(executionId, step)).toList();
  }

  @Override
  public Optional<StepRecord> lastOutput(String executionId, String scope) {
    return store.lastOutput(executionId, scope).map(step -> unseal(executionId, step));
  }

  @Override
  public String putScopeStart(String executionId, String scope, String value) {
    String stored = store.putScopeStart(executionId, scope, sealing.seal(value, executionId));
    return sealing.unseal(stored, executionId);
  }

  @Override
  public Optional<String> findScopeStart(String executionId, String scope) {
    return store
        .findScopeStart(executionId, scope)
        .map(value -> sealing.unseal(value, executionId));
  }

  @Override
  public List<String> putCollection(
      String executionId, String scope, String path, List<String> items) {
    List<String> sealed = items.stream().map(item -> sealing.seal(item, executionId)).toList();
    return unsealAll(executionId, store.putCollection(executionId, scope, path, sealed));
  }

  @Override
  public Optional<List<String>> findCollection(String executionId, String scope, String path) {
    return store
        .findCollection(executionId, scope, path)
        .map(items -> unsealAll(executionId, items));
  }

  @Override
  public void putState(String executionId, Map<String, String> entries) {
    Map<String, String> sealed = new LinkedHashMap<>();
    entries.forEach((key, value) -> sealed.put(key, sealing.seal(value, executionId)));
    store.putState(executionId, sealed);
  }

  @Override
  public Map<String, String> state(String executionId) {
    Map<String, String> state = new LinkedHashMap<>();
    store
        .state(executionId)
        .forEach((key, value) -> state.put(key, sealing.unseal(value, executionId)));
    return state;
  }

  @Override
  public String putTaskToken(String executionId, String scope, String path, String token) {
    return store.putTaskToken(executionId, scope, path, token);
  }

  @Override
  public Optional<String> findTaskToken(String executionId, String scope, String path) {
    return store.findTaskToken(executionId, scope, path);
  }

  @Override
  public List<PendingWait> pendingWaits(String executionId) {
    return store.pendingWaits(executionId);
  }

  @Override
  public Failure recordFailure(String executionId, Failure failure) {
    return store.recordFailure(executionId, failure);
  }

  @Override
  public List<Failure> failures(String executionId) {
    return store.failures(executionId);
  }

  private ExecutionRecord seal(ExecutionRecord execution) {
    return withValues(
        execution,
        sealing.seal(execution.input(), execution.id()),
        sealing.seal(execution.output(), execution.id()));
  }

  private ExecutionRecord unseal(ExecutionRecord execution) {
    return withValues(
        execution,
        sealing.unseal(execution.input(), execution.id()),
        sealing.unseal(execution.output(), execution.id()));
  }

  private static ExecutionRecord withValues(
      ExecutionRecord execution, String input, String output) {
    return new ExecutionRecord(
        execution.id(),
        execution.taskId(),
        execution.taskText(),
        input,
        execution.status(),
        output,
        execution.error(),
        execution.createdAt(),
        execution.updatedAt(),
        execution.tenant());
  }

  private StepRecord unseal(String executionId, StepRecord step) {
    return new StepRecord(
        step.scope(),
        step.path(),
        step.label(),
        step.outputName(),
        sealing.unseal(step.input(), executionId),
        sealing.unseal(step.output(), executionId),
        step.sequence());
  }

  private List<String> unsealAll(String executionId, List<String> items) {
    return items.stream().map(item -> sealing.unseal(item, executionId)).toList();
  }
}
