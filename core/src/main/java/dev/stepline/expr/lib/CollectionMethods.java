package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyMapping;
import dev.stepline.expr.PySet;
import dev.stepline.expr.PyTuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The methods of Python's list, tuple, dict and set. */
final class CollectionMethods {
  private CollectionMethods() {}

  static final Map<String, Method> LIST = new HashMap<>();
  static final Map<String, Method> TUPLE = new HashMap<>();
  static final Map<String, Method> DICT = new HashMap<>();
  static final Map<String, Method> SET = new HashMap<>();

  static {
    defineList();
    defineTuple();
    defineDict();
    defineSet();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object self) {
    return (List<Object>) self;
  }

  private static Object mutate(Runnable change) {
    try {
      change.run();
    } catch (UnsupportedOperationException e) {
      throw new ExpressionException("TypeError", "this list is read-only");
    }
    return null;
  }

  private static void defineList() {
    LIST.put(
        "append",
        (self, a) -> {
          a.expect(1, 1);
          Limits.checkSequence(list(self).size() + 1L);
          return mutate(() -> list(self).add(a.get(0)));
        });
    LIST.put(
        "extend",
        (self, a) -> {
          a.expect(1, 1);
          List<Object> items = Iteration.toList(a.get(0));
          Limits.checkSequence((long) list(self).size() + items.size());
          return mutate(() -> list(self).addAll(items));
        });
    LIST.put(
        "insert",
        (self, a) -> {
          a.expect(2, 2);
          long index = a.integer(0, null, 0);
          int size = list(self).size();
          long at = index < 0 ? Math.max(0, index + size) : Math.min(index, size);
          return mutate(() -> list(self).add((int) at, a.get(1)));
        });
    LIST.put(
        "pop",
        (self, a) -> {
          a.expect(0, 1);
          List<Object> items = list(self);
          if (items.isEmpty()) {
            throw new ExpressionException("IndexError", "pop from empty list");
          }
          long index = a.integer(0, null, -1);
          int at = Ops.index(index, items.size(), "pop");
          Object[] removed = new Object[1];
          mutate(() -> removed[0] = items.remove(at));
          return removed[0];
        });
    LIST.put(
        "remove",
        (self, a) -> {
          a.expect(1, 1);
          int at = indexOf(list(self), a.get(0));
          if (at < 0) {
            throw new ExpressionException("ValueError", "list.remove(x): x not in list");
          }
          return mutate(() -> list(self).remove(at));
        });
    LIST.put(
        "clear",
        (self, a) -> {
          a.expect(0, 0);
          return mutate(() -> list(self).clear());
        });
    LIST.put("index", (self, a) -> sequenceIndex(list(self), a, "list"));
    LIST.put("count", (self, a) -> count(list(self), a));
    LIST.put(
        "copy",
        (self, a) -> {
          a.expect(0, 0);
          return new ArrayList<>(list(self));
        });
    LIST.put(
        "reverse",
        (self, a) -> {
          a.expect(0, 0);
          return mutate(() -> Collections.reverse(list(self)));
        });
    LIST.put(
        "sort",
        (self, a) -> {
          a.expect(0, 0, "key", "reverse");
          List<Object> sorted =
              Builtins.sortedList(
                  list(self), a.keywords.get("key"), Py.isTruthy(a.keywords.get("reverse")));
          return mutate(
              () -> {
                List<Object> items = list(self);
                for (int i = 0; i < sorted.size(); i++) {
                  items.set(i, sorted.get(i));
                }
              });
        });
  }

  private static void defineTuple() {
    TUPLE.put("index", (self, a) -> sequenceIndex(((PyTuple) self).items(), a, "tuple"));
    TUPLE.put("count", (self, a) -> count(((PyTuple) self).items(), a));
  }

  private static int indexOf(List<?> items, Object value) {
    for (int i = 0; i < items.size(); i++) {
      if (Py.eq(items.get(i), value)) {
        return i;
      }
    }
    return -1;
  }

