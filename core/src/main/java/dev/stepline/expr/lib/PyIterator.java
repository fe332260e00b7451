package dev.stepline.expr.lib;

import dev.stepline.expr.PyObject;
import java.util.Iterator;
import java.util.List;

/** A one-shot iterator such as {@code map}, {@code zip}, {@code enumerate} or {@code reversed}. */
final class PyIterator implements PyObject, Iterable<Object> {
  private final String typeName;
  private final Iterator<Object> items;

  PyIterator(String typeName, List<Object> items) {
    this.typeName = typeName;
    this.items = items.iterator();
  }

  @Override
  public Iterator<Object> iterator() {
    return items;
  }

  @Override
  public String typeName() {
    return typeName;
  }

  @Override
  public String repr() {
    return "<" + typeName + " object>";
  }
}
