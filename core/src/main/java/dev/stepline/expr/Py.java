package dev.stepline.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's rules for the plain Java values that expressions work on: {@code str()}, {@code repr()},
 * truthiness, type names, {@code ==}, ordering, hashing, and conversion from and to JSON.
 *
 * <p>Values are null (None), Boolean, Long or BigInteger (int), Double (float), String, ArrayList
 * (list), LinkedHashMap (dict), {@link PyMapping} (read-only dict), {@link PyTuple}, {@link PySet},
 * {@link PyBytes}, {@link PyDateTime}, {@link PyDate}, {@link PyTimeDelta}, {@link PyMatch} and
 * {@link PyObject}. Integer, Short, Byte and Float are accepted as int and float too.
 */
public final class Py {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Py() {}

  // ---- types

  public static boolean isInt(Object value) {
    return value instanceof Long
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof BigInteger
        || value instanceof Short
        || value instanceof Byte;
  }

  public static boolean isFloat(Object value) {
    return value instanceof Double || value instanceof Float;
  }

  public static boolean isNumber(Object value) {
    return isInt(value) || isFloat(value);
  }

  /** Returns the Python type name of {@code value}, as {@code type(value).__name__} would. */
  public static String typeName(Object value) {
    if (value == null) {
      return "NoneType";
    } else if (value instanceof Boolean) {
      return "bool";
    } else if (isInt(value)) {
      return "int";
    } else if (isFloat(value)) {
      return "float";
    } else if (value instanceof String) {
      return "str";
    } else if (value instanceof List) {
      return "list";
    } else if (value instanceof Map) {
      return "dict";
    } else if (value instanceof PyMapping) {
      return ((PyMapping) value).typeName();
    } else if (value instanceof PyTuple) {
      String named = ((PyTuple) value).namedType();
      return named == null ? "tuple" : named;
    } else if (value instanceof PySet) {
      return ((PySet) value).frozen() ? "frozenset" : "set";
    } else if (value instanceof PyBytes) {
      return "bytes";
    } else if (value instanceof PyDateTime) {
      return "datetime";
    } else if (value instanceof PyDate) {
      return "date";
    } else if (value instanceof PyTimeDelta) {
      return "timedelta";
    } else if (value instanceof PyMatch) {
      return "Match";
    } else if (value instanceof PyObject) {
      return ((PyObject) value).typeName();
    }
    return "object";
  }

  // ---- truthiness

  /** Returns Python's {@code bool(value)}. */
  public static boolean isTruthy(Object value) {
    if (value == null) {
      return false;
    } else if (value instanceof Boolean) {
      return (Boolean) value;
    } else if (value instanceof String) {
      return !((String) value).isEmpty();
    } else if (value instanceof Long || value instanceof Integer) {
      return ((Number) value).longValue() != 0;
    } else if (value instanceof Double || value instanceof Float) {
      return ((Number) value).doubleValue() != 0;
    } else if (value instanceof BigInteger) {
      return ((BigInteger) value).signum() != 0;
    } else if (value instanceof List) {
      return !((List<?>) value).isEmpty();
    } else if (value instanceof Map) {
      return !((Map<?, ?>) value).isEmpty();
    } else if (value instanceof PyMapping) {
      return !((PyMapping) value).keys().isEmpty();
    } else if (value instanceof PyTuple) {
      return ((PyTuple) value).size() > 0;
    } else if (value instanceof PySet) {
      return ((PySet) value).size() > 0;
    } else if (value instanceof PyBytes) {
      return ((PyBytes) value).size() > 0;
    } else if (value instanceof PyTimeDelta) {
      return ((PyTimeDelta) value).totalMicros() != 0;
    } else if (value instanceof Number) {
      return ((Number) value).doubleValue() != 0;
    } else if (value instanceof PyObject) {
      return ((PyObject) value).truthy();
    }
    return true;
  }

  // ---- str and repr

  /** Returns Python's {@code str(value)}. */
  public static String str(Object value) {
    if (value instanceof String) {
      return (String) value;
    } else if (value instanceof PyDateTime
        || value instanceof PyDate
        || value instanceof PyTimeDelta) {
      return value.toString();
    } else if (value instanceof PyObject) {
      return ((PyObject) value).str();
    }
    return repr(value);
  }

  /** Returns Python's {@code repr(value)}. */
  public static String repr(Object value) {
    StringBuilder out = new StringBuilder();
    appendRepr(out, value, 0);
    return out.toString();
  }

