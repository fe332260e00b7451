package dev.stepline.expr.syntax;

import dev.stepline.diag.Suggestions;
import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.lib.Builtins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names visible to one evaluation, and its step budget. Comprehension variables shadow the
 * caller's names, which shadow the builtins and modules.
 */
public final class Scope {
  /** Steps one evaluation may take: each call, operator and comprehension item is one step. */
  public static final long DEFAULT_BUDGET = 2_000_000;

  private final Map<String, Object> names;
  private final long budget;
  private Map<String, Object> locals;
  private long steps;

  public Scope(Map<String, Object> names) {
    this(names, DEFAULT_BUDGET);
  }

  public Scope(Map<String, Object> names, long budget) {
    this.names = names == null ? Map.of() : names;
    this.budget = budget;
  }

  /** Counts {@code count} steps and fails once the budget is spent. */
  public void step(long count) {
    steps += count;
    if (steps > budget) {
      throw new ExpressionException(
          "TimeoutError",
          "expression evaluation exceeded its budget of "
              + budget
              + " steps; simplify the expression or split it over several steps");
    }
  }

  Object lookup(String name, int column) {
    if (locals != null) {
      Object value = locals.get(name);
      if (value != null || locals.containsKey(name)) {
        return value;
      }
    }
    Object value = names.get(name);
    if (value != null || names.containsKey(name)) {
      return value;
    }
    value = Builtins.global(name);
    if (value != null || Builtins.isGlobal(name)) {
      return value;
    }
    throw new ExpressionException(
        "NameError", "name '" + name + "' is not defined", column, suggest(name));
  }

  private String suggest(String name) {
    List<String> candidates = new ArrayList<>(names.keySet());
    if (locals != null) {
      candidates.addAll(locals.keySet());
    }
    candidates.addAll(Builtins.globalNames());
    return Suggestions.closestOrNull(name, candidates);
  }

  /** Binds a comprehension variable, returning what it replaced so that it can be restored. */
  Object bind(String name, Object value) {
    if (locals == null) {
      locals = new HashMap<>();
    }
    return locals.put(name, value);
  }

  boolean isBound(String name) {
    return locals != null && locals.containsKey(name);
  }

  void restore(String name, boolean wasBound, Object previous) {
    if (locals == null) {
      return;
    }
    if (wasBound) {
      locals.put(name, previous);
    } else {
      locals.remove(name);
    }
  }
}