  private static Object sequenceIndex(List<?> items, Args a, String type) {
    a.expect(1, 3);
    int size = items.size();
    long start = a.integer(1, null, 0);
    long end = a.integer(2, null, size);
    start = start < 0 ? Math.max(0, start + size) : Math.min(start, size);
    end = end < 0 ? Math.max(0, end + size) : Math.min(end, size);
    for (int i = (int) start; i < end; i++) {
      if (Py.eq(items.get(i), a.get(0))) {
        return (long) i;
      }
    }
    throw new ExpressionException(
        "ValueError",
        type.equals("list")
            ? Py.repr(a.get(0)) + " is not in list"
            : "tuple.index(x): x not in tuple");
  }

  private static Object count(List<?> items, Args a) {
    a.expect(1, 1);
    long count = 0;
    for (Object item : items) {
      if (Py.eq(item, a.get(0))) {
        count++;
      }
    }
    return count;
  }

  // ---- dict

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> dict(Object self) {
    if (self instanceof PyMapping mapping) {
      return Py.materialize(mapping);
    }
    return (Map<Object, Object>) self;
  }

  private static Map<Object, Object> writableDict(Object self) {
    if (self instanceof PyMapping) {
      throw new ExpressionException("TypeError", "this mapping is read-only");
    }
    return dict(self);
  }

  private static void defineDict() {
    DICT.put(
        "get",
        (self, a) -> {
          a.expect(1, 2);
          Object fallback = a.size() > 1 ? a.get(1) : null;
          if (self instanceof PyMapping mapping) {
            return a.get(0) instanceof String key && mapping.contains(key)
                ? mapping.getItem(key)
                : fallback;
          }
          Py.hashKey(a.get(0));
          Object value = Py.dictGet(dict(self), a.get(0));
          return value == Py.MISSING ? fallback : value;
        });
    DICT.put(
        "keys",
        (self, a) -> {
          a.expect(0, 0);
          if (self instanceof PyMapping mapping) {
            return new DictView("keys", new ArrayList<>(mapping.keys()));
          }
          return new DictView("keys", new ArrayList<>(dict(self).keySet()));
        });
    DICT.put(
        "values",
        (self, a) -> {
          a.expect(0, 0);
          return new DictView("values", new ArrayList<>(dict(self).values()));
        });
    DICT.put(
        "items",
        (self, a) -> {
          a.expect(0, 0);
          List<Object> items = new ArrayList<>();
          dict(self).forEach((key, value) -> items.add(PyTuple.of(key, value)));
          return new DictView("items", items);
        });
    DICT.put(
        "copy",
        (self, a) -> {
          a.expect(0, 0);
          return new LinkedHashMap<>(dict(self));
        });
    DICT.put(
        "pop",
        (self, a) -> {
          a.expect(1, 2);
          Map<Object, Object> map = writableDict(self);
          Object value = Py.dictGet(map, a.get(0));
          if (value == Py.MISSING) {
            if (a.size() > 1) {
              return a.get(1);
            }
            throw Ops.keyError(a.get(0), map.keySet());
          }
          removeKey(map, a.get(0));
          return value;
        });
    DICT.put(
        "popitem",
        (self, a) -> {
          a.expect(0, 0);
          Map<Object, Object> map = writableDict(self);
          if (map.isEmpty()) {
            throw new ExpressionException("KeyError", "'popitem(): dictionary is empty'");
          }
          Object last = null;
          for (Object key : map.keySet()) {
            last = key;
          }
          Object value = map.remove(last);
          return PyTuple.of(last, value);
        });
    DICT.put(
        "setdefault",
        (self, a) -> {
          a.expect(1, 2);
          Map<Object, Object> map = writableDict(self);
          Object value = Py.dictGet(map, a.get(0));
          if (value != Py.MISSING) {
            return value;
          }
          Object fallback = a.size() > 1 ? a.get(1) : null;
          Py.dictPut(map, a.get(0), fallback);
          return fallback;
        });
    DICT.put(
        "update",
        (self, a) -> {
          a.expect(0, 1, a.keywords.keySet().toArray(new String[0]));
          Map<Object, Object> map = writableDict(self);
          if (a.size() > 0) {
            Builtins.dictFrom(a.get(0)).forEach((key, value) -> Py.dictPut(map, key, value));
          }
          a.keywords.forEach((key, value) -> Py.dictPut(map, key, value));
          return null;
        });
    DICT.put(
        "clear",
        (self, a) -> {
          a.expect(0, 0);
          writableDict(self).clear();
          return null;
        });
  }

