package dev.stepline.expr.lib;

import dev.stepline.expr.PyObject;
import java.util.List;
import java.util.Map;

/** A function that expressions can call: a builtin, a module function, a type or a method. */
public interface PyCallable extends PyObject {

  /** Calls the function with positional and keyword arguments. */
  Object call(List<Object> args, Map<String, Object> kwargs);
}
