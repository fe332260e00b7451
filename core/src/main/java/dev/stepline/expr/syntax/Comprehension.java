package dev.stepline.expr.syntax;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.lib.Iteration;
import dev.stepline.expr.lib.Limits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A list or dict comprehension or a generator expression. A generator expression is evaluated
 * eagerly into a list, which is what every function that accepts one here needs.
 */
final class Comprehension extends Node implements Nodes.Parent {
  enum Kind {
    LIST,
    DICT,
    GENERATOR
  }

  /** One {@code for target in iterable if condition...} clause. */
  record Clause(Target target, Node iterable, List<Node> conditions) {}

  /** A loop target: a name, or a tuple of targets to unpack into. */
  record Target(String name, List<Target> items, int column) {
    void names(List<String> out) {
      if (name != null) {
        out.add(name);
      } else {
        items.forEach(item -> item.names(out));
      }
    }
  }

  final Kind kind;
  final Node element;
  final Node value;
  final List<Clause> clauses;

  Comprehension(int column, Kind kind, Node element, Node value, List<Clause> clauses) {
    super(column);
    this.kind = kind;
    this.element = element;
    this.value = value;
    this.clauses = clauses;
  }

  @Override
  public Object eval(Scope scope) {
    List<String> names = new ArrayList<>();
    clauses.forEach(clause -> clause.target.names(names));
    Object[] saved = new Object[names.size()];
    boolean[] wasBound = new boolean[names.size()];
    for (int i = 0; i < names.size(); i++) {
      wasBound[i] = scope.isBound(names.get(i));
      saved[i] = wasBound[i] ? scope.lookup(names.get(i), column) : null;
    }
    Object first = clauses.get(0).iterable.eval(scope);
    Object result = kind == Kind.DICT ? new LinkedHashMap<>() : new ArrayList<>();
    try {
      run(0, first, scope, result);
    } finally {
      for (int i = names.size() - 1; i >= 0; i--) {
        scope.restore(names.get(i), wasBound[i], saved[i]);
      }
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private void run(int index, Object iterable, Scope scope, Object result) {
    Clause clause = clauses.get(index);
    Iterator<Object> items;
    try {
      items = Iteration.iterable(iterable).iterator();
    } catch (ExpressionException e) {
      throw e.at(clause.iterable.column);
    }
    while (items.hasNext()) {
      scope.step(1);
      assign(clause.target, items.next(), scope);
      if (!conditionsHold(clause, scope)) {
        continue;
      }
      if (index + 1 < clauses.size()) {
        run(index + 1, clauses.get(index + 1).iterable.eval(scope), scope, result);
      } else if (kind == Kind.DICT) {
        Map<Object, Object> dict = (Map<Object, Object>) result;
        Py.dictPut(dict, element.eval(scope), value.eval(scope));
        Limits.checkComprehension(dict.size());
      } else {
        List<Object> list = (List<Object>) result;
        list.add(element.eval(scope));
        Limits.checkComprehension(list.size());
      }
    }
  }

  private static boolean conditionsHold(Clause clause, Scope scope) {
    for (Node condition : clause.conditions) {
      if (!Py.isTruthy(condition.eval(scope))) {
        return false;
      }
    }
    return true;
  }

  static void assign(Target target, Object value, Scope scope) {
    if (target.name != null) {
      scope.bind(target.name, value);
      return;
    }
    List<Object> values = new ArrayList<>();
    for (Object item : Iteration.iterable(value)) {
      values.add(item);
      if (values.size() > target.items.size()) {
        break;
      }
    }
    if (values.size() != target.items.size()) {
      String message =
          values.size() > target.items.size()
              ? "too many values to unpack (expected " + target.items.size() + ")"
              : "not enough values to unpack (expected "
                  + target.items.size()
                  + ", got "
                  + values.size()
                  + ")";
      throw new ExpressionException("ValueError", message, target.column, null);
    }
    for (int i = 0; i < values.size(); i++) {
      assign(target.items.get(i), values.get(i), scope);
    }
  }

  void collectFreeNames(Set<String> bound, Set<String> free) {
    Set<String> inner = new HashSet<>(bound);
    for (int i = 0; i < clauses.size(); i++) {
      Clause clause = clauses.get(i);
      Nodes.collectFreeNames(clause.iterable, i == 0 ? bound : inner, free);
      List<String> names = new ArrayList<>();
      clause.target.names(names);
      inner.addAll(names);
      for (Node condition : clause.conditions) {
        Nodes.collectFreeNames(condition, inner, free);
      }
    }
    Nodes.collectFreeNames(element, inner, free);
    if (value != null) {
      Nodes.collectFreeNames(value, inner, free);
    }
  }

  @Override
  public void addChildren(List<Node> children) {
    children.add(element);
    children.add(value);
    for (Clause clause : clauses) {
      children.add(clause.iterable);
      children.addAll(clause.conditions);
    }
  }
}
