package dev.stepline.template;

import java.util.Map;

/** The positional and keyword arguments of one filter or test call, read as Python binds them. */
record FilterArguments(Object[] positional, Map<String, Object> keywords) {

  /** Returns the argument at {@code index} or named {@code name}, else {@code fallback}. */
  Object get(int index, String name, Object fallback) {
    if (index < positional.length) {
      return positional[index];
    }
    if (keywords.containsKey(name)) {
      return keywords.get(name);
    }
    return fallback;
  }

  boolean flag(int index, String name, boolean fallback) {
    return PythonValues.isTruthy(get(index, name, fallback));
  }

  long integer(int index, String name, long fallback) {
    Object value = get(index, name, fallback);
    if (!(value instanceof Number)) {
      throw new TemplateFailure(
          "TypeError",
          "'" + PythonValues.typeName(value) + "' object cannot be interpreted as an integer");
    }
    return ((Number) value).longValue();
  }

  String text(int index, String name, String fallback) {
    Object value = get(index, name, fallback);
    return value == null ? null : PythonValues.str(value);
  }
}
