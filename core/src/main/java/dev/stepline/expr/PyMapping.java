package dev.stepline.expr;

import java.util.List;

/**
 * A read-only mapping whose values are computed on access, such as {@code secrets} (resolved only
 * when an expression reads one) or {@code steps}. Expressions see it as a Python mapping: {@code
 * m['k']}, {@code m.k}, {@code 'k' in m}, {@code m.get('k')}, {@code m.keys()}.
 */
public interface PyMapping {

  /**
   * Returns the value under {@code key}.
   *
   * @throws ExpressionException of type {@code KeyError} when the key is absent
   */
  Object getItem(String key);

  /** Returns whether {@code key} is present, without computing its value. */
  boolean contains(String key);

  /** Returns the keys in iteration order. */
  List<String> keys();

  /** Returns the Python type name shown in messages. */
  default String typeName() {
    return "dict";
  }
}
