package dev.stepline.expr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Python set or frozenset. Items keep insertion order (CPython orders them by hash), and two
 * items are the same when Python's {@code ==} says so, so {@code {1, 1.0, True}} has one item.
 */
public final class PySet {
  private final Map<Object, Object> items = new LinkedHashMap<>();
  private final boolean frozen;

  public PySet(boolean frozen) {
    this.frozen = frozen;
  }

  public static PySet of(boolean frozen, Iterable<?> values) {
    PySet set = new PySet(frozen);
    for (Object value : values) {
      set.addItem(value);
    }
    return set;
  }

  public boolean frozen() {
    return frozen;
  }

  public int size() {
    return items.size();
  }

  public boolean contains(Object value) {
    return items.containsKey(Py.hashKey(value));
  }

  /** Adds {@code value} unless an equal item is present; used while building the set. */
  public void addItem(Object value) {
    items.putIfAbsent(Py.hashKey(value), value);
  }

  public void removeItem(Object value) {
    items.remove(Py.hashKey(value));
  }

  public Collection<Object> values() {
    return items.values();
  }

  public List<Object> toList() {
    return new ArrayList<>(items.values());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PySet && Py.eq(this, other);
  }

  @Override
  public int hashCode() {
    if (!frozen) {
      throw new ExpressionException("TypeError", "unhashable type: 'set'");
    }
    int h = 0;
    for (Object key : items.keySet()) {
      h += key.hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    return Py.repr(this);
  }
}
