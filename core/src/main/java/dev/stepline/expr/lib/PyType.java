package dev.stepline.expr.lib;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A type that expressions can call to convert or construct, such as {@code int} or {@code
 * datetime.datetime}, with its class attributes ({@code datetime.datetime.now}) and, through {@link
 * #methods}, unbound methods such as {@code str.lower}.
 */
final class PyType implements PyCallable {
  final String name;
  private final String qualifiedName;
  private final Function.Body constructor;
  final Map<String, Object> attributes = new LinkedHashMap<>();
  final Map<String, Method> methods;

  PyType(
      String name, String qualifiedName, Function.Body constructor, Map<String, Method> methods) {
    this.name = name;
    this.qualifiedName = qualifiedName;
    this.constructor = constructor;
    this.methods = methods;
  }

  PyType attribute(String attributeName, Object value) {
    attributes.put(attributeName, value);
    return this;
  }

  PyType function(String functionName, Function.Body body) {
    attributes.put(functionName, new Function(name + "." + functionName, body));
    return this;
  }

  @Override
  public Object call(List<Object> args, Map<String, Object> kwargs) {
    return constructor.call(new Args(name, args, kwargs));
  }

  @Override
  public String typeName() {
    return "type";
  }

  @Override
  public String repr() {
    return "<class '" + qualifiedName + "'>";
  }
}
