package dev.stepline.expr;

/**
 * A value of the expression language that is not plain data: a function, a module, a type, a range
 * or an iterator. Such values are built only by the expression library, so nothing from Java leaks
 * into an expression.
 */
public interface PyObject {

  /** Returns the Python type name, such as {@code builtin_function_or_method}. */
  String typeName();

  /** Returns Python's {@code repr()} of the object. */
  String repr();

  /** Returns Python's {@code str()} of the object, which is its repr unless it says otherwise. */
  default String str() {
    return repr();
  }

  /** Returns Python's {@code bool()} of the object. */
  default boolean truthy() {
    return true;
  }
}
