package dev.stepline.expr;

/**
 * A dict that explains why a key is missing. A subscript that misses raises a {@code KeyError} with
 * this message instead of the bare repr of the key.
 */
public interface ExplainsMissingKeys {
  /** Returns the message of the {@code KeyError} for a subscript with {@code key}. */
  String missingKeyMessage(Object key);
}
