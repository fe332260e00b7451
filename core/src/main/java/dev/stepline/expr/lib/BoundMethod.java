package dev.stepline.expr.lib;

import dev.stepline.expr.Py;
import java.util.List;
import java.util.Map;

/** A method together with the value it was read from, such as {@code 'a,b'.split}. */
final class BoundMethod implements PyCallable {
  private final Object self;
  private final String name;
  private final Method method;

  BoundMethod(Object self, String name, Method method) {
    this.self = self;
    this.name = name;
    this.method = method;
  }

  @Override
  public Object call(List<Object> args, Map<String, Object> kwargs) {
    return method.call(self, new Args(name, args, kwargs));
  }

  @Override
  public String typeName() {
    return "builtin_function_or_method";
  }

  @Override
  public String repr() {
    return "<built-in method " + name + " of " + Py.typeName(self) + " object>";
  }
}