  private static void removeKey(Map<Object, Object> map, Object key) {
    if (map.containsKey(key)) {
      map.remove(key);
      return;
    }
    map.keySet().removeIf(candidate -> Py.eq(candidate, key));
  }

  // ---- set

  private static PySet toSet(Object value) {
    return value instanceof PySet set ? set : PySet.of(false, Iteration.iterable(value));
  }

  private static void defineSet() {
    SET.put(
        "add",
        (self, a) -> {
          a.expect(1, 1);
          writableSet(self).addItem(a.get(0));
          return null;
        });
    SET.put(
        "discard",
        (self, a) -> {
          a.expect(1, 1);
          writableSet(self).removeItem(a.get(0));
          return null;
        });
    SET.put(
        "remove",
        (self, a) -> {
          a.expect(1, 1);
          PySet set = writableSet(self);
          if (!set.contains(a.get(0))) {
            throw new ExpressionException("KeyError", Py.repr(a.get(0)));
          }
          set.removeItem(a.get(0));
          return null;
        });
    SET.put(
        "pop",
        (self, a) -> {
          a.expect(0, 0);
          PySet set = writableSet(self);
          if (set.size() == 0) {
            throw new ExpressionException("KeyError", "'pop from an empty set'");
          }
          Object first = set.values().iterator().next();
          set.removeItem(first);
          return first;
        });
    SET.put(
        "clear",
        (self, a) -> {
          a.expect(0, 0);
          PySet set = writableSet(self);
          set.toList().forEach(set::removeItem);
          return null;
        });
    SET.put("copy", (self, a) -> PySet.of(((PySet) self).frozen(), ((PySet) self).values()));
    SET.put("union", (self, a) -> fold(self, a, Ops.Binary.OR));
    SET.put("intersection", (self, a) -> fold(self, a, Ops.Binary.AND));
    SET.put(
        "difference",
        (self, a) -> {
          PySet result = (PySet) self;
          for (Object other : a.positional) {
            result = Sets.difference(result, toSet(other));
          }
          return result == self ? PySet.of(result.frozen(), result.values()) : result;
        });
    SET.put(
        "symmetric_difference",
        (self, a) -> {
          a.expect(1, 1);
          return Sets.operator(Ops.Binary.XOR, (PySet) self, toSet(a.get(0)));
        });
    SET.put(
        "update",
        (self, a) -> {
          PySet set = writableSet(self);
          for (Object other : a.positional) {
            Iteration.iterable(other).forEach(set::addItem);
          }
          return null;
        });
    SET.put(
        "issubset",
        (self, a) -> {
          a.expect(1, 1);
          PySet other = toSet(a.get(0));
          return ((PySet) self).values().stream().allMatch(other::contains);
        });
    SET.put(
        "issuperset",
        (self, a) -> {
          a.expect(1, 1);
          return toSet(a.get(0)).values().stream().allMatch(((PySet) self)::contains);
        });
    SET.put(
        "isdisjoint",
        (self, a) -> {
          a.expect(1, 1);
          return toSet(a.get(0)).values().stream().noneMatch(((PySet) self)::contains);
        });
  }

  private static PySet writableSet(Object self) {
    PySet set = (PySet) self;
    if (set.frozen()) {
      throw new ExpressionException("AttributeError", "'frozenset' object is read-only");
    }
    return set;
  }

  private static PySet fold(Object self, Args a, Ops.Binary op) {
    PySet result = PySet.of(((PySet) self).frozen(), ((PySet) self).values());
    for (Object other : a.positional) {
      result = Sets.operator(op, result, toSet(other));
    }
    return result;
  }
}
