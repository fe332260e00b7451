package dev.stepline.runtime;

import dev.stepline.expr.ExplainsMissingKeys;
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
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code steps}, {@code inputs} and {@code outputs} names of an expression. {@code steps[i]} is
 * step {@code i} of the workflow the current step belongs to and {@code steps['label']} the step
 * with that label; each has {@code .input} and {@code .output}. {@code inputs[i]} and {@code
 * outputs[i]} are short for {@code steps[i].input} and {@code steps[i].output}. A step is looked up
 * in the current scope first, then in the enclosing scopes, so a loop body sees the steps of the
 * workflow around it. Values are read from the store only when an expression asks for them.
 *
 * <p>A step is recorded when it finishes, so the step that is running is not in the store yet. Its
 * {@code input} is the {@code _} it received, and its {@code output} does not exist yet.
 */
final class StepViews {
  private final ExecutionStore store;
  private final String executionId;
  private final ScopeValues scopes;
  private final String scope;
  private final String workflow;
  private final int workflowSize;
  private final Running running;
  private final Consumer<Object> reads;

  /**
   * The top-level step of the workflow that is running: the current step or the block step that
   * contains it.
   *
   * @param scope the scope of the workflow it runs in
   * @param path its path
   * @param index its index in the workflow
   * @param label its label, or {@code null}
   * @param input the {@code _} it received, as JSON text
   */
  record Running(String scope, String path, int index, String label, String input) {
    boolean isNamedBy(Object key, int workflowSize) {
      if (key instanceof String name) {
        return name.equals(label);
      }
      if (Py.isInt(key) && !(key instanceof Boolean)) {
        long expected = Py.smallInt(key);
        return expected == index || expected + workflowSize == index;
      }
      return false;
    }

    StepRecord record() {
      return new StepRecord(scope, path, label, null, input, null, RUNNING_SEQUENCE);
    }
  }

  /** Sequence of the record that is built for the running step. The store never assigns it. */
  private static final long RUNNING_SEQUENCE = -1;

  StepViews(
      ExecutionStore store,
      String executionId,
      ScopeValues scopes,
      String scope,
      String workflow,
      int workflowSize,
      Running running,
      Consumer<Object> reads) {
    this.store = store;
    this.executionId = executionId;
    this.scopes = scopes;
    this.scope = scope;
    this.workflow = workflow;
    this.workflowSize = workflowSize;
    this.running = running;
    this.reads = reads;
  }

  /** Returns the {@code steps} dict. */
  Map<Object, Object> steps() {
    return new LazyDict("steps", StepView::new);
  }

  /** Returns the {@code inputs} dict. */
  Map<Object, Object> inputs() {
    return new LazyDict("inputs", this::inputOf);
  }

  /** Returns the {@code outputs} dict. */
  Map<Object, Object> outputs() {
    return new LazyDict("outputs", this::outputOf);
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
    if (running != null && running.isNamedBy(key, workflowSize)) {
      return Optional.of(running.record());
    }
    return Optional.empty();
  }

  private Object inputOf(StepRecord record) {
    return read(JsonValues.fromJson(record.input()));
  }

  private Object outputOf(StepRecord record) {
    if (record.sequence() == RUNNING_SEQUENCE) {
      throw new ExpressionException(
          "KeyError", "steps[" + Py.repr(keyOf(record)) + "] is running and has no output yet");
    }
    return read(JsonValues.fromJson(scopes.stepOutput(record).orElse(null)));
  }

  // Reports each value an expression reads, so one that contains a secret-derived string makes
  // the expression's result secret-derived.
  private Object read(Object value) {
    reads.accept(value);
    return value;
  }

  private Object keyOf(StepRecord record) {
    return record.label() != null ? record.label() : (long) running.index();
  }

  private String missingMessage(String dictName, Object key) {
    if (key instanceof String || (Py.isInt(key) && !(key instanceof Boolean))) {
      return dictName + "[" + Py.repr(key) + "] has not run yet or does not exist";
    }
    return dictName + " keys are step indexes or labels (found " + Py.typeName(key) + ")";
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
        case "input" -> inputOf(record);
        case "output" -> outputOf(record);
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
  private final class LazyDict extends AbstractMap<Object, Object> implements ExplainsMissingKeys {
    private final String name;
    private final Function<StepRecord, Object> view;

    LazyDict(String name, Function<StepRecord, Object> view) {
      this.name = name;
      this.view = view;
    }

    @Override
    public String missingKeyMessage(Object key) {
      return missingMessage(name, key);
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
        boolean runningOutput =
            record.isPresent()
                && record.get().sequence() == RUNNING_SEQUENCE
                && name.equals("outputs");
        if (record.isPresent() && !runningOutput) {
          entries.put(i, view.apply(record.get()));
        }
      }
      return entries.entrySet();
    }
  }
}
