package dev.stepline.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELContext;

/**
 * Python's binary operators for template expressions, replacing the Java EL ones: true division,
 * floor division and modulo with Python's signs, {@code ZeroDivisionError}, string and list
 * concatenation and repetition, {@code and} returning an operand, and equality and ordering as
 * Python defines them. Any operand that is {@link Undefined} raises its {@code UndefinedError}.
 */
enum PythonOperators implements AstBinary.Operator {
  ADD("+"),
  SUB("-"),
  MUL("*"),
  DIV("/"),
  FLOOR_DIV("//"),
  MOD("%"),
  POW("**"),
  CONCAT("~"),
  EQ("=="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">="),
  AND("and");

  private final String symbol;

  PythonOperators(String symbol) {
    this.symbol = symbol;
  }

  @Override
  public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
    Object a = left.eval(bindings, context);
    if (this == AND) {
      return PythonValues.isTruthy(a) ? right.eval(bindings, context) : a;
    }
    Object b = right.eval(bindings, context);
    return apply(a, b);
  }

  Object apply(Object a, Object b) {
    switch (this) {
      case CONCAT:
        return text(a) + text(b);
      case EQ:
        return equal(a, b);
      case NE:
        return !equal(a, b);
      default:
        break;
    }
    requireDefined(a);
    requireDefined(b);
    switch (this) {
      case LT:
        return compare(a, b) < 0;
      case LE:
        return compare(a, b) <= 0;
      case GT:
        return compare(a, b) > 0;
      case GE:
        return compare(a, b) >= 0;
      case ADD:
        return add(a, b);
      case MUL:
        return multiply(a, b);
      default:
        return arithmetic(a, b);
    }
  }

  private static String text(Object value) {
    return value instanceof Undefined ? "" : PythonValues.str(value);
  }

  private static void requireDefined(Object value) {
    if (value instanceof Undefined) {
      throw ((Undefined) value).error();
    }
  }

  /** Returns Python's {@code a == b}; numbers compare by value across int, float and bool. */
  static boolean equal(Object a, Object b) {
    if (a instanceof Undefined || b instanceof Undefined) {
      return a instanceof Undefined && b instanceof Undefined;
    }
    if (isNumber(a) && isNumber(b)) {
      return Numbers.compare(number(a), number(b)) == 0;
    }
    if (a instanceof List && b instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map && b instanceof Map) {
      Map<?, ?> x = (Map<?, ?>) a;
      Map<?, ?> y = (Map<?, ?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> entry : x.entrySet()) {
        if (!y.containsKey(entry.getKey()) || !equal(entry.getValue(), y.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  /** Returns the sign of Python's ordering of {@code a} and {@code b}, or raises TypeError. */
  static int compare(Object a, Object b) {
    if (isNumber(a) && isNumber(b)) {
      return Numbers.compare(number(a), number(b));
    }
    if (a instanceof String && b instanceof String) {
      return Integer.signum(((String) a).compareTo((String) b));
    }
    if (a instanceof List && b instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return compare(x.get(i), y.get(i));
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    throw new TemplateFailure(
        "TypeError",
        "'<' not supported between instances of '"
            + PythonValues.typeName(a)
            + "' and '"
            + PythonValues.typeName(b)
            + "'");
  }

  private Object add(Object a, Object b) {
    if (a instanceof String && b instanceof String) {
      return (String) a + b;
    }
    if (a instanceof List && b instanceof List) {
      List<Object> joined = new ArrayList<>((Collection<?>) a);
      joined.addAll((Collection<?>) b);
      return joined;
    }
    return arithmetic(a, b);
  }

  private Object multiply(Object a, Object b) {
    if (a instanceof String && isInteger(b)) {
      return ((String) a).repeat((int) Math.max(0, number(b).longValue()));
    }
    if (isInteger(a) && b instanceof String) {
      return ((String) b).repeat((int) Math.max(0, number(a).longValue()));
    }
    if (a instanceof List && isInteger(b)) {
      List<Object> repeated = new ArrayList<>();
      for (long i = 0; i < number(b).longValue(); i++) {
        repeated.addAll((List<?>) a);
      }
      return repeated;
    }
    return arithmetic(a, b);
  }

  private Object arithmetic(Object a, Object b) {
    if (!isNumber(a) || !isNumber(b)) {
      throw new TemplateFailure(
          "TypeError",
          "unsupported operand type(s) for "
              + symbol
              + ": '"
              + PythonValues.typeName(a)
              + "' and '"
              + PythonValues.typeName(b)
              + "'");
    }
    Number x = number(a);
    Number y = number(b);
    switch (this) {
      case ADD:
        return Numbers.add(x, y);
      case SUB:
        return Numbers.subtract(x, y);
      case MUL:
        return Numbers.multiply(x, y);
      case DIV:
        return Numbers.divide(x, y);
      case FLOOR_DIV:
        return Numbers.floorDivide(x, y);
      case MOD:
        return Numbers.modulo(x, y);
      case POW:
        return Numbers.power(x, y);
      default:
        throw new IllegalStateException("not an arithmetic operator: " + symbol);
    }
  }

  private static boolean isNumber(Object value) {
    return value instanceof Number || value instanceof Boolean;
  }

  private static boolean isInteger(Object value) {
    return PythonValues.isInteger(value) || value instanceof Boolean;
  }

  private static Number number(Object value) {
    if (value instanceof Boolean) {
      return (Boolean) value ? 1L : 0L;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    return (Number) value;
  }

  boolean isComparison() {
    return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
  }

  @Override
  public String toString() {
    return symbol;
  }

  static BigInteger big(Number value) {
    return value instanceof BigInteger ? (BigInteger) value : BigInteger.valueOf(value.longValue());
  }
}
