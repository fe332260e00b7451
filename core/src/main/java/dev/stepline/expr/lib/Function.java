package dev.stepline.expr.lib;

import java.util.List;
import java.util.Map;

/** A named builtin or module function. */
final class Function implements PyCallable {
  interface Body {
    Object call(Args args);
  }

  private final String name;
  private final Body body;

  Function(String name, Body body) {
    this.name = name;
    this.body = body;
  }

  String name() {
    return name;
  }

  @Override
  public Object call(List<Object> args, Map<String, Object> kwargs) {
    return body.call(new Args(name, args, kwargs));
  }

  @Override
  public String typeName() {
    return "builtin_function_or_method";
  }

  @Override
  public String repr() {
    return "<built-in function " + name + ">";
  }
}
