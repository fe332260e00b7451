package dev.stepline.runtime.store;

import dev.stepline.runtime.JsonValues;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where executions, their transitions, step outputs, {@code state}, wait tokens, loop collections
 * and failures live between steps. The model follows Julep's executions and transitions.
 *
 * <p>Every value is JSON text, so that a backend can store it as a string. Every write is
 * idempotent: Step Functions may run a Task state twice, so writing a record whose key is already
 * present keeps the first record and returns it (the keys are given on each method).
 * Implementations are thread-safe, because the branches of {@code parallel} and the iterations of
 * {@code map} run concurrently. {@code ExecutionStoreContract} in the core test sources is the test
 * suite every implementation must pass.
 */
public interface ExecutionStore {

  /**
   * Creates an execution. When the id is already present, keeps the stored execution and returns
   * it.
   */
  ExecutionRecord createExecution(ExecutionRecord execution);

  /** Returns the execution, or empty when the id is unknown. */
  Optional<ExecutionRecord> findExecution(String executionId);

  /**
   * Changes the status of an execution; setting the current status again is a no-op.
   *
   * @throws ExecutionNotFoundException when the id is unknown
   * @throws InvalidStatusChangeException when {@link ExecutionStatus#canChangeTo} rejects the
   *     change
   */
  ExecutionRecord updateStatus(String executionId, ExecutionStatus status);

  /**
   * Marks the execution {@code succeeded} with its output.
   *
   * @throws InvalidStatusChangeException when it cannot change to {@code succeeded}
   */
  ExecutionRecord succeed(String executionId, String output);

  /**
   * Marks the execution {@code failed} with the failure that ended it.
   *
   * @throws InvalidStatusChangeException when it cannot change to {@code failed}
   */
  ExecutionRecord fail(String executionId, Failure error);

  /**
   * Marks the execution {@code cancelled} and records a {@code cancelled} transition of the main
   * workflow whose output is the reason. Cancelling a cancelled execution again is a no-op that
   * returns it.
   *
   * @param reason why it was cancelled, or {@code null}
   * @throws ExecutionNotFoundException when the id is unknown
   * @throws InvalidStatusChangeException when it has succeeded or failed
   */
  default ExecutionRecord cancel(String executionId, String reason) {
    ExecutionRecord record = updateStatus(executionId, ExecutionStatus.CANCELLED);
    recordTransition(
        executionId,
        new Transition(
            TransitionType.CANCELLED,
            new Cursor("main", "main", ""),
            reason == null ? "null" : JsonValues.toJson(reason),
            null,
            Instant.now()));
    return record;
  }

  /**
   * Appends a transition, unless one with the same {@link Transition#key()} (type, scope, path) is
   * already recorded, in which case the stored one is returned.
   */
  Transition recordTransition(String executionId, Transition transition);

  /** Returns the transitions of an execution in the order they were first recorded. */
  List<Transition> transitions(String executionId);

  /**
   * Records what a step did in a scope, keyed by (scope, path). A second call for the same key
   * keeps the first record and returns it, except that a record without an output gains the output
   * of a later call (a block step records its input when it starts and nothing else).
   */
  StepRecord recordStep(String executionId, StepRecord step);

  /** Returns the record of the step at {@code path} in {@code scope}. */
  Optional<StepRecord> findStep(String executionId, String scope, String path);

  /** Returns the latest record in {@code scope} with the given label. */
  Optional<StepRecord> findStepByLabel(String executionId, String scope, String label);

  /** Returns the latest record in {@code scope} with the given {@code output} name. */
  Optional<StepRecord> findStepByOutputName(String executionId, String scope, String outputName);

  /** Returns the records of {@code scope} in the order they were first recorded. */
  List<StepRecord> steps(String executionId, String scope);

  /** Returns the latest record of {@code scope} that has an output. */
  Optional<StepRecord> lastOutput(String executionId, String scope);

  /**
   * Stores the start value of a scope (loop item, subworkflow arguments, branch input) as JSON
   * text, keyed by scope; the first value written stays and is returned.
   */
  String putScopeStart(String executionId, String scope, String value);

  /** Returns the start value of a scope, or empty when none is stored. */
  Optional<String> findScopeStart(String executionId, String scope);

  /**
   * Stores the collection a loop step iterates over, keyed by (scope, path); the first collection
   * written stays and is returned.
   */
  List<String> putCollection(String executionId, String scope, String path, List<String> items);

  /** Returns the stored collection of the loop step at {@code path} in {@code scope}. */
  Optional<List<String>> findCollection(String executionId, String scope, String path);

  /**
   * Merges entries into the execution's {@code state}; a later value for a key replaces the earlier
   * one. Values are JSON text.
   */
  void putState(String executionId, Map<String, String> entries);

  /** Returns the execution's {@code state}, each value as JSON text. */
  Map<String, String> state(String executionId);

  /**
   * Stores the task token of the {@code wait_for_input} step at (scope, path); the first token
   * written stays and is returned.
   */
  String putTaskToken(String executionId, String scope, String path, String token);

  /** Returns the task token stored for (scope, path). */
  Optional<String> findTaskToken(String executionId, String scope, String path);

  /** Returns the waits that have a token and no recorded output yet, oldest first. */
  List<PendingWait> pendingWaits(String executionId);

  /**
   * Records a step failure keyed by (scope, path); the first failure written stays and is returned.
   */
  Failure recordFailure(String executionId, Failure failure);

  /** Returns the recorded failures in the order they were first recorded. */
  List<Failure> failures(String executionId);

  /**
   * A {@code wait_for_input} step waiting for an answer.
   *
   * @param scope the scope the step runs in
   * @param path the step path
   * @param token the task token to send the answer with
   */
  record PendingWait(String scope, String path, String token) {}
}
