package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyBytes;
import dev.stepline.expr.PyMapping;
import dev.stepline.expr.PySet;
import dev.stepline.expr.PyTimeDelta;
import dev.stepline.expr.PyTuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The names available to every expression: Julep's allow-listed builtins plus {@code sorted} and
 * {@code reversed}, its modules ({@code re}, {@code json}, {@code yaml}, {@code datetime}, {@code
 * math}, {@code statistics}, {@code base64}, {@code urllib}, {@code random}, {@code time}, {@code
 * string}, {@code csv}) and constants ({@code NEWLINE}, {@code true}, {@code false}, {@code null}).
 * Nothing else is reachable.
 */
public final class Builtins {
  private Builtins() {}

  private static final Map<String, Object> GLOBALS = new HashMap<>();

  static {
    defineTypes();
    defineFunctions();
    defineModules();
    GLOBALS.put("NEWLINE", "\n");
    GLOBALS.put("true", Boolean.TRUE);
    GLOBALS.put("false", Boolean.FALSE);
    GLOBALS.put("null", null);
  }

  public static Object global(String name) {
    Object value = GLOBALS.get(name);
    return value instanceof LazyModule module ? module.get() : value;
  }

  public static boolean isGlobal(String name) {
    return GLOBALS.containsKey(name);
  }

  public static Set<String> globalNames() {
    return Collections.unmodifiableSet(GLOBALS.keySet());
  }

  private static void function(String name, Function.Body body) {
    GLOBALS.put(name, new Function(name, body));
  }

  private static void defineTypes() {
    GLOBALS.put("int", new PyType("int", "int", Conversions::toInt, ValueMethods.INT));
    GLOBALS.put("float", new PyType("float", "float", Conversions::toFloat, ValueMethods.FLOAT));
    GLOBALS.put("str", new PyType("str", "str", Conversions::toStr, StrMethods.METHODS));
    GLOBALS.put(
        "bool",
        new PyType(
            "bool", "bool", a -> a.expect(0, 1).size() > 0 && Py.isTruthy(a.get(0)), Map.of()));
    GLOBALS.put("list", new PyType("list", "list", Conversions::toList, CollectionMethods.LIST));
    GLOBALS.put(
        "tuple", new PyType("tuple", "tuple", Conversions::toTuple, CollectionMethods.TUPLE));
    GLOBALS.put(
        "set", new PyType("set", "set", a -> Conversions.toSet(a, false), CollectionMethods.SET));
    PyType dict = new PyType("dict", "dict", Conversions::toDict, CollectionMethods.DICT);
    dict.function(
        "fromkeys",
        a -> {
          a.expect(1, 2);
          Map<Object, Object> result = new java.util.LinkedHashMap<>();
          for (Object key : Iteration.iterable(a.get(0))) {
            Py.dictPut(result, key, a.size() > 1 ? a.get(1) : null);
          }
          return result;
        });
    GLOBALS.put("dict", dict);
  }

