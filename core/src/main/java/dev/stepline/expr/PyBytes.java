package dev.stepline.expr;

import java.util.Arrays;

/** A Python bytes value. */
public final class PyBytes {
  private final byte[] data;

  public PyBytes(byte[] data) {
    this.data = data.clone();
  }

  public byte[] data() {
    return data.clone();
  }

  public int size() {
    return data.length;
  }

  public int get(int index) {
    return data[index] & 0xff;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PyBytes && Arrays.equals(data, ((PyBytes) other).data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return Py.repr(this);
  }
}
