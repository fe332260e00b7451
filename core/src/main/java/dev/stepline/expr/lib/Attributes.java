package dev.stepline.expr.lib;

import dev.stepline.diag.Suggestions;
import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyMapping;
import dev.stepline.expr.PySet;
import dev.stepline.expr.PyTuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Attribute access: {@code a.b} on a mapping reads key {@code b} (like Julep's Box), and on other
 * values finds one of the methods or properties of its Python type. Names that start with two
 * underscores are never reachable, so no expression can walk to Python or Java internals.
 */
public final class Attributes {
  private Attributes() {}

  public static Object get(Object target, String name) {
    if (name.startsWith("__")) {
      throw new ExpressionException(
          "AttributeError", "access to private attribute '" + name + "' is not allowed");
    }
    if (target instanceof Map<?, ?> map) {
      Object value = Py.dictGet(map, name);
      if (value != Py.MISSING) {
        return value;
      }
      return method(target, name, CollectionMethods.DICT, map.keySet());
    }
    if (target instanceof PyMapping mapping) {
      if (mapping.contains(name) || !CollectionMethods.DICT.containsKey(name)) {
        // The mapping raises its own error for a missing key, such as "secret not found".
        return mapping.getItem(name);
      }
      return method(target, name, CollectionMethods.DICT, mapping.keys());
    }
    if (target instanceof String) {
      return method(target, name, StrMethods.METHODS, List.of());
    }
    if (target instanceof List) {
      return method(target, name, CollectionMethods.LIST, List.of());
    }
    if (target instanceof PyTuple tuple) {
      if (tuple.fields() != null && tuple.fields().contains(name)) {
        return tuple.get(tuple.fields().indexOf(name));
      }
      return method(target, name, CollectionMethods.TUPLE, List.of());
    }
    if (target instanceof PySet) {
      return method(target, name, CollectionMethods.SET, List.of());
    }
    if (target instanceof PyModule module) {
      return moduleAttribute(module, name);
    }
    if (target instanceof PyType type) {
      return typeAttribute(type, name);
    }
    Object property = ValueMethods.property(target, name);
    if (property != ValueMethods.NONE) {
      return property;
    }
    Map<String, Method> methods = ValueMethods.methodsOf(target);
    return method(target, name, methods, List.of());
  }

  private static Object method(
      Object target, String name, Map<String, Method> methods, Iterable<?> keys) {
    Method method = methods.get(name);
    if (method != null) {
      return new BoundMethod(target, name, method);
    }
    List<String> candidates = new ArrayList<>(methods.keySet());
    keys.forEach(key -> candidates.add(String.valueOf(key)));
    throw new ExpressionException(
        "AttributeError",
        "'" + Py.typeName(target) + "' object has no attribute '" + name + "'",
        0,
        Suggestions.closestOrNull(name, candidates));
  }

  private static Object moduleAttribute(PyModule module, String name) {
    Object value = module.attributes.get(name);
    if (value == null && !module.attributes.containsKey(name)) {
      throw new ExpressionException(
          "AttributeError",
          "module '" + module.name + "' has no attribute '" + name + "'",
          0,
          Suggestions.closestOrNull(name, module.attributes.keySet()));
    }
    return value;
  }

  private static Object typeAttribute(PyType type, String name) {
    if (type.attributes.containsKey(name)) {
      return type.attributes.get(name);
    }
    Method method = type.methods.get(name);
    if (method != null) {
      return new Function(
          type.name + "." + name,
          args -> {
            if (args.size() == 0) {
              throw new ExpressionException(
                  "TypeError", "unbound method " + type.name + "." + name + "() needs an argument");
            }
            Object self = args.get(0);
            if (!Py.typeName(self).equals(type.name)
                && !(type.name.equals("dict") && Py.isMapping(self))) {
              throw new ExpressionException(
                  "TypeError",
                  "descriptor '"
                      + name
                      + "' for '"
                      + type.name
                      + "' objects doesn't apply to a '"
                      + Py.typeName(self)
                      + "' object");
            }
            return method.call(
                self, new Args(name, args.positional.subList(1, args.size()), args.keywords));
          });
    }
    List<String> candidates = new ArrayList<>(type.attributes.keySet());
    candidates.addAll(type.methods.keySet());
    throw new ExpressionException(
        "AttributeError",
        "type object '" + type.name + "' has no attribute '" + name + "'",
        0,
        Suggestions.closestOrNull(name, candidates));
  }
}