  private static void defineFunctions() {
    function("abs", a -> abs(a.expect(1, 1).get(0)));
    function(
        "all",
        a -> {
          for (Object item : Iteration.iterable(a.expect(1, 1).get(0))) {
            if (!Py.isTruthy(item)) {
              return false;
            }
          }
          return true;
        });
    function(
        "any",
        a -> {
          for (Object item : Iteration.iterable(a.expect(1, 1).get(0))) {
            if (Py.isTruthy(item)) {
              return true;
            }
          }
          return false;
        });
    function("len", a -> length(a.expect(1, 1).get(0)));
    function(
        "enumerate",
        a -> {
          a.expect(1, 2, "start");
          long start = a.integer(1, "start", 0);
          List<Object> items = new ArrayList<>();
          for (Object item : Iteration.iterable(a.get(0))) {
            items.add(PyTuple.of(start++, item));
          }
          return new PyIterator("enumerate", items);
        });
    function(
        "zip",
        a -> {
          a.expect(0, Integer.MAX_VALUE, "strict");
          return new PyIterator("zip", zip(a.positional, a.flag(-1, "strict", false)));
        });
    function(
        "map",
        a -> {
          if (a.size() < 2) {
            throw new ExpressionException("TypeError", "map() must have at least two arguments.");
          }
          List<Object> items = new ArrayList<>();
          for (Object tuple : zip(a.positional.subList(1, a.size()), false)) {
            items.add(Calls.call(a.get(0), ((PyTuple) tuple).items(), Map.of(), count -> {}));
          }
          return new PyIterator("map", items);
        });
    function("max", a -> extreme(a, "max", 1));
    function("min", a -> extreme(a, "min", -1));
    function("round", Builtins::round);
    function("sum", Builtins::sum);
    function("range", Builtins::range);
    function(
        "sorted",
        a -> {
          a.expect(1, 1, "key", "reverse");
          return sortedList(
              Iteration.toList(a.get(0)),
              a.keywords.get("key"),
              Py.isTruthy(a.keywords.get("reverse")));
        });
    function("reversed", a -> reversed(a.expect(1, 1).get(0)));
    function("reduce", Builtins::reduce);
    JsonModule.defineBuiltins(GLOBALS);
    function("load_yaml", YamlModule::load);
    function("dump_yaml", YamlModule::dump);
    function(
        "search_regex",
        a -> {
          a.expect(2, 2);
          return ((Function) Regex.module().attributes.get("search")).call(a.positional, Map.of());
        });
    function(
        "match_regex",
        a -> {
          a.expect(2, 2);
          return Regex.compile(a.string(0), 0).matcher(a.string(1)).matches();
        });
  }

  private static void defineModules() {
    GLOBALS.put("re", new LazyModule(Regex::module));
    GLOBALS.put("json", new LazyModule(JsonModule::module));
    GLOBALS.put("yaml", new LazyModule(YamlModule::module));
    GLOBALS.put("datetime", new LazyModule(DateMethods::module));
    GLOBALS.put("math", new LazyModule(MathModule::module));
    GLOBALS.put("statistics", new LazyModule(StatisticsModule::module));
    GLOBALS.put("base64", new LazyModule(SmallModules::base64));
    GLOBALS.put("urllib", new LazyModule(SmallModules::urllib));
    GLOBALS.put("random", new LazyModule(SmallModules::random));
    GLOBALS.put("time", new LazyModule(SmallModules::time));
    GLOBALS.put("string", new LazyModule(SmallModules::string));
    GLOBALS.put("csv", new LazyModule(SmallModules::csv));
  }

  /**
   * A module that is built when an expression first reads it. Each module function is a lambda, so
   * building every module up front cost a Lambda container's first request some hundred classes.
   */
  private static final class LazyModule {
    private final Supplier<PyModule> factory;
    private volatile PyModule module;

    LazyModule(Supplier<PyModule> factory) {
      this.factory = factory;
    }

    PyModule get() {
      PyModule built = module;
      if (built == null) {
        synchronized (this) {
          if (module == null) {
            module = factory.get();
          }
          built = module;
        }
      }
      return built;
    }
  }

  // ---- functions

  static Object abs(Object value) {
    if (value instanceof Long x && x != Long.MIN_VALUE) {
      return Math.abs(x);
    }
    if (Py.isInt(value)) {
      return Py.normalize(Py.bigInt(value).abs());
    }
    if (Py.isFloat(value)) {
      return Math.abs(Py.toDouble(value));
    }
    if (value instanceof PyTimeDelta delta) {
      return PyTimeDelta.ofMicros(Math.abs(delta.totalMicros()));
    }
    throw new ExpressionException(
        "TypeError", "bad operand type for abs(): '" + Py.typeName(value) + "'");
  }

  static long length(Object value) {
    if (value instanceof String text) {
      return Texts.length(text);
    }
    if (value instanceof List<?> list) {
      return list.size();
    }
    if (value instanceof Map<?, ?> map) {
      return map.size();
    }
    if (value instanceof PyMapping mapping) {
      return mapping.keys().size();
    }
    if (value instanceof PyTuple tuple) {
      return tuple.size();
    }
    if (value instanceof PySet set) {
      return set.size();
    }
    if (value instanceof PyBytes bytes) {
      return bytes.size();
    }
    if (value instanceof Range range) {
      return range.size();
    }
    if (value instanceof DictView view) {
      return view.items.size();
    }
    throw new ExpressionException(
        "TypeError", "object of type '" + Py.typeName(value) + "' has no len()");
  }

