package dev.stepline.expr.lib;

import dev.stepline.diag.Suggestions;
import dev.stepline.expr.ExplainsMissingKeys;
import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyBytes;
import dev.stepline.expr.PyMapping;
import dev.stepline.expr.PyMatch;
import dev.stepline.expr.PySet;
import dev.stepline.expr.PyTimeDelta;
import dev.stepline.expr.PyTuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Python's operators on expression values. */
public final class Ops {
  private Ops() {}

  /** A binary operator and how Python spells it. */
  public enum Binary {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    FLOORDIV("//"),
    MOD("%"),
    POW("**"),
    LSHIFT("<<"),
    RSHIFT(">>"),
    AND("&"),
    OR("|"),
    XOR("^"),
    MATMUL("@");

    final String symbol;

    Binary(String symbol) {
      this.symbol = symbol;
    }
  }

  public static Object binary(Binary op, Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      Object fast = longFast(op, x, y);
      if (fast != null) {
        return fast;
      }
    }
    if (Py.isNumber(a) && Py.isNumber(b)) {
      return Numbers.arithmetic(op, a, b);
    }
    Object result = sequenceOrOther(op, a, b);
    if (result == null) {
      throw unsupported(op, a, b);
    }
    return result;
  }

  private static Object longFast(Binary op, long x, long y) {
    try {
      return switch (op) {
        case ADD -> Math.addExact(x, y);
        case SUB -> Math.subtractExact(x, y);
        case MUL -> Math.multiplyExact(x, y);
        default -> null;
      };
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static Object sequenceOrOther(Binary op, Object a, Object b) {
    switch (op) {
      case ADD:
        return add(a, b);
      case MUL:
        if (Py.isInt(b) && !(a instanceof Boolean) && isRepeatable(a)) {
          return repeat(a, b);
        }
        if (Py.isInt(a) && isRepeatable(b)) {
          return repeat(b, a);
        }
        if (a instanceof PyTimeDelta || b instanceof PyTimeDelta) {
          return Dates.multiply(a, b);
        }
        if (isRepeatable(a) || isRepeatable(b)) {
          Object other = isRepeatable(a) ? b : a;
          throw new ExpressionException(
              "TypeError",
              "can't multiply sequence by non-int of type '" + Py.typeName(other) + "'");
        }
        return null;
      case SUB:
        if (a instanceof PySet x && b instanceof PySet y) {
          return Sets.difference(x, y);
        }
        return Dates.subtract(a, b);
      case MOD:
        if (a instanceof String format) {
          return Formatting.percent(format, b);
        }
        return null;
      case DIV:
      case FLOORDIV:
        return Dates.divide(op, a, b);
      case OR:
      case AND:
      case XOR:
        if (a instanceof PySet x && b instanceof PySet y) {
          return Sets.operator(op, x, y);
        }
        if (op == Binary.OR && Py.isMapping(a) && Py.isMapping(b)) {
          Map<Object, Object> merged = new LinkedHashMap<>(Py.asMap(a));
          Py.asMap(b).forEach((key, value) -> Py.dictPut(merged, key, value));
          return merged;
        }
        return null;
      default:
        return null;
    }
  }

  private static boolean isRepeatable(Object value) {
    return value instanceof String
        || value instanceof List
        || value instanceof PyTuple
        || value instanceof PyBytes;
  }

  private static Object add(Object a, Object b) {
    if (a instanceof String x) {
      if (b instanceof String y) {
        Limits.checkString((long) x.length() + y.length());
        Budget.chargeText((long) x.length() + y.length());
        return x.concat(y);
      }
      throw new ExpressionException(
          "TypeError", "can only concatenate str (not \"" + Py.typeName(b) + "\") to str");
    }
    if (a instanceof List<?> x) {
      if (b instanceof List<?> y) {
        Limits.checkSequence((long) x.size() + y.size());
        List<Object> result = new ArrayList<>(x.size() + y.size());
        result.addAll(x);
        result.addAll(y);
        return result;
      }
      throw new ExpressionException(
          "TypeError", "can only concatenate list (not \"" + Py.typeName(b) + "\") to list");
    }
    if (a instanceof PyTuple x) {
      if (b instanceof PyTuple y) {
        List<Object> result = new ArrayList<>(x.items());
        result.addAll(y.items());
        return PyTuple.copyOf(result);
      }
      throw new ExpressionException(
          "TypeError", "can only concatenate tuple (not \"" + Py.typeName(b) + "\") to tuple");
    }
    if (a instanceof PyBytes x && b instanceof PyBytes y) {
      byte[] result = new byte[x.size() + y.size()];
      System.arraycopy(x.data(), 0, result, 0, x.size());
      System.arraycopy(y.data(), 0, result, x.size(), y.size());
      return new PyBytes(result);
    }
    return Dates.add(a, b);
  }

  private static Object repeat(Object sequence, Object times) {
    long count =
        Py.isSmallInt(times) ? Py.smallInt(times) : Py.bigInt(times).signum() * (long) 1e12;
    count = Math.max(0, count);
    if (sequence instanceof String text) {
      Limits.checkString(count * text.length());
      Budget.chargeText(count * text.length());
      return text.repeat((int) count);
    }
    if (sequence instanceof PyBytes bytes) {
      Limits.checkSequence(count * bytes.size());
      byte[] result = new byte[(int) (count * bytes.size())];
      for (int i = 0; i < count; i++) {
        System.arraycopy(bytes.data(), 0, result, i * bytes.size(), bytes.size());
      }
      return new PyBytes(result);
    }
    List<?> items = sequence instanceof PyTuple tuple ? tuple.items() : (List<?>) sequence;
    Limits.checkSequence(count * items.size());
    Budget.charge(count * items.size());
    List<Object> result = new ArrayList<>((int) (count * items.size()));
    for (int i = 0; i < count; i++) {
      result.addAll(items);
    }
    return sequence instanceof PyTuple ? PyTuple.copyOf(result) : result;
  }

  static ExpressionException unsupported(Binary op, Object a, Object b) {
    return new ExpressionException(
        "TypeError",
        "unsupported operand type(s) for "
            + op.symbol
            + ": '"
            + Py.typeName(a)
            + "' and '"
            + Py.typeName(b)
            + "'");
  }

  // ---- unary

  public static Object unary(char op, Object value) {
    if (value instanceof Long x && op == '-' && x != Long.MIN_VALUE) {
      return -x;
    }
    if (Py.isInt(value)) {
      BigInteger x = Py.bigInt(value);
      return Py.normalize(op == '-' ? x.negate() : op == '~' ? x.not() : x);
    }
    if (Py.isFloat(value) && op != '~') {
      double x = ((Number) value).doubleValue();
      return op == '-' ? -x : x;
    }
    if (value instanceof PyTimeDelta delta && op != '~') {
      return op == '-' ? PyTimeDelta.ofMicros(-delta.totalMicros()) : delta;
    }
    throw new ExpressionException(
        "TypeError", "bad operand type for unary " + op + ": '" + Py.typeName(value) + "'");
  }

  // ---- comparisons

  public static Object compare(String op, Object a, Object b) {
    switch (op) {
      case "==":
        return Py.eq(a, b);
      case "!=":
        return !Py.eq(a, b);
      case "<":
        return ordered(Py.compare(a, b, op), -1);
      case "<=":
        int le = Py.compare(a, b, op);
        return le <= 0;
      case ">":
        return ordered(Py.compare(a, b, op), 1);
      case ">=":
        int ge = Py.compare(a, b, op);
        return ge >= 0 && ge != 2;
      case "in":
        return contains(b, a);
      case "not in":
        return !contains(b, a);
      case "is":
        return identical(a, b);
      case "is not":
        return !identical(a, b);
      default:
        throw new IllegalArgumentException(op);
    }
  }

  private static boolean ordered(int comparison, int expected) {
    return comparison != 2 && Integer.signum(comparison) == expected;
  }

  private static boolean identical(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a instanceof Boolean || b instanceof Boolean) {
      return a != null && a.equals(b);
    }
    if (a instanceof Long x && b instanceof Long y) {
      return x.equals(y) && x >= -5 && x <= 256;
    }
    if (a instanceof String x && b instanceof String y) {
      return x.equals(y) && (x.length() <= 1);
    }
    return false;
  }

  /** Returns Python's {@code item in container}. */
  public static boolean contains(Object container, Object item) {
    if (container instanceof String text) {
      if (!(item instanceof String part)) {
        throw new ExpressionException(
            "TypeError", "'in <string>' requires string as left operand, not " + Py.typeName(item));
      }
      return text.contains(part);
    }
    if (container instanceof List<?> list) {
      for (Object element : list) {
        if (Py.eq(element, item)) {
          return true;
        }
      }
      return false;
    }
    if (container instanceof PyTuple tuple) {
      return contains(tuple.items(), item);
    }
    if (container instanceof Map<?, ?> map) {
      return Py.dictGet(map, item) != Py.MISSING;
    }
    if (container instanceof PyMapping mapping) {
      String key = mappingKey(item);
      return key != null && mapping.contains(key);
    }
    if (container instanceof PySet set) {
      return set.contains(item);
    }
    if (container instanceof Range range) {
      return range.contains(item);
    }
    if (container instanceof DictView view) {
      return contains(view.items, item);
    }
    if (container instanceof PyBytes bytes) {
      return Texts.bytesContain(bytes, item);
    }
    throw new ExpressionException(
        "TypeError", "argument of type '" + Py.typeName(container) + "' is not iterable");
  }

  // ---- subscripts

  public static Object getItem(Object container, Object key) {
    if (container instanceof List<?> list) {
      return list.get(index(key, list.size(), "list"));
    }
    if (container instanceof Map<?, ?> map) {
      Object value = Py.dictGet(map, key);
      if (value == Py.MISSING && map instanceof ExplainsMissingKeys explains) {
        throw new ExpressionException("KeyError", explains.missingKeyMessage(key));
      }
      if (value == Py.MISSING) {
        throw keyError(key, map.keySet());
      }
      return value;
    }
    if (container instanceof String text) {
      return Texts.charAt(text, key);
    }
    if (container instanceof PyMapping mapping) {
      String name = mappingKey(key);
      if (name == null) {
        throw keyError(key, List.of());
      }
      return mapping.getItem(name);
    }
    if (container instanceof PyTuple tuple) {
      return tuple.get(index(key, tuple.size(), "tuple"));
    }
    if (container instanceof PyBytes bytes) {
      return (long) bytes.get(index(key, bytes.size(), "index"));
    }
    if (container instanceof Range range) {
      return range.get(index(key, range.size(), "range object"));
    }
    if (container instanceof PyMatch match) {
      return Regex.group(match, key);
    }
    if (container instanceof Map.Entry<?, ?>) {
      return null;
    }
    throw new ExpressionException(
        "TypeError", "'" + Py.typeName(container) + "' object is not subscriptable");
  }

  /**
   * Returns the string key of a {@link PyMapping} subscript: a string as it is, an int (not a bool)
   * as its decimal text, so {@code steps[0]} reads key "0". Returns null for other keys.
   */
  private static String mappingKey(Object key) {
    if (key instanceof String text) {
      return text;
    }
    if (Py.isInt(key) && !(key instanceof Boolean)) {
      return Py.bigInt(key).toString();
    }
    return null;
  }

  /** Builds a KeyError for a missing key, suggesting a close key when there is one. */
  public static ExpressionException keyError(Object key, Iterable<?> keys) {
    String suggestion = null;
    if (key instanceof String name) {
      List<String> candidates = new ArrayList<>();
      for (Object candidate : keys) {
        if (candidate instanceof String text) {
          candidates.add(text);
        }
      }
      suggestion = Suggestions.closestOrNull(name, candidates);
    }
    return new ExpressionException("KeyError", Py.repr(key), 0, suggestion);
  }

  /** Resolves a sequence index, negative from the end, as Python does. */
  static int index(Object key, int size, String what) {
    if (!Py.isInt(key)) {
      throw new ExpressionException(
          "TypeError", what + " indices must be integers or slices, not " + Py.typeName(key));
    }
    long index = Py.isSmallInt(key) ? Py.smallInt(key) : Long.MAX_VALUE;
    if (index < 0) {
      index += size;
    }
    if (index < 0 || index >= size) {
      throw new ExpressionException("IndexError", what + " index out of range");
    }
    return (int) index;
  }

  public static Object getSlice(Object container, Object lower, Object upper, Object step) {
    if (container instanceof String text) {
      return Texts.slice(text, lower, upper, step);
    }
    if (container instanceof List<?> list) {
      return sliceList(list, lower, upper, step);
    }
    if (container instanceof PyTuple tuple) {
      return PyTuple.copyOf(sliceList(tuple.items(), lower, upper, step));
    }
    if (container instanceof PyBytes bytes) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < bytes.size(); i++) {
        values.add((long) bytes.get(i));
      }
      List<Object> sliced = sliceList(values, lower, upper, step);
      byte[] data = new byte[sliced.size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (long) (Long) sliced.get(i);
      }
      return new PyBytes(data);
    }
    if (container instanceof Range range) {
      return range.slice(lower, upper, step);
    }
    if (Py.isMapping(container)) {
      throw new ExpressionException("TypeError", "unhashable type: 'slice'");
    }
    throw new ExpressionException(
        "TypeError", "'" + Py.typeName(container) + "' object is not subscriptable");
  }

  static List<Object> sliceList(List<?> items, Object lower, Object upper, Object step) {
    int[] bounds = sliceBounds(items.size(), lower, upper, step);
    List<Object> result = new ArrayList<>();
    for (int i = bounds[0]; bounds[2] > 0 ? i < bounds[1] : i > bounds[1]; i += bounds[2]) {
      result.add(items.get(i));
    }
    return result;
  }

  /** Returns start, stop and step of a slice over {@code size} items, as slice.indices does. */
  static int[] sliceBounds(int size, Object lower, Object upper, Object step) {
    long stride = step == null ? 1 : sliceIndex(step);
    if (stride == 0) {
      throw new ExpressionException("ValueError", "slice step cannot be zero");
    }
    long start;
    long stop;
    if (stride > 0) {
      start = lower == null ? 0 : clamp(sliceIndex(lower), size, 0, size);
      stop = upper == null ? size : clamp(sliceIndex(upper), size, 0, size);
    } else {
      start = lower == null ? size - 1 : clamp(sliceIndex(lower), size, -1, size - 1);
      stop = upper == null ? -1 : clamp(sliceIndex(upper), size, -1, size - 1);
    }
    return new int[] {
      (int) start,
      (int) stop,
      (int) Math.max(Math.min(stride, Integer.MAX_VALUE), Integer.MIN_VALUE + 1)
    };
  }

  private static long clamp(long index, int size, long low, long high) {
    if (index < 0) {
      index += size;
    }
    return Math.max(low, Math.min(high, index));
  }

  private static long sliceIndex(Object value) {
    if (!Py.isInt(value)) {
      throw new ExpressionException(
          "TypeError", "slice indices must be integers or None or have an __index__ method");
    }
    if (Py.isSmallInt(value)) {
      return Py.smallInt(value);
    }
    return Py.bigInt(value).signum() * (Long.MAX_VALUE / 4);
  }
}
