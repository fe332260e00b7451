package dev.stepline.template;

import java.util.AbstractList;
import java.util.Arrays;

/** An immutable Python tuple, as filters such as {@code dictsort} and {@code items} return. */
final class Tuple extends AbstractList<Object> {
  private final Object[] items;

  Tuple(Object... items) {
    this.items = items.clone();
  }

  @Override
  public Object get(int index) {
    return items[index];
  }

  @Override
  public int size() {
    return items.length;
  }

  @Override
  public String toString() {
    return Arrays.toString(items);
  }
}
