package dev.stepline.expr.syntax;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PySet;
import dev.stepline.expr.PyTuple;
import dev.stepline.expr.lib.Attributes;
import dev.stepline.expr.lib.Calls;
import dev.stepline.expr.lib.Formatting;
import dev.stepline.expr.lib.Iteration;
import dev.stepline.expr.lib.Limits;
import dev.stepline.expr.lib.Ops;
import dev.stepline.expr.lib.Ops.Binary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The node types of the expression tree; each evaluates itself with Python's semantics. */
final class Nodes {
  private Nodes() {}

  /** Collects the names a node reads that no comprehension inside it binds. */
  static void collectFreeNames(Node node, Set<String> bound, Set<String> free) {
    if (node instanceof Name name) {
      if (!bound.contains(name.id)) {
        free.add(name.id);
      }
    } else if (node instanceof Comprehension comprehension) {
      comprehension.collectFreeNames(bound, free);
    } else {
      for (Node child : children(node)) {
        collectFreeNames(child, bound, free);
      }
    }
  }

  static List<Node> children(Node node) {
    List<Node> children = new ArrayList<>();
    if (node instanceof Parent parent) {
      parent.addChildren(children);
    }
    children.removeIf(child -> child == null);
    return children;
  }

  interface Parent {
    void addChildren(List<Node> children);
  }

  static void walkAll(Node node, Consumer<Node> visitor) {
    visitor.accept(node);
    for (Node child : children(node)) {
      walkAll(child, visitor);
    }
  }

  // ---- leaves

  static final class Literal extends Node {
    final Object value;

    Literal(int column, Object value) {
      super(column);
      this.value = value;
    }

    @Override
    public Object eval(Scope scope) {
      return value;
    }
  }

  static final class Name extends Node {
    final String id;

    Name(int column, String id) {
      super(column);
      this.id = id;
    }

    @Override
    public Object eval(Scope scope) {
      return scope.lookup(id, column);
    }
  }

  /** An f-string: literal text and replacement fields. */
  static final class FString extends Node implements Parent {
    final List<Object> parts;

    FString(int column, List<Object> parts) {
      super(column);
      this.parts = parts;
    }

    @Override
    public Object eval(Scope scope) {
      StringBuilder out = new StringBuilder();
      for (Object part : parts) {
        if (part instanceof String text) {
          out.append(text);
        } else {
          out.append(((Field) part).render(scope));
        }
        Limits.checkString(out.length());
      }
      return out.toString();
    }

    @Override
    public void addChildren(List<Node> children) {
      for (Object part : parts) {
        if (part instanceof Field field) {
          children.add(field.value);
          children.add(field.spec);
        }
      }
    }
  }

  /** One {@code {value!conversion:spec}} field of an f-string. */
  record Field(Node value, char conversion, Node spec, String debugText) {
    String render(Scope scope) {
      Object value;
      try {
        value = this.value.eval(scope);
      } catch (ExpressionException e) {
        throw e.at(this.value.column);
      }
      String prefix = debugText == null ? "" : debugText;
      char conversion = this.conversion;
      if (debugText != null && conversion == 0 && spec == null) {
        conversion = 'r';
      }
      if (conversion == 'r') {
        value = Py.repr(value);
      } else if (conversion == 's') {
        value = Py.str(value);
      } else if (conversion == 'a') {
        value = Formatting.ascii(Py.repr(value));
      }
      String spec = this.spec == null ? "" : (String) this.spec.eval(scope);
      return prefix + Formatting.format(value, spec);
    }
  }

  // ---- displays

  static final class Starred extends Node implements Parent {
    final Node value;

    Starred(int column, Node value) {
      super(column);
      this.value = value;
    }

    @Override
    public Object eval(Scope scope) {
      throw new ExpressionException(
          "SyntaxError", "can't use starred expression here", column, null);
    }

    @Override
    public void addChildren(List<Node> children) {
      children.add(value);
    }
  }

  static List<Object> evalItems(List<Node> items, Scope scope) {
    List<Object> values = new ArrayList<>(items.size());
    for (Node item : items) {
      if (item instanceof Starred starred) {
        for (Object value : Iteration.iterable(starred.value.eval(scope))) {
          values.add(value);
        }
      } else {
        values.add(item.eval(scope));
      }
    }
    return values;
  }

  static final class Display extends Node implements Parent {
    enum Kind {
      LIST,
      TUPLE,
      SET
    }

    final Kind kind;
    final List<Node> items;

    Display(int column, Kind kind, List<Node> items) {
      super(column);
      this.kind = kind;
      this.items = items;
    }

    @Override
    public Object eval(Scope scope) {
      try {
        List<Object> values = evalItems(items, scope);
        return switch (kind) {
          case LIST -> values;
          case TUPLE -> PyTuple.copyOf(values);
          case SET -> PySet.of(false, values);
        };
      } catch (ExpressionException e) {
        throw locate(e);
      }
    }