  private static List<Object> zip(List<Object> iterables, boolean strict) {
    List<Iterator<Object>> iterators = new ArrayList<>();
    int index = 1;
    for (Object iterable : iterables) {
      try {
        iterators.add(Iteration.iterable(iterable).iterator());
      } catch (ExpressionException e) {
        throw new ExpressionException(
            "TypeError", "'" + Py.typeName(iterable) + "' object is not iterable");
      }
      index++;
    }
    List<Object> rows = new ArrayList<>();
    if (iterators.isEmpty()) {
      return rows;
    }
    while (true) {
      Object[] row = new Object[iterators.size()];
      for (int i = 0; i < iterators.size(); i++) {
        if (!iterators.get(i).hasNext()) {
          if (strict && (i > 0 || iterators.stream().anyMatch(Iterator::hasNext))) {
            throw new ExpressionException(
                "ValueError", "zip() argument " + (i + 1) + " is shorter than argument 1");
          }
          return rows;
        }
        row[i] = iterators.get(i).next();
      }
      rows.add(PyTuple.of(row));
      Limits.checkSequence(rows.size());
    }
  }

  private static Object extreme(Args a, String name, int direction) {
    a.expect(1, Integer.MAX_VALUE, "key", "default");
    Object key = a.keywords.get("key");
    List<Object> items;
    if (a.size() == 1) {
      items = Iteration.toList(a.get(0));
    } else {
      if (a.keywords.containsKey("default")) {
        throw new ExpressionException(
            "TypeError",
            "Cannot specify a default for " + name + "() with multiple positional arguments");
      }
      items = a.positional;
    }
    if (items.isEmpty()) {
      if (a.keywords.containsKey("default")) {
        return a.keywords.get("default");
      }
      throw new ExpressionException("ValueError", name + "() arg is an empty sequence");
    }
    String operator = direction > 0 ? ">" : "<";
    Object best = items.get(0);
    Object bestKey = key == null ? best : Calls.callOne(key, best);
    for (int i = 1; i < items.size(); i++) {
      Object item = items.get(i);
      Object itemKey = key == null ? item : Calls.callOne(key, item);
      int comparison = Py.compare(itemKey, bestKey, operator);
      if (comparison != 2 && Integer.signum(comparison) == direction) {
        best = item;
        bestKey = itemKey;
      }
    }
    return best;
  }

  private static Object round(Args a) {
    a.expect(1, 2, "ndigits");
    Object value = a.get(0);
    Object digits = a.get(1, "ndigits", null);
    if (!Py.isNumber(value)) {
      throw new ExpressionException(
          "TypeError", "type " + Py.typeName(value) + " doesn't define __round__ method");
    }
    if (digits == null) {
      if (Py.isInt(value)) {
        return Py.normalize(Py.bigInt(value));
      }
      double d = Py.toDouble(value);
      checkFinite(d);
      return Py.normalize(new BigDecimal(d).setScale(0, RoundingMode.HALF_EVEN).toBigInteger());
    }
    if (!Py.isInt(digits)) {
      throw new ExpressionException(
          "TypeError", "'" + Py.typeName(digits) + "' object cannot be interpreted as an integer");
    }
    long n = Py.smallInt(digits);
    if (Py.isInt(value)) {
      if (n >= 0) {
        return Py.normalize(Py.bigInt(value));
      }
      return Py.normalize(
          new BigDecimal(Py.bigInt(value))
              .setScale((int) n, RoundingMode.HALF_EVEN)
              .toBigInteger());
    }
    double d = Py.toDouble(value);
    if (Double.isNaN(d) || Double.isInfinite(d) || n > 400) {
      return d;
    }
    if (n < -400) {
      return Math.copySign(0.0, d);
    }
    double rounded = new BigDecimal(d).setScale((int) n, RoundingMode.HALF_EVEN).doubleValue();
    return rounded == 0 ? Math.copySign(0.0, d) : rounded;
  }

