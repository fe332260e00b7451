package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Indexing of Python strings, which count code points where Java counts UTF-16 units. Strings
 * without surrogate pairs take the fast path.
 */
final class Texts {
  private Texts() {}

  static boolean hasSurrogates(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static int length(String text) {
    return hasSurrogates(text) ? text.codePointCount(0, text.length()) : text.length();
  }

  static List<Object> characters(String text) {
    List<Object> items = new ArrayList<>(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int width = Character.charCount(c);
      items.add(text.substring(i, i + width));
      i += width;
    }
    return items;
  }

  static String charAt(String text, Object key) {
    if (!hasSurrogates(text)) {
      int index = Ops.index(key, text.length(), "string");
      return String.valueOf(text.charAt(index));
    }
    List<Object> chars = characters(text);
    return (String) chars.get(Ops.index(key, chars.size(), "string"));
  }

  static String slice(String text, Object lower, Object upper, Object step) {
    if (!hasSurrogates(text)) {
      int[] bounds = Ops.sliceBounds(text.length(), lower, upper, step);
      if (bounds[2] == 1) {
        return bounds[0] < bounds[1] ? text.substring(bounds[0], bounds[1]) : "";
      }
      StringBuilder out = new StringBuilder();
      for (int i = bounds[0]; bounds[2] > 0 ? i < bounds[1] : i > bounds[1]; i += bounds[2]) {
        out.append(text.charAt(i));
      }
      return out.toString();
    }
    StringBuilder out = new StringBuilder();
    for (Object c : Ops.sliceList(characters(text), lower, upper, step)) {
      out.append((String) c);
    }
    return out.toString();
  }

  /** Converts a code point index of {@code text} to a UTF-16 index. */
  static int toUnitIndex(String text, int codePoints) {
    return hasSurrogates(text) ? text.offsetByCodePoints(0, codePoints) : codePoints;
  }

  /** Converts a UTF-16 index of {@code text} to a code point index. */
  static int toCodePointIndex(String text, int units) {
    return hasSurrogates(text) ? text.codePointCount(0, units) : units;
  }

  static boolean bytesContain(PyBytes bytes, Object item) {
    if (Py.isInt(item)) {
      long value = Py.smallInt(item);
      for (int i = 0; i < bytes.size(); i++) {
        if (bytes.get(i) == value) {
          return true;
        }
      }
      return false;
    }
    if (item instanceof PyBytes part) {
      String haystack = new String(bytes.data(), java.nio.charset.StandardCharsets.ISO_8859_1);
      return haystack.contains(
          new String(part.data(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    throw new ExpressionException(
        "TypeError", "a bytes-like object is required, not '" + Py.typeName(item) + "'");
  }
}