  private static void appendRepr(StringBuilder out, Object value, int depth) {
    if (depth > 200) {
      throw new ExpressionException(
          "RecursionError", "maximum recursion depth exceeded while getting the repr of an object");
    }
    if (value == null) {
      out.append("None");
    } else if (value instanceof Boolean) {
      out.append((Boolean) value ? "True" : "False");
    } else if (value instanceof String) {
      appendStringRepr(out, (String) value);
    } else if (isInt(value)) {
      out.append(value);
    } else if (isFloat(value)) {
      out.append(FloatRepr.repr(((Number) value).doubleValue()));
    } else if (value instanceof List) {
      appendItems(out, "[", (List<?>) value, "]", depth);
    } else if (value instanceof PyTuple) {
      PyTuple tuple = (PyTuple) value;
      if (tuple.namedType() != null) {
        appendNamedTuple(out, tuple, depth);
      } else {
        appendItems(out, "(", tuple.items(), tuple.size() == 1 ? ",)" : ")", depth);
      }
    } else if (value instanceof Map) {
      appendDict(out, (Map<?, ?>) value, depth);
    } else if (value instanceof PyMapping) {
      appendDict(out, materialize((PyMapping) value), depth);
    } else if (value instanceof PySet) {
      appendSet(out, (PySet) value, depth);
    } else if (value instanceof PyBytes) {
      appendBytesRepr(out, (PyBytes) value);
    } else if (value instanceof PyDateTime) {
      out.append(((PyDateTime) value).repr());
    } else if (value instanceof PyDate) {
      out.append(((PyDate) value).repr());
    } else if (value instanceof PyTimeDelta) {
      out.append(((PyTimeDelta) value).repr());
    } else if (value instanceof PyMatch) {
      out.append(((PyMatch) value).repr());
    } else if (value instanceof PyObject) {
      out.append(((PyObject) value).repr());
    } else {
      out.append("<object>");
    }
  }

