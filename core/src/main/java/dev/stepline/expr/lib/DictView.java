package dev.stepline.expr.lib;

import dev.stepline.expr.Py;
import dev.stepline.expr.PyObject;
import java.util.Iterator;
import java.util.List;

/** The result of {@code dict.keys()}, {@code values()} or {@code items()}: a snapshot list. */
final class DictView implements PyObject, Iterable<Object> {
  private final String kind;
  final List<Object> items;

  DictView(String kind, List<Object> items) {
    this.kind = kind;
    this.items = items;
  }

  @Override
  public Iterator<Object> iterator() {
    return items.iterator();
  }

  @Override
  public boolean truthy() {
    return !items.isEmpty();
  }

  @Override
  public String typeName() {
    return "dict_" + kind;
  }

  @Override
  public String repr() {
    return typeName() + "(" + Py.repr(items) + ")";
  }
}
