package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/** Calls a value with arguments; only library functions, types and methods are callable. */
public final class Calls {
  private Calls() {}

  public static Object call(
      Object callee, List<Object> args, Map<String, Object> kwargs, LongConsumer steps) {
    if (callee instanceof PyCallable function) {
      return function.call(args, kwargs);
    }
    throw new ExpressionException(
        "TypeError", "'" + Py.typeName(callee) + "' object is not callable");
  }

  /** Calls a function value with one argument, as {@code map} and {@code key=} do. */
  static Object callOne(Object function, Object argument) {
    return call(function, List.of(argument), Map.of(), count -> {});
  }
}