  private static void checkFinite(double d) {
    if (Double.isInfinite(d)) {
      throw new ExpressionException("OverflowError", "cannot convert float infinity to integer");
    }
    if (Double.isNaN(d)) {
      throw new ExpressionException("ValueError", "cannot convert float NaN to integer");
    }
  }

  /** Truncates a float to an int, as {@code int(x)} does. */
  static Object truncate(double d) {
    checkFinite(d);
    if (Math.abs(d) < 9e18) {
      return (long) d;
    }
    return Py.normalize(new BigDecimal(d).toBigInteger());
  }

  private static Object sum(Args a) {
    a.expect(1, 2, "start");
    Object total = a.get(1, "start", 0L);
    if (total instanceof String) {
      throw new ExpressionException(
          "TypeError", "sum() can't sum strings [use ''.join(seq) instead]");
    }
    if (total instanceof PyBytes) {
      throw new ExpressionException(
          "TypeError", "sum() can't sum bytes [use b''.join(seq) instead]");
    }
    for (Object item : Iteration.iterable(a.get(0))) {
      total = Ops.binary(Ops.Binary.ADD, total, item);
    }
    return total;
  }

  private static Object range(Args a) {
    a.expect(1, 3);
    for (Object value : a.positional) {
      if (!Py.isInt(value)) {
        throw new ExpressionException(
            "TypeError", "'" + Py.typeName(value) + "' object cannot be interpreted as an integer");
      }
      if (!Py.isSmallInt(value)) {
        Limits.checkRange(Long.MAX_VALUE);
      }
    }
    if (a.size() == 1) {
      return new Range(0, Py.smallInt(a.get(0)), 1);
    }
    long step = a.size() == 3 ? Py.smallInt(a.get(2)) : 1;
    return new Range(Py.smallInt(a.get(0)), Py.smallInt(a.get(1)), step);
  }

  /** Sorts with Python's {@code <}, stably, as {@code sorted} does. */
  static List<Object> sortedList(List<?> items, Object key, boolean reverse) {
    List<Object[]> pairs = new ArrayList<>(items.size());
    for (Object item : items) {
      pairs.add(new Object[] {key == null ? item : Calls.callOne(key, item), item});
    }
    if (reverse) {
      Collections.reverse(pairs);
    }
    Comparator<Object[]> order =
        (x, y) -> {
          int comparison = Py.compare(x[0], y[0], "<");
          if (comparison == 2) {
            return 0;
          }
          return Integer.signum(comparison);
        };
    try {
      pairs.sort(order);
    } catch (IllegalArgumentException e) {
      // Unordered values such as NaN break the comparator contract; keep the input order.
    }
    if (reverse) {
      Collections.reverse(pairs);
    }
    List<Object> sorted = new ArrayList<>(pairs.size());
    pairs.forEach(pair -> sorted.add(pair[1]));
    return sorted;
  }

  private static Object reversed(Object value) {
    List<Object> items;
    String type;
    if (value instanceof List<?>
        || value instanceof PyTuple
        || value instanceof String
        || value instanceof Range
        || Py.isMapping(value)
        || value instanceof DictView) {
      items = Iteration.toList(value instanceof DictView view ? view.items : value);
      type =
          value instanceof List
              ? "list_reverseiterator"
              : value instanceof Range
                  ? "range_iterator"
                  : Py.isMapping(value) ? "dict_reversekeyiterator" : "reversed";
    } else {
      throw new ExpressionException(
          "TypeError", "'" + Py.typeName(value) + "' object is not reversible");
    }
    Collections.reverse(items);
    return new PyIterator(type, items);
  }

  private static Object reduce(Args a) {
    a.expect(2, 3);
    Iterator<Object> items = Iteration.iterable(a.get(1)).iterator();
    Object accumulator;
    if (a.size() == 3) {
      accumulator = a.get(2);
    } else if (items.hasNext()) {
      accumulator = items.next();
    } else {
      throw new ExpressionException(
          "TypeError", "reduce() of empty iterable with no initial value");
    }
    while (items.hasNext()) {
      accumulator = Calls.call(a.get(0), List.of(accumulator, items.next()), Map.of(), c -> {});
    }
    return accumulator;
  }

  static Map<Object, Object> dictFrom(Object source) {
    return Conversions.dictFrom(source);
  }
}
