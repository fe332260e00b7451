package dev.stepline.runtime;

import dev.stepline.expr.Py;
import java.util.LinkedHashMap;
import java.util.Map;

/** Converts expression values into the plain JSON-like values that tool providers receive. */
final class JsonLike {
  private JsonLike() {}

  /** Returns {@code value} as plain JSON-like values (tuples become lists, keys strings). */
  static Object plain(Object value) {
    return JsonValues.fromJson(JsonValues.toJson(value));
  }

  /**
   * Returns a mapping value as a map with string keys; {@code None} reads as an empty mapping.
   *
   * @throws StepError {@code TypeError} when the value is not a mapping
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> mapping(Object value, String what) {
    if (value == null) {
      return new LinkedHashMap<>();
    }
    if (!Py.isMapping(value)) {
      throw new StepError(
          "TypeError", what + " must be a mapping (found " + Py.typeName(value) + ")");
    }
    return (Map<String, Object>) plain(value);
  }
}
