package dev.stepline.runtime;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyMapping;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.StepRecord;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code steps}, {@code inputs} and {@code outputs} names of an expression. {@code steps[i]} is
 * step {@code i} of the workflow the current step belongs to and {@code steps['label']} the step
 * with that label; each has {@code .input} and {@code .output}. {@code inputs[i]} and {@code
 * outputs[i]} are short for {@code steps[i].input} and {@code steps[i].output}. A step is looked up
 * in the current scope first, then in the enclosing scopes, so a loop body sees the steps of the
 * workflow around it. Values are read from the store only when an expression asks for them.
 */
final class StepViews {
  private final ExecutionStore store;
  private final String executionId;
  private final ScopeValues scopes;
  private final String scope;
  private final String workflow;
  private final int workflowSize;

  StepViews(
      ExecutionStore store,
      String executionId,
      ScopeValues scopes,
      String scope,
      String workflow,
      int workflowSize) {
    this.store = store;
    this.executionId = executionId;
    this.scopes = scopes;
    this.scope = scope;
    this.workflow = workflow;
    this.workflowSize = workflowSize;
  }

  /** Returns the {@code steps} dict. */
  Map<Object, Object> steps() {
    return new LazyDict(StepView::new);
  }

  /** Returns the {@code inputs} dict. */
  Map<Object, Object> inputs() {
    return new LazyDict(record -> JsonValues.fromJson(record.input()));
  }

  /** Returns the {@code outputs} dict. */
  Map<Object, Object> outputs() {
    return new LazyDict(record -> JsonValues.fromJson(scopes.stepOutput(record).orElse(null)));
  }

  /** Returns the latest step with this {@code output} name, searching the scope chain. */
  Optional<StepRecord> findByOutputName(String outputName) {
    for (String current = scope; current != null; current = ScopeId.parse(current).parent()) {
      Optional<StepRecord> found = store.findStepByOutputName(executionId, current, outputName);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<StepRecord> find(Object key) {
    for (String current = scope; current != null; current = ScopeId.parse(current).parent()) {
      Optional<StepRecord> found = findIn(current, key);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<StepRecord> findIn(String current, Object key) {
    if (key instanceof String label) {
      return store.findStepByLabel(executionId, current, label);
    }
    if (Py.isInt(key) && !(key instanceof Boolean)) {
      long index = Py.smallInt(key);
      if (index < 0) {
        index += workflowSize;
      }
      return store.findStep(executionId, current, workflow + "[" + index + "]");
    }
    return Optional.empty();
  }

  /** One step's {@code input} and {@code output}, read on access. */
  private final class StepView implements PyMapping {
    private final StepRecord record;

    StepView(StepRecord record) {
      this.record = record;
    }

    @Override
    public Object getItem(String key) {
      return switch (key) {
        case "input" -> JsonValues.fromJson(record.input());
        case "output" -> JsonValues.fromJson(scopes.stepOutput(record).orElse(null));
        case "label" -> record.label();
        case "path" -> record.path();
        default -> throw new ExpressionException("KeyError", Py.repr(key));
      };
    }

    @Override
    public boolean contains(String key) {
      return List.of("input", "output", "label", "path").contains(key);
    }

    @Override
    public List<String> keys() {
      return List.of("input", "output", "label", "path");
    }
  }

  /**
   * A dict whose entries are computed on lookup. Listing its entries (for {@code repr} or
   * iteration) computes the steps {@code 0..n-1} of the workflow that have run.
   */
  private final class LazyDict extends AbstractMap<Object, Object> {
    private final Function<StepRecord, Object> view;

    LazyDict(Function<StepRecord, Object> view) {
      this.view = view;
    }

    @Override
    public Object get(Object key) {
      return find(key).map(view).orElse(null);
    }

    @Override
    public boolean containsKey(Object key) {
      return find(key).isPresent();
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
      Map<Object, Object> entries = new LinkedHashMap<>();
      for (long i = 0; i < workflowSize; i++) {
        Optional<StepRecord> record = find(i);
        if (record.isPresent()) {
          entries.put(i, view.apply(record.get()));
        }
      }
      return entries.entrySet();
    }
  }
}
