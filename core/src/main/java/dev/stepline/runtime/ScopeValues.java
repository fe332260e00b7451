package dev.stepline.runtime;

import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.StepRecord;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a scope holds: its start value and its {@code _}, as JSON text from the execution
 * store.
 */
final class ScopeValues {
  private final ExecutionStore store;
  private final String executionId;

  ScopeValues(ExecutionStore store, String executionId) {
    this.store = store;
    this.executionId = executionId;
  }

  /** Returns {@code _} of the scope: its last output, or its start value when it has none. */
  String underscore(String scope) {
    Optional<StepRecord> last = store.lastOutput(executionId, scope);
    if (last.isPresent()) {
      return last.get().output();
    }
    return startValue(scope);
  }

  /**
   * Returns the start value of a scope: the execution input, the loop item, the branch input, or
   * the subworkflow arguments.
   */
  String startValue(String scope) {
    ScopeId id = ScopeId.parse(scope);
    return switch (id.kind()) {
      case MAIN -> executionInput();
      case ITERATION -> item(id);
      case BRANCH -> branchInput(id);
      case CALL ->
          store
              .findScopeStart(executionId, scope)
              .orElseThrow(() -> missing("the arguments of the subworkflow call", scope));
    };
  }

  /**
   * Returns the output a step recorded in {@code scope}; for a block step without an output of its
   * own, the last output its blocks recorded, or its input when none ran.
   */
  Optional<String> stepOutput(StepRecord record) {
    if (record.hasOutput()) {
      return Optional.of(record.output());
    }
    String prefix = record.path() + ".";
    List<StepRecord> inScope = store.steps(executionId, record.scope());
    for (int i = inScope.size() - 1; i >= 0; i--) {
      StepRecord candidate = inScope.get(i);
      if (candidate.hasOutput() && candidate.path().startsWith(prefix)) {
        return Optional.of(candidate.output());
      }
    }
    return Optional.ofNullable(record.input());
  }

  private String executionInput() {
    return store
        .findExecution(executionId)
        .orElseThrow(() -> missing("the execution", executionId))
        .input();
  }

  private String item(ScopeId id) {
    List<String> items =
        store
            .findCollection(executionId, id.parent(), id.path())
            .orElseThrow(() -> missing("the collection of the loop", id.id()));
    if (id.index() >= items.size()) {
      throw missing("item " + id.index() + " of the loop", id.id());
    }
    return items.get(id.index());
  }

  private String branchInput(ScopeId id) {
    Optional<String> stored = store.findScopeStart(executionId, id.id());
    if (stored.isPresent()) {
      return stored.get();
    }
    // The parent scope waits on the parallel step while its branches run, so its _ is still the
    // parallel step's input. Storing it keeps the value fixed for retried and later steps.
    return store.putScopeStart(executionId, id.id(), underscore(id.parent()));
  }

  private static StepError missing(String what, String scope) {
    return new StepError(
        "LookupError",
        what
            + " is not in the execution store (scope '"
            + scope
            + "'); the step that opens"
            + " this scope has not run");
  }
}
