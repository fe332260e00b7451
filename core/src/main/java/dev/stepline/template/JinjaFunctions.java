package dev.stepline.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.fn.Functions;
import dev.stepline.expr.lib.Limits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jinja2's global functions that Jinjava lacks. */
public final class JinjaFunctions {
  private JinjaFunctions() {}

  static List<ELFunctionDefinition> all() {
    return List.of(
        new ELFunctionDefinition("", "dict", JinjaFunctions.class, "dict", Object[].class),
        new ELFunctionDefinition(
            "", "range", JinjaFunctions.class, "range", Object.class, Object[].class));
  }

  /**
   * Returns {@code range(...)} as Jinjava does, but fails as the expression {@code range} does when
   * the range is longer than the limit: Jinjava silently cuts it short. Public because Jinjava
   * calls it by reflection.
   */
  public static List<Integer> range(Object first, Object... rest) {
    checkLength(first, rest);
    return Functions.range(first, rest);
  }

  private static void checkLength(Object first, Object... rest) {
    if (!(first instanceof Number) || !allNumbers(rest)) {
      return;
    }
    long start = rest.length == 0 ? 0 : ((Number) first).longValue();
    long stop = rest.length == 0 ? ((Number) first).longValue() : ((Number) rest[0]).longValue();
    long step = rest.length < 2 ? 1 : ((Number) rest[1]).longValue();
    if (step == 0) {
      return;
    }
    long span = step > 0 ? stop - start : start - stop;
    long length = span <= 0 ? 0 : (span - 1) / Math.abs(step) + 1;
    if (length > Limits.MAX_RANGE_LENGTH) {
      throw new TemplateFailure(
          "ValueError", "Range size exceeds maximum of " + Limits.MAX_RANGE_LENGTH);
    }
  }

  private static boolean allNumbers(Object[] values) {
    for (Object value : values) {
      if (!(value instanceof Number)) {
        return false;
      }
    }
    return true;
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
