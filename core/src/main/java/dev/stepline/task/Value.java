package dev.stepline.task;

import java.util.List;
import java.util.Map;

/**
 * A value written in a task file, before evaluation.
 *
 * <p>The loader classifies every YAML scalar string by the language rules: {@code "$ expr"} is a
 * Python expression, a string containing <code>{{</code> or <code>{%</code> is a Jinja template,
 * the legacy bare forms ({@code _}, {@code _.x}, {@code _[...]}, {@code inputs[...]}, {@code
 * outputs[...]}) are expressions, and any other string is an f-string whose {@code {expr}} parts
 * interpolate. Strings without any {@code {}} part are plain {@link Literal}s.
 */
public sealed interface Value
    permits Value.Literal, Value.Expression, Value.FString, Value.Jinja, Value.ListOf, Value.MapOf {

  SourcePosition position();

  /**
   * A JSON scalar: {@code null}, {@link Boolean}, {@link java.math.BigInteger} or {@link Long},
   * {@link Double}, or a {@link String} with nothing to interpolate.
   */
  record Literal(Object value, SourcePosition position) implements Value {}

  /**
   * A Python expression. {@code source} is the expression text without the leading {@code "$ "};
   * {@code offset} is the column offset of {@code source} inside the YAML scalar, so that an error
   * at expression column {@code c} is reported at YAML column {@code position.column + offset + c}
   * for single-line plain scalars.
   */
  record Expression(String source, int offset, SourcePosition position) implements Value {}

  /**
   * A string with Python f-string interpolation ({@code "Hello {name}"}), without an {@code f}
   * prefix or quotes.
   */
  record FString(String source, SourcePosition position) implements Value {}

  /** A Jinja template. */
  record Jinja(String source, SourcePosition position) implements Value {}

  /** A YAML sequence of values. */
  record ListOf(List<Value> items, SourcePosition position) implements Value {
    public ListOf {
      items = List.copyOf(items);
    }
  }

  /** A YAML mapping of values, in file order. */
  record MapOf(Map<String, Value> entries, SourcePosition position) implements Value {
    public MapOf {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }
  }
}
