package dev.stepline.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jinja2's global functions that Jinjava lacks. */
public final class JinjaFunctions {
  private JinjaFunctions() {}

  static List<ELFunctionDefinition> all() {
    return List.of(
        new ELFunctionDefinition("", "dict", JinjaFunctions.class, "dict", Object[].class));
  }

  /**
   * Returns Jinja2's {@code dict(a=1, b=2)}: a dictionary of the keyword arguments, after the items
   * of an optional mapping argument. Public because Jinjava calls it by reflection.
   */
  public static Map<Object, Object> dict(Object... arguments) {
    Map<Object, Object> result = new LinkedHashMap<>();
    for (Object argument : arguments) {
      if (argument instanceof NamedParameter) {
        NamedParameter named = (NamedParameter) argument;
        result.put(named.getName(), named.getValue());
      } else if (argument instanceof Map) {
        result.putAll((Map<?, ?>) argument);
      } else {
        throw new TemplateFailure(
            "TypeError", "'" + PythonValues.typeName(argument) + "' object is not iterable");
      }
    }
    return result;
  }
}
