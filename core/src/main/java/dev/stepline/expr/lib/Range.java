package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyObject;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;

/** A Python range: immutable, lazy, at most {@link Limits#MAX_RANGE_LENGTH} numbers long. */
final class Range implements PyObject, Iterable<Object> {
  final long start;
  final long stop;
  final long step;
  private final int size;

  Range(long start, long stop, long step) {
    if (step == 0) {
      throw new ExpressionException("ValueError", "range() arg 3 must not be zero");
    }
    this.start = start;
    this.stop = stop;
    this.step = step;
    long count;
    if (step > 0) {
      count = stop > start ? (stop - start + step - 1) / step : 0;
    } else {
      count = start > stop ? (start - stop - step - 1) / -step : 0;
    }
    Limits.checkRange(count);
    this.size = (int) count;
  }

  int size() {
    return size;
  }

  long get(int index) {
    return start + step * index;
  }

  boolean contains(Object value) {
    if (!Py.isNumber(value)) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (Py.eq(get(i), value)) {
        return true;
      }
    }
    return false;
  }

  List<Object> toList() {
    return new AbstractList<>() {
      @Override
      public Object get(int index) {
        return Range.this.get(index);
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  @Override
  public Iterator<Object> iterator() {
    return toList().iterator();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Range range && range.toList().equals(toList());
  }

  @Override
  public int hashCode() {
    return Long.hashCode(start) * 31 + size;
  }

  /** Returns {@code range[lower:upper:step]}, which is a range again. */
  Range slice(Object lower, Object upper, Object stride) {
    int[] bounds = Ops.sliceBounds(size, lower, upper, stride);
    return new Range(start + bounds[0] * step, start + bounds[1] * step, step * bounds[2]);
  }

  @Override
  public boolean truthy() {
    return size > 0;
  }

  @Override
  public String typeName() {
    return "range";
  }

  @Override
  public String repr() {
    return "range(" + start + ", " + stop + (step == 1 ? "" : ", " + step) + ")";
  }
}
