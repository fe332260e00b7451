package dev.stepline.template;

import com.hubspot.jinjava.el.TruthyTypeConverter;

/**
 * Jinjava's type converter with Python's truth values: the string "false" is true, as in Python.
 */
final class PythonTruthConverter extends TruthyTypeConverter {
  private static final long serialVersionUID = 1L;

  @Override
  protected Boolean coerceToBoolean(Object value) {
    return PythonValues.isTruthy(value);
  }
}
