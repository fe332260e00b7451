package dev.stepline.expr;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A Python tuple: an immutable sequence that is hashable when its items are. */
public final class PyTuple {
  public static final PyTuple EMPTY = new PyTuple(new Object[0]);

  private final Object[] items;
  private final String typeName;
  private final List<String> fields;
  private int hash;

  private PyTuple(Object[] items) {
    this(items, null, null);
  }

  private PyTuple(Object[] items, String typeName, List<String> fields) {
    this.items = items;
    this.typeName = typeName;
    this.fields = fields;
  }

  /** Builds a named tuple, such as {@code ParseResult(scheme='https', ...)}. */
  public static PyTuple named(String typeName, List<String> fields, Object... items) {
    return new PyTuple(items.clone(), typeName, List.copyOf(fields));
  }

  /** Returns the named tuple's type name, or null for a plain tuple. */
  public String namedType() {
    return typeName;
  }

  /** Returns the field names of a named tuple, or null for a plain tuple. */
  public List<String> fields() {
    return fields;
  }

  public static PyTuple of(Object... items) {
    return new PyTuple(items.clone());
  }

  public static PyTuple copyOf(List<?> items) {
    return items.isEmpty() ? EMPTY : new PyTuple(items.toArray());
  }

  public int size() {
    return items.length;
  }

  public Object get(int index) {
    return items[index];
  }

  /** Returns the items as an unmodifiable list view. */
  public List<Object> items() {
    return Collections.unmodifiableList(Arrays.asList(items));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PyTuple && Py.eq(this, other);
  }

  @Override
  public int hashCode() {
    if (hash == 0) {
      int h = 0x345678;
      for (Object item : items) {
        h = h * 1000003 ^ Py.hash(item);
      }
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }

  @Override
  public String toString() {
    return Py.repr(this);
  }
}
