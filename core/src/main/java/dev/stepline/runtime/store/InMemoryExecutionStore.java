package dev.stepline.runtime.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link ExecutionStore} in memory, for the embedded engine and tests. Each execution's records
 * are guarded by the execution's own lock, so concurrent branches of one execution serialise their
 * writes while different executions do not contend.
 */
public final class InMemoryExecutionStore implements ExecutionStore {

  private final Map<String, Entry> executions = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  /** Everything stored for one execution; guarded by its own monitor. */
  private static final class Entry {
    ExecutionRecord execution;
    final Map<String, Transition> transitions = new LinkedHashMap<>();
    final Map<String, StepRecord> steps = new LinkedHashMap<>();
    final Map<String, String> scopeStarts = new LinkedHashMap<>();
    final Map<String, List<String>> collections = new LinkedHashMap<>();
    final Map<String, String> state = new LinkedHashMap<>();
    final Map<String, PendingWait> tokens = new LinkedHashMap<>();
    final Map<String, Failure> failures = new LinkedHashMap<>();

    Entry(ExecutionRecord execution) {
      this.execution = execution;
    }
  }

  @Override
  public ExecutionRecord createExecution(ExecutionRecord execution) {
    Entry entry = executions.computeIfAbsent(execution.id(), id -> new Entry(execution));
    synchronized (entry) {
      return entry.execution;
    }
  }

  @Override
  public Optional<ExecutionRecord> findExecution(String executionId) {
    Entry entry = executions.get(executionId);
    if (entry == null) {
      return Optional.empty();
    }
    synchronized (entry) {
      return Optional.of(entry.execution);
    }
  }

