package dev.stepline.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.lib.Attributes;
import dev.stepline.expr.lib.Calls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Method calls in templates, such as {@code s.split(',')} or {@code d.get('k', 0)}. They run
 * through the expression engine's attribute table, which holds only the methods that Python's types
 * have; any other name fails with Jinja2's {@code UndefinedError} message, so no Java method is
 * ever invoked on a template value.
 */
final class PythonMethods {
  private PythonMethods() {}

  static Object call(Object base, String name, Object[] args) {
    Object method;
    try {
      method = Attributes.get(PythonValues.toPython(base), name);
    } catch (ExpressionException e) {
      if ("AttributeError".equals(e.type())) {
        throw noAttribute(base, name);
      }
      throw e;
    }
    List<Object> positional = new ArrayList<>();
    Map<String, Object> keywords = new LinkedHashMap<>();
    for (Object arg : args) {
      if (arg instanceof NamedParameter) {
        NamedParameter named = (NamedParameter) arg;
        keywords.put(named.getName(), PythonValues.toPython(named.getValue()));
      } else {
        positional.add(PythonValues.toPython(arg));
      }
    }
    return PythonValues.toTemplate(Calls.call(method, positional, keywords, steps -> {}));
  }

  static TemplateFailure noAttribute(Object base, String name) {
    return new TemplateFailure(
        "UndefinedError",
        PythonValues.objectTypeRepr(base) + " has no attribute " + PythonValues.repr(name));
  }
}