    @Override
    public void addChildren(List<Node> children) {
      children.addAll(items);
    }
  }

  static final class DictDisplay extends Node implements Parent {
    /** Keys; a null key marks a {@code **mapping} entry whose mapping is the value. */
    final List<Node> keys;

    final List<Node> values;

    DictDisplay(int column, List<Node> keys, List<Node> values) {
      super(column);
      this.keys = keys;
      this.values = values;
    }

    @Override
    public Object eval(Scope scope) {
      Map<Object, Object> dict = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i) == null) {
          Object mapping = values.get(i).eval(scope);
          if (!Py.isMapping(mapping)) {
            throw new ExpressionException(
                "TypeError",
                "'" + Py.typeName(mapping) + "' object is not a mapping",
                values.get(i).column,
                null);
          }
          for (Map.Entry<Object, Object> entry : Py.asMap(mapping).entrySet()) {
            Py.dictPut(dict, entry.getKey(), entry.getValue());
          }
        } else {
          Object key = keys.get(i).eval(scope);
          Object value = values.get(i).eval(scope);
          try {
            Py.dictPut(dict, key, value);
          } catch (ExpressionException e) {
            throw e.at(keys.get(i).column);
          }
        }
      }
      return dict;
    }

    @Override
    public void addChildren(List<Node> children) {
      children.addAll(keys);
      children.addAll(values);
    }
  }

  // ---- operators

  static final class BoolOp extends Node implements Parent {
    final boolean isAnd;
    final List<Node> operands;

    BoolOp(int column, boolean isAnd, List<Node> operands) {
      super(column);
      this.isAnd = isAnd;
      this.operands = operands;
    }

    @Override
    public Object eval(Scope scope) {
      Object value = null;
      for (Node operand : operands) {
        value = operand.eval(scope);
        if (Py.isTruthy(value) != isAnd) {
          return value;
        }
      }
      return value;
    }

    @Override
    public void addChildren(List<Node> children) {
      children.addAll(operands);
    }
  }

  static final class Not extends Node implements Parent {
    final Node operand;

    Not(int column, Node operand) {
      super(column);
      this.operand = operand;
    }

    @Override
    public Object eval(Scope scope) {
      return !Py.isTruthy(operand.eval(scope));
    }

    @Override
    public void addChildren(List<Node> children) {
      children.add(operand);
    }
  }

  static final class Unary extends Node implements Parent {
    final char operator;
    final Node operand;

    Unary(int column, char operator, Node operand) {
      super(column);
      this.operator = operator;
      this.operand = operand;
    }

    @Override
    public Object eval(Scope scope) {
      Object value = operand.eval(scope);
      try {
        return Ops.unary(operator, value);
      } catch (ExpressionException e) {
        throw locate(e);
      }
    }

    @Override
    public void addChildren(List<Node> children) {
      children.add(operand);
    }
  }

  static final class BinaryOp extends Node implements Parent {
    final Binary operator;
    final Node left;
    final Node right;

    BinaryOp(int column, Binary operator, Node left, Node right) {
      super(column);
      this.operator = operator;
      this.left = left;
      this.right = right;
    }

    @Override
    public Object eval(Scope scope) {
      Object a = left.eval(scope);
      Object b = right.eval(scope);
      scope.step(1);
      try {
        return Ops.binary(operator, a, b);
      } catch (ExpressionException e) {
        throw locate(e);
      }
    }

    @Override
    public void addChildren(List<Node> children) {
      children.add(left);
      children.add(right);
    }
  }

  /** A comparison chain: {@code a < b <= c} checks each link and stops at the first false. */
  static final class Compare extends Node implements Parent {
    final Node first;
    final List<String> operators;
    final List<Node> operands;

    Compare(int column, Node first, List<String> operators, List<Node> operands) {
      super(column);
      this.first = first;
      this.operators = operators;
      this.operands = operands;
    }

    @Override
    public Object eval(Scope scope) {
      Object left = first.eval(scope);
      Object result = Boolean.TRUE;
      for (int i = 0; i < operators.size(); i++) {
        Node rightNode = operands.get(i);
        Object right = rightNode.eval(scope);
        scope.step(1);
        try {
          result = Ops.compare(operators.get(i), left, right);
        } catch (ExpressionException e) {
          throw locate(e);
        }
        if (!Py.isTruthy(result)) {
          return result;
        }
        left = right;
      }
      return result;
    }

    @Override
    public void addChildren(List<Node> children) {
      children.add(first);
      children.addAll(operands);
    }
  }

  static final class Conditional extends Node implements Parent {
    final Node test;
    final Node body;
    final Node orElse;

    Conditional(int column, Node test, Node body, Node orElse) {
      super(column);
      this.test = test;
      this.body = body;
      this.orElse = orElse;
    }

    @Override
    public Object eval(Scope scope) {
      return Py.isTruthy(test.eval(scope)) ? body.eval(scope) : orElse.eval(scope);
    }

    @Override
    public void addChildren(List<Node> children) {
      children.add(test);
      children.add(body);
      children.add(orElse);
    }
  }

  // ---- access

  static final class Attribute extends Node implements Parent {
    final Node value;
    final String name;
    final int nameColumn;

    Attribute(int column, Node value, String name, int nameColumn) {
      super(column);
      this.value = value;
      this.name = name;
      this.nameColumn = nameColumn;
    }

    @Override
    public Object eval(Scope scope) {
      Object target = value.eval(scope);
      try {
        return Attributes.get(target, name);
      } catch (ExpressionException e) {
        throw e.at(nameColumn);
      }
    }

    @Override
    public void addChildren(List<Node> children) {
      children.add(value);
    }
  }

  static final class Subscript extends Node implements Parent {
    final Node value;
    final Node index;

    Subscript(int column, Node value, Node index) {
      super(column);
      this.value = value;
      this.index = index;
    }

    @Override
    public Object eval(Scope scope) {
      Object target = value.eval(scope);
      try {
        if (index instanceof Slice slice) {
          return Ops.getSlice(
              target,
              slice.evalPart(slice.lower, scope),
              slice.evalPart(slice.upper, scope),
              slice.evalPart(slice.step, scope));
        }
        return Ops.getItem(target, index.eval(scope));
      } catch (ExpressionException e) {
        throw e.at(index.column);
      }
    }

    @Override
    public void addChildren(List<Node> children) {
      children.add(value);
      children.add(index);
    }
  }

  static final class Slice extends Node implements Parent {
    final Node lower;
    final Node upper;
    final Node step;

    Slice(int column, Node lower, Node upper, Node step) {
      super(column);
      this.lower = lower;
      this.upper = upper;
      this.step = step;
    }

    Object evalPart(Node part, Scope scope) {
      return part == null ? null : part.eval(scope);
    }

    @Override
    public Object eval(Scope scope) {
      throw new ExpressionException(
          "TypeError", "slices are only supported inside subscripts", column, null);
    }

    @Override
    public void addChildren(List<Node> children) {
      children.add(lower);
      children.add(upper);
      children.add(step);
    }
  }

  static final class Call extends Node implements Parent {
    final Node function;
    final List<Node> arguments;

    /** Keyword names; null marks a {@code **mapping} argument. */
    final List<String> keywordNames;

    final List<Node> keywordValues;

    Call(
        int column,
        Node function,
        List<Node> arguments,
        List<String> keywordNames,
        List<Node> keywordValues) {
      super(column);
      this.function = function;
      this.arguments = arguments;
      this.keywordNames = keywordNames;
      this.keywordValues = keywordValues;
    }

    @Override
    public Object eval(Scope scope) {
      Object callee = function.eval(scope);
      List<Object> args = evalItems(arguments, scope);
      Map<String, Object> kwargs = keywordNames.isEmpty() ? Map.of() : evalKeywords(scope);
      scope.step(1);
      try {
        return Calls.call(callee, args, kwargs, scope::step);
      } catch (ExpressionException e) {
        throw e.at(function.column);
      }
    }

    private Map<String, Object> evalKeywords(Scope scope) {
      Map<String, Object> kwargs = new LinkedHashMap<>();
      for (int i = 0; i < keywordNames.size(); i++) {
        Object value = keywordValues.get(i).eval(scope);
        if (keywordNames.get(i) != null) {
          addKeyword(kwargs, keywordNames.get(i), value);
          continue;
        }
        if (!Py.isMapping(value)) {
          throw new ExpressionException(
              "TypeError",
              "argument after ** must be a mapping, not " + Py.typeName(value),
              keywordValues.get(i).column,
              null);
        }
        for (Map.Entry<Object, Object> entry : Py.asMap(value).entrySet()) {
          if (!(entry.getKey() instanceof String key)) {
            throw new ExpressionException("TypeError", "keywords must be strings");
          }
          addKeyword(kwargs, key, entry.getValue());
        }
      }
      return kwargs;
    }

    private static void addKeyword(Map<String, Object> kwargs, String name, Object value) {
      if (kwargs.containsKey(name)) {
        throw new ExpressionException(
            "TypeError", "got multiple values for keyword argument '" + name + "'");
      }
      kwargs.put(name, value);
    }

    @Override
    public void addChildren(List<Node> children) {
      children.add(function);
      children.addAll(arguments);
      children.addAll(keywordValues);
    }
  }
}