  private static void appendItems(
      StringBuilder out, String open, List<?> items, String close, int depth) {
    out.append(open);
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      appendRepr(out, items.get(i), depth + 1);
    }
    out.append(close);
  }

  private static void appendNamedTuple(StringBuilder out, PyTuple tuple, int depth) {
    out.append(tuple.namedType()).append('(');
    for (int i = 0; i < tuple.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(tuple.fields().get(i)).append('=');
      appendRepr(out, tuple.get(i), depth + 1);
    }
    out.append(')');
  }

  private static void appendDict(StringBuilder out, Map<?, ?> map, int depth) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      appendRepr(out, entry.getKey(), depth + 1);
      out.append(": ");
      appendRepr(out, entry.getValue(), depth + 1);
    }
    out.append('}');
  }

  private static void appendSet(StringBuilder out, PySet set, int depth) {
    if (set.size() == 0) {
      out.append(set.frozen() ? "frozenset()" : "set()");
      return;
    }
    if (set.frozen()) {
      out.append("frozenset(");
    }
    appendItems(out, "{", set.toList(), "}", depth);
    if (set.frozen()) {
      out.append(')');
    }
  }

  /** Returns the mapping's items in a dict, computing every value. */
  public static Map<Object, Object> materialize(PyMapping mapping) {
    Map<Object, Object> map = new LinkedHashMap<>();
    for (String key : mapping.keys()) {
      map.put(key, mapping.getItem(key));
    }
    return map;
  }

  static void appendStringRepr(StringBuilder out, String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    out.append(quote);
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == quote || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", c));
      } else if (c < 0x7f || isPrintable(c)) {
        out.appendCodePoint(c);
      } else if (c <= 0xff) {
        out.append(String.format("\\x%02x", c));
      } else if (c <= 0xffff) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.append(String.format("\\U%08x", c));
      }
    }
    out.append(quote);
  }

  /** Returns Python's {@code str.isprintable()} for one code point. */
  public static boolean isPrintable(int codePoint) {
    if (codePoint == ' ') {
      return true;
    }
    switch (Character.getType(codePoint)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }

  private static void appendBytesRepr(StringBuilder out, PyBytes bytes) {
    byte[] data = bytes.data();
    boolean hasSingle = false;
    boolean hasDouble = false;
    for (byte b : data) {
      hasSingle |= b == '\'';
      hasDouble |= b == '"';
    }
    char quote = hasSingle && !hasDouble ? '"' : '\'';
    out.append('b').append(quote);
    for (byte b : data) {
      int c = b & 0xff;
      if (c == quote || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c >= 0x7f) {
        out.append(String.format("\\x%02x", c));
      } else {
        out.append((char) c);
      }
    }
    out.append(quote);
  }

  // ---- numbers

  /** Returns an int as a BigInteger. */
  public static BigInteger bigInt(Object value) {
    if (value instanceof BigInteger) {
      return (BigInteger) value;
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? BigInteger.ONE : BigInteger.ZERO;
    }
    return BigInteger.valueOf(((Number) value).longValue());
  }

  /** Returns a Long when {@code value} fits in one, else the BigInteger itself. */
  public static Object normalize(BigInteger value) {
    if (value.bitLength() < 64) {
      return value.longValue();
    }
    return value;
  }

  /** Returns whether {@code value} is an int that fits in a long (bool included). */
  public static boolean isSmallInt(Object value) {
    return value instanceof Long
        || value instanceof Integer
        || value instanceof Boolean
        || value instanceof Short
        || value instanceof Byte;
  }

  /** Returns a small int as a long; the caller has checked {@link #isSmallInt}. */
  public static long smallInt(Object value) {
    if (value instanceof Boolean) {
      return (Boolean) value ? 1 : 0;
    }
    return ((Number) value).longValue();
  }

  /** Returns an int or float as a double, as Python's {@code float()} of an int does. */
  public static double toDouble(Object value) {
    if (value instanceof Boolean) {
      return (Boolean) value ? 1 : 0;
    }
    if (value instanceof BigInteger) {
      BigInteger big = (BigInteger) value;
      double result = big.doubleValue();
      if (Double.isInfinite(result)) {
        throw new ExpressionException("OverflowError", "int too large to convert to float");
      }
      return result;
    }
    return ((Number) value).doubleValue();
  }

  private static int compareNumbers(Object a, Object b) {
    if (isSmallInt(a) && isSmallInt(b)) {
      return Long.compare(smallInt(a), smallInt(b));
    }
    if (isInt(a) && isInt(b)) {
      return bigInt(a).compareTo(bigInt(b));
    }
    if (isFloat(a) && isFloat(b)) {
      return Double.compare(toDoubleRaw(a), toDoubleRaw(b));
    }
    // One int and one float: compare exactly, as Python does.
    double d = isFloat(a) ? toDoubleRaw(a) : toDoubleRaw(b);
    if (Double.isNaN(d)) {
      return 2;
    }
    if (Double.isInfinite(d)) {
      int sign = d > 0 ? 1 : -1;
      return isFloat(a) ? sign : -sign;
    }
    BigDecimal left = isFloat(a) ? new BigDecimal(d) : new BigDecimal(bigInt(a));
    BigDecimal right = isFloat(b) ? new BigDecimal(d) : new BigDecimal(bigInt(b));
    return left.compareTo(right);
  }

  private static double toDoubleRaw(Object value) {
    return ((Number) value).doubleValue();
  }

  // ---- equality and ordering

  /** Returns Python's {@code a == b}. */
  public static boolean eq(Object a, Object b) {
    if (a == b) {
      return !(a instanceof Double && ((Double) a).isNaN());
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof String || b instanceof String) {
      return a.equals(b);
    }
    if (isNumber(a) && isNumber(b)) {
      if (isFloat(a) && isFloat(b)) {
        return toDoubleRaw(a) == toDoubleRaw(b);
      }
      return compareNumbers(a, b) == 0;
    }
    if (a instanceof List && b instanceof List) {
      return sequenceEquals((List<?>) a, (List<?>) b);
    }
    if (a instanceof PyTuple && b instanceof PyTuple) {
      return sequenceEquals(((PyTuple) a).items(), ((PyTuple) b).items());
    }
    if (isMapping(a) && isMapping(b)) {
      return mappingEquals(asMap(a), asMap(b));
    }
    if (a instanceof PySet && b instanceof PySet) {
      PySet left = (PySet) a;
      PySet right = (PySet) b;
      if (left.size() != right.size()) {
        return false;
      }
      for (Object item : left.values()) {
        if (!right.contains(item)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean sequenceEquals(List<?> a, List<?> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!eq(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean mappingEquals(Map<?, ?> a, Map<?, ?> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<?, ?> entry : a.entrySet()) {
      Object other = dictGet(b, entry.getKey());
      if (other == MISSING || !eq(entry.getValue(), other)) {
        return false;
      }
    }
    return true;
  }

  public static boolean isMapping(Object value) {
    return value instanceof Map || value instanceof PyMapping;
  }

  /** Returns a dict or mapping as a Java map; a {@link PyMapping} is materialized. */
  @SuppressWarnings("unchecked")
  public static Map<Object, Object> asMap(Object value) {
    if (value instanceof PyMapping) {
      return materialize((PyMapping) value);
    }
    return (Map<Object, Object>) value;
  }

  /**
   * Compares two values for {@code <}, {@code <=}, {@code >} and {@code >=}: negative, zero or
   * positive, or 2 when they are unordered (a NaN is involved).
   *
   * @throws ExpressionException TypeError when Python does not order the two types
   */
  public static int compare(Object a, Object b, String operator) {
    if (isNumber(a) && isNumber(b)) {
      if (isFloat(a) && isFloat(b)) {
        double x = toDoubleRaw(a);
        double y = toDoubleRaw(b);
        return Double.isNaN(x) || Double.isNaN(y)
            ? 2
            : Double.compare(x, y) == 0 ? 0 : x < y ? -1 : 1;
      }
      return compareNumbers(a, b);
    }
    if (a instanceof String && b instanceof String) {
      return compareStrings((String) a, (String) b);
    }
    if (a instanceof List && b instanceof List) {
      return compareSequences((List<?>) a, (List<?>) b, operator);
    }
    if (a instanceof PyTuple && b instanceof PyTuple) {
      return compareSequences(((PyTuple) a).items(), ((PyTuple) b).items(), operator);
    }
    if (a instanceof PyDateTime && b instanceof PyDateTime) {
      return compareDateTimes((PyDateTime) a, (PyDateTime) b, operator);
    }
    if (a instanceof PyDate && b instanceof PyDate) {
      return ((PyDate) a).compareTo((PyDate) b);
    }
    if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) {
      return ((PyTimeDelta) a).compareTo((PyTimeDelta) b);
    }
    if (a instanceof PyBytes && b instanceof PyBytes) {
      return java.util.Arrays.compareUnsigned(((PyBytes) a).data(), ((PyBytes) b).data());
    }
    if (a instanceof PySet && b instanceof PySet) {
      return compareSets((PySet) a, (PySet) b);
    }
    throw new ExpressionException(
        "TypeError",
        "'"
            + operator
            + "' not supported between instances of '"
            + typeName(a)
            + "' and '"
            + typeName(b)
            + "'");
  }

  /** Compares by code point, as Python does (Java's compareTo compares UTF-16 units). */
  public static int compareStrings(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  private static int compareSequences(List<?> a, List<?> b, String operator) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      if (!eq(a.get(i), b.get(i))) {
        return compare(a.get(i), b.get(i), operator);
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareDateTimes(PyDateTime a, PyDateTime b, String operator) {
    if (a.aware() != b.aware()) {
      throw new ExpressionException(
          "TypeError", "can't compare offset-naive and offset-aware datetimes");
    }
    if (a.aware()) {
      return a.local().toInstant(a.offset()).compareTo(b.local().toInstant(b.offset()));
    }
    return a.local().compareTo(b.local());
  }

  private static int compareSets(PySet a, PySet b) {
    boolean aInB = a.values().stream().allMatch(b::contains);
    boolean bInA = b.values().stream().allMatch(a::contains);
    if (aInB && bInA) {
      return 0;
    }
    if (aInB) {
      return -1;
    }
    if (bInA) {
      return 1;
    }
    return 2;
  }

  // ---- hashing

  /** Returns a hash consistent with {@link #eq}, or raises TypeError for unhashable values. */
  public static int hash(Object value) {
    return hashKey(value).hashCode();
  }

  /**
   * Returns a Java object whose {@code equals} and {@code hashCode} follow Python's equality, for
   * use as a key in a Java map: equal numbers of any type give the same key.
   *
   * @throws ExpressionException TypeError for a list, dict or set
   */
  public static Object hashKey(Object value) {
    if (value == null || value instanceof String) {
      return value;
    }
    if (value instanceof Long) {
      return value;
    }
    if (isInt(value)) {
      return value instanceof BigInteger ? normalize((BigInteger) value) : smallInt(value);
    }
    if (isFloat(value)) {
      double d = toDoubleRaw(value);
      if (d == Math.rint(d) && !Double.isInfinite(d)) {
        if (Math.abs(d) < 9.0e18) {
          return (long) d;
        }
        return normalize(new BigDecimal(d).toBigInteger());
      }
      return d;
    }
    if (value instanceof List || value instanceof Map || value instanceof PyMapping) {
      throw unhashable(value);
    }
    if (value instanceof PySet && !((PySet) value).frozen()) {
      throw unhashable(value);
    }
    return value;
  }

  private static ExpressionException unhashable(Object value) {
    return new ExpressionException("TypeError", "unhashable type: '" + typeName(value) + "'");
  }

  // ---- dicts

  /** The result of {@link #dictGet} for an absent key. */
  public static final Object MISSING = new Object();

  /** Looks up {@code key} in a dict with Python's key equality, or returns {@link #MISSING}. */
  public static Object dictGet(Map<?, ?> map, Object key) {
    Object value = map.get(key);
    if (value != null || map.containsKey(key)) {
      return value;
    }
    if (key instanceof String || key == null) {
      return MISSING;
    }
    Object normalized = hashKey(key);
    if (isNumber(key) || key instanceof PyTuple) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Object candidate = entry.getKey();
        if (candidate != null && !(candidate instanceof String) && eq(candidate, normalized)) {
          return entry.getValue();
        }
      }
    }
    return MISSING;
  }

  /** Stores {@code value} under {@code key}, keeping the first equal key as Python does. */
  public static void dictPut(Map<Object, Object> map, Object key, Object value) {
    hashKey(key);
    if (!(key instanceof String) && key != null && !map.containsKey(key)) {
      for (Map.Entry<Object, Object> entry : map.entrySet()) {
        Object candidate = entry.getKey();
        if (candidate != null && !(candidate instanceof String) && eq(candidate, key)) {
          entry.setValue(value);
          return;
        }
      }
    }
    map.put(key, value);
  }

  // ---- JSON

  /**
   * Converts JSON to expression values: objects to dicts, arrays to lists, numbers to int/float.
   */
  public static Object fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? node.longValue() : normalize(node.bigIntegerValue());
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode item : node) {
        list.add(fromJson(item));
      }
      return list;
    }
    if (node.isObject()) {
      Map<Object, Object> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        map.put(field.getKey(), fromJson(field.getValue()));
      }
      return map;
    }
    return node.asText();
  }

  /**
   * Converts a value to JSON: tuples and sets become arrays, dict keys become strings as {@code
   * json.dumps} writes them, datetimes and dates become ISO strings, other values their {@code
   * str()}.
   */
  public static JsonNode toJson(Object value) {
    if (value == null) {
      return JSON.nullNode();
    } else if (value instanceof Boolean) {
      return JSON.booleanNode((Boolean) value);
    } else if (value instanceof String) {
      return JSON.textNode((String) value);
    } else if (value instanceof BigInteger) {
      return JSON.numberNode((BigInteger) value);
    } else if (isInt(value)) {
      return JSON.numberNode(smallInt(value));
    } else if (isFloat(value)) {
      return JSON.numberNode(toDoubleRaw(value));
    } else if (value instanceof List) {
      return toJsonArray((List<?>) value);
    } else if (value instanceof PyTuple) {
      return toJsonArray(((PyTuple) value).items());
    } else if (value instanceof PySet) {
      return toJsonArray(((PySet) value).toList());
    } else if (isMapping(value)) {
      ObjectNode object = JSON.objectNode();
      for (Map.Entry<Object, Object> entry : asMap(value).entrySet()) {
        object.set(jsonKey(entry.getKey()), toJson(entry.getValue()));
      }
      return object;
    } else if (value instanceof PyDateTime) {
      return JSON.textNode(((PyDateTime) value).isoformat("T"));
    }
    return JSON.textNode(str(value));
  }

  private static ArrayNode toJsonArray(List<?> items) {
    ArrayNode array = JSON.arrayNode(items.size());
    for (Object item : items) {
      array.add(toJson(item));
    }
    return array;
  }

  /** Returns the JSON object key that {@code json.dumps} writes for a dict key. */
  public static String jsonKey(Object key) {
    if (key == null) {
      return "null";
    }
    if (key instanceof Boolean) {
      return (Boolean) key ? "true" : "false";
    }
    if (isFloat(key)) {
      double d = toDoubleRaw(key);
      if (Double.isNaN(d)) {
        return "NaN";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "Infinity" : "-Infinity";
      }
    }
    return str(key);
  }
}
