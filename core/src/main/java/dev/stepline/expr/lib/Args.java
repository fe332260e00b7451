package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import java.util.List;
import java.util.Map;

/** The arguments of one call, with checks that raise Python's TypeErrors. */
final class Args {
  private final String function;
  final List<Object> positional;
  final Map<String, Object> keywords;

  Args(String function, List<Object> positional, Map<String, Object> keywords) {
    this.function = function;
    this.positional = positional;
    this.keywords = keywords;
  }

  int size() {
    return positional.size();
  }

  /** Checks the positional count and that every keyword is one of {@code allowedKeywords}. */
  Args expect(int min, int max, String... allowedKeywords) {
    for (String keyword : keywords.keySet()) {
      if (!List.of(allowedKeywords).contains(keyword)) {
        throw new ExpressionException(
            "TypeError", function + "() got an unexpected keyword argument '" + keyword + "'");
      }
    }
    int count = positional.size();
    if (count < min || count > max) {
      String expected =
          min == max ? "exactly " + min : count < min ? "at least " + min : "at most " + max;
      if (min == max && min == 0) {
        throw new ExpressionException(
            "TypeError", function + "() takes no arguments (" + count + " given)");
      }
      throw new ExpressionException(
          "TypeError",
          function
              + "() takes "
              + expected
              + " argument"
              + (min == max && min == 1 || max == 1 && count > max ? "" : "s")
              + " ("
              + count
              + " given)");
    }
    return this;
  }

  Object get(int index) {
    return positional.get(index);
  }

  /**
   * Returns positional argument {@code index}, else keyword {@code name}, else {@code fallback}.
   */
  Object get(int index, String name, Object fallback) {
    if (index >= 0 && index < positional.size()) {
      if (name != null && keywords.containsKey(name)) {
        throw new ExpressionException(
            "TypeError", function + "() got multiple values for argument '" + name + "'");
      }
      return positional.get(index);
    }
    if (name != null && keywords.containsKey(name)) {
      return keywords.get(name);
    }
    return fallback;
  }

  boolean has(int index, String name) {
    return (index >= 0 && index < positional.size())
        || (name != null && keywords.containsKey(name));
  }

  String string(int index, String name, String fallback) {
    Object value = get(index, name, fallback);
    if (value == null && fallback == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new ExpressionException(
          "TypeError", function + "() argument must be str, not " + Py.typeName(value));
    }
    return text;
  }

  String string(int index) {
    Object value = get(index);
    if (!(value instanceof String text)) {
      throw new ExpressionException(
          "TypeError",
          function + "() argument " + (index + 1) + " must be str, not " + Py.typeName(value));
    }
    return text;
  }

  long integer(int index, String name, long fallback) {
    Object value = get(index, name, null);
    if (value == null && !has(index, name)) {
      return fallback;
    }
    if (!Py.isInt(value)) {
      throw new ExpressionException(
          "TypeError", "'" + Py.typeName(value) + "' object cannot be interpreted as an integer");
    }
    if (!Py.isSmallInt(value)) {
      throw new ExpressionException(
          "OverflowError", "Python int too large to convert to C ssize_t");
    }
    return Py.smallInt(value);
  }

  double number(int index) {
    Object value = get(index);
    if (!Py.isNumber(value)) {
      throw new ExpressionException("TypeError", "must be real number, not " + Py.typeName(value));
    }
    return Py.toDouble(value);
  }

  boolean flag(int index, String name, boolean fallback) {
    Object value = get(index, name, null);
    if (!has(index, name)) {
      return fallback;
    }
    return Py.isTruthy(value);
  }
}