  @Override
  public ExecutionRecord updateStatus(String executionId, ExecutionStatus status) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      ExecutionRecord current = entry.execution;
      checkChange(current, status);
      if (current.status() == status) {
        return current;
      }
      entry.execution = withStatus(current, status, current.output(), current.error());
      return entry.execution;
    }
  }

  @Override
  public ExecutionRecord succeed(String executionId, String output) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      ExecutionRecord current = entry.execution;
      checkChange(current, ExecutionStatus.SUCCEEDED);
      if (current.status() == ExecutionStatus.SUCCEEDED) {
        return current;
      }
      entry.execution = withStatus(current, ExecutionStatus.SUCCEEDED, output, null);
      return entry.execution;
    }
  }

  @Override
  public ExecutionRecord fail(String executionId, Failure error) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      ExecutionRecord current = entry.execution;
      checkChange(current, ExecutionStatus.FAILED);
      if (current.status() == ExecutionStatus.FAILED) {
        return current;
      }
      entry.execution = withStatus(current, ExecutionStatus.FAILED, null, error);
      return entry.execution;
    }
  }

  @Override
  public Transition recordTransition(String executionId, Transition transition) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return entry.transitions.computeIfAbsent(transition.key(), key -> transition);
    }
  }

  @Override
  public List<Transition> transitions(String executionId) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return List.copyOf(entry.transitions.values());
    }
  }

  @Override
  public StepRecord recordStep(String executionId, StepRecord step) {
    Entry entry = entry(executionId);
    String key = stepKey(step.scope(), step.path());
    synchronized (entry) {
      StepRecord stored = entry.steps.get(key);
      if (stored == null) {
        stored = withSequence(step, sequence.incrementAndGet());
        entry.steps.put(key, stored);
      } else if (!stored.hasOutput() && step.hasOutput()) {
        // A block step's record gains its output later; it moves to the end of the order,
        // because that is when its output was produced.
        stored =
            new StepRecord(
                stored.scope(),
                stored.path(),
                stored.label(),
                stored.outputName(),
                stored.input(),
                step.output(),
                sequence.incrementAndGet());
        entry.steps.put(key, stored);
      }
      return stored;
    }
  }

  @Override
  public Optional<StepRecord> findStep(String executionId, String scope, String path) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return Optional.ofNullable(entry.steps.get(stepKey(scope, path)));
    }
  }

  @Override
  public Optional<StepRecord> findStepByLabel(String executionId, String scope, String label) {
    return latest(executionId, scope, step -> label.equals(step.label()));
  }

  @Override
  public Optional<StepRecord> findStepByOutputName(
      String executionId, String scope, String outputName) {
    return latest(executionId, scope, step -> outputName.equals(step.outputName()));
  }

  @Override
  public List<StepRecord> steps(String executionId, String scope) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return entry.steps.values().stream()
          .filter(step -> step.scope().equals(scope))
          .sorted(Comparator.comparingLong(StepRecord::sequence))
          .toList();
    }
  }

  @Override
  public Optional<StepRecord> lastOutput(String executionId, String scope) {
    return latest(executionId, scope, StepRecord::hasOutput);
  }

  @Override
  public String putScopeStart(String executionId, String scope, String value) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return entry.scopeStarts.computeIfAbsent(scope, key -> value);
    }
  }

  @Override
  public Optional<String> findScopeStart(String executionId, String scope) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return Optional.ofNullable(entry.scopeStarts.get(scope));
    }
  }

  @Override
  public List<String> putCollection(
      String executionId, String scope, String path, List<String> items) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return entry.collections.computeIfAbsent(stepKey(scope, path), key -> List.copyOf(items));
    }
  }

  @Override
  public Optional<List<String>> findCollection(String executionId, String scope, String path) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return Optional.ofNullable(entry.collections.get(stepKey(scope, path)));
    }
  }

  @Override
  public void putState(String executionId, Map<String, String> entries) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      entry.state.putAll(entries);
    }
  }

  @Override
  public Map<String, String> state(String executionId) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entry.state));
    }
  }

  @Override
  public String putTaskToken(String executionId, String scope, String path, String token) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return entry
          .tokens
          .computeIfAbsent(stepKey(scope, path), key -> new PendingWait(scope, path, token))
          .token();
    }
  }

  @Override
  public Optional<String> findTaskToken(String executionId, String scope, String path) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return Optional.ofNullable(entry.tokens.get(stepKey(scope, path))).map(PendingWait::token);
    }
  }

  @Override
  public List<PendingWait> pendingWaits(String executionId) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      List<PendingWait> pending = new ArrayList<>();
      for (Map.Entry<String, PendingWait> wait : entry.tokens.entrySet()) {
        StepRecord step = entry.steps.get(wait.getKey());
        if (step == null || !step.hasOutput()) {
          pending.add(wait.getValue());
        }
      }
      return List.copyOf(pending);
    }
  }

  @Override
  public Failure recordFailure(String executionId, Failure failure) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return entry.failures.computeIfAbsent(
          stepKey(failure.scope(), failure.path()), key -> failure);
    }
  }

  @Override
  public List<Failure> failures(String executionId) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return List.copyOf(entry.failures.values());
    }
  }

  private Entry entry(String executionId) {
    Entry entry = executions.get(executionId);
    if (entry == null) {
      throw new ExecutionNotFoundException(executionId);
    }
    return entry;
  }

  private Optional<StepRecord> latest(
      String executionId, String scope, java.util.function.Predicate<StepRecord> filter) {
    Entry entry = entry(executionId);
    synchronized (entry) {
      return entry.steps.values().stream()
          .filter(step -> step.scope().equals(scope))
          .filter(filter)
          .max(Comparator.comparingLong(StepRecord::sequence));
    }
  }

  private static void checkChange(ExecutionRecord current, ExecutionStatus next) {
    if (!current.status().canChangeTo(next)) {
      throw new InvalidStatusChangeException(current.id(), current.status(), next);
    }
  }

  private static ExecutionRecord withStatus(
      ExecutionRecord current, ExecutionStatus status, String output, Failure error) {
    return new ExecutionRecord(
        current.id(),
        current.taskId(),
        current.taskText(),
        current.input(),
        status,
        output,
        error,
        current.createdAt(),
        Instant.now(),
        current.tenant());
  }

  private static StepRecord withSequence(StepRecord step, long sequence) {
    return new StepRecord(
        step.scope(),
        step.path(),
        step.label(),
        step.outputName(),
        step.input(),
        step.output(),
        sequence);
  }

  private static String stepKey(String scope, String path) {
    return scope + "\u0000" + path;
  }
}
