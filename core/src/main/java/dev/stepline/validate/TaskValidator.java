package dev.stepline.validate;

import dev.stepline.diag.Diagnostics;
import dev.stepline.load.TaskLoader;
import dev.stepline.task.Task;
import dev.stepline.task.Value;
import java.util.List;

/**
 * Loads and validates task files: the loader's shape and type checks, then the checks across the
 * task ({@link ReferenceChecker}) and the {@link ValueChecker}s on every value.
 *
 * <p>All diagnostics of a file are collected and returned sorted by position. A file with an error
 * still gets the checks across the task on the parts that loaded, so one run reports every problem.
 */
public final class TaskValidator {

  private final TaskLoader loader = new TaskLoader();
  private final List<ValueChecker> checkers;

  /** Creates a validator with {@link ValueCheckers#defaults()}. */
  public TaskValidator() {
    this(ValueCheckers.defaults());
  }

  public TaskValidator(List<ValueChecker> checkers) {
    this.checkers = List.copyOf(checkers);
  }

  /** Loads and validates the bytes of a task file. */
  public ValidationResult validate(String fileName, byte[] bytes) {
    Diagnostics diagnostics = new Diagnostics();
    Task task = loader.loadInto(fileName, bytes, diagnostics);
    return check(task, diagnostics);
  }

  /** Loads and validates the text of a task file. */
  public ValidationResult validate(String fileName, String text) {
    Diagnostics diagnostics = new Diagnostics();
    Task task = loader.loadInto(fileName, text, diagnostics);
    return check(task, diagnostics);
  }

  private ValidationResult check(Task task, Diagnostics diagnostics) {
    if (task != null) {
      TaskWalker.walk(task, new ReferenceChecker(task, diagnostics));
      TaskWalker.walk(task, new ValueVisitor(diagnostics));
    }
    return new ValidationResult(diagnostics.hasErrors() ? null : task, diagnostics.sorted());
  }

  private final class ValueVisitor implements TaskWalker.Visitor {
    private final Diagnostics diagnostics;

    ValueVisitor(Diagnostics diagnostics) {
      this.diagnostics = diagnostics;
    }

    @Override
    public void value(Value value, ValueSite site) {
      for (ValueChecker checker : checkers) {
        checker.check(value, site, diagnostics);
      }
    }
  }
}
