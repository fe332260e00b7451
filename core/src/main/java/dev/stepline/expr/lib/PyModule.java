package dev.stepline.expr.lib;

import dev.stepline.expr.PyObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** An allow-listed module: a fixed set of named functions, types and constants. */
final class PyModule implements PyObject {
  final String name;
  final Map<String, Object> attributes = new LinkedHashMap<>();

  PyModule(String name) {
    this.name = name;
  }

  PyModule function(String functionName, Function.Body body) {
    attributes.put(functionName, new Function(functionName, body));
    return this;
  }

  PyModule constant(String constantName, Object value) {
    attributes.put(constantName, value);
    return this;
  }

  @Override
  public String typeName() {
    return "module";
  }

  @Override
  public String repr() {
    return "<module '" + name + "'>";
  }
}
