package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyBytes;
import dev.stepline.expr.PyMapping;
import dev.stepline.expr.PySet;
import dev.stepline.expr.PyTuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Iterates values as Python's {@code for} does. */
public final class Iteration {
  private Iteration() {}

  /**
   * Returns the items of an iterable value: list and tuple items, str characters, dict keys, set
   * items, bytes as ints, range numbers and iterator items.
   *
   * @throws ExpressionException TypeError when the value is not iterable
   */
  @SuppressWarnings("unchecked")
  public static Iterable<Object> iterable(Object value) {
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    if (value instanceof PyTuple tuple) {
      return tuple.items();
    }
    if (value instanceof String text) {
      return Texts.characters(text);
    }
    if (value instanceof Map<?, ?> map) {
      return new ArrayList<>(map.keySet());
    }
    if (value instanceof PyMapping mapping) {
      return new ArrayList<>(mapping.keys());
    }
    if (value instanceof PySet set) {
      return set.toList();
    }
    if (value instanceof Range range) {
      return range;
    }
    if (value instanceof PyIterator iterator) {
      return iterator;
    }
    if (value instanceof DictView view) {
      return view.items;
    }
    if (value instanceof PyBytes bytes) {
      List<Object> items = new ArrayList<>(bytes.size());
      for (int i = 0; i < bytes.size(); i++) {
        items.add((long) bytes.get(i));
      }
      return items;
    }
    throw new ExpressionException(
        "TypeError", "'" + Py.typeName(value) + "' object is not iterable");
  }

  /** Returns the items of an iterable value as a new list. */
  public static List<Object> toList(Object value) {
    Iterable<Object> items = iterable(value);
    List<Object> list = new ArrayList<>();
    for (Object item : items) {
      list.add(item);
    }
    return list;
  }
}
