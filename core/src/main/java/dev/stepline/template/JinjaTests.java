package dev.stepline.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/** Jinja2's tests ({@code x is defined}, {@code x is number}, ...) with Python's type rules. */
final class JinjaTests {
  private JinjaTests() {}

  static List<ExpTest> all() {
    return List.of(
        test("defined", (v, a) -> !(v instanceof Undefined)),
        test("undefined", (v, a) -> v instanceof Undefined),
        test("none", (v, a) -> v == null),
        test("boolean", (v, a) -> v instanceof Boolean),
        test("true", (v, a) -> Boolean.TRUE.equals(v)),
        test("false", (v, a) -> Boolean.FALSE.equals(v)),
        test("number", (v, a) -> v instanceof Number || v instanceof Boolean),
        test("integer", (v, a) -> PythonValues.isInteger(v)),
        test("float", (v, a) -> v instanceof Double || v instanceof Float),
        test("string", (v, a) -> "str".equals(PythonValues.typeName(v))),
        test("mapping", (v, a) -> v instanceof Map),
        test("sequence", (v, a) -> isSequence(v) || v instanceof Undefined),
        test("iterable", (v, a) -> isSequence(v) || v instanceof Undefined),
        test("callable", (v, a) -> false),
        test("odd", (v, a) -> integer(v) % 2 != 0),
        test("even", (v, a) -> integer(v) % 2 == 0),
        test("divisibleby", (v, a) -> integer(v) % integer(a[0]) == 0),
        test("lower", (v, a) -> isLower(PythonValues.str(v))),
        test("upper", (v, a) -> isUpper(PythonValues.str(v))),
        test("in", (v, a) -> Filters.contains(a[0], v)),
        test(
            "sameas", (v, a) -> v == a[0] || v != null && v.equals(a[0]) && (v instanceof Boolean)),
        comparison("eq", PythonOperators.EQ),
        comparison("equalto", PythonOperators.EQ),
        comparison("==", PythonOperators.EQ),
        comparison("ne", PythonOperators.NE),
        comparison("!=", PythonOperators.NE),
        comparison("lt", PythonOperators.LT),
        comparison("lessthan", PythonOperators.LT),
        comparison("<", PythonOperators.LT),
        comparison("le", PythonOperators.LE),
        comparison("<=", PythonOperators.LE),
        comparison("gt", PythonOperators.GT),
        comparison("greaterthan", PythonOperators.GT),
        comparison(">", PythonOperators.GT),
        comparison("ge", PythonOperators.GE),
        comparison(">=", PythonOperators.GE));
  }

  private static boolean isSequence(Object value) {
    return value instanceof String
        || value instanceof Collection && !(value instanceof Undefined)
        || value instanceof Map;
  }

  private static boolean isUpper(String text) {
    return !text.equals(text.toLowerCase(Locale.ROOT))
        && text.equals(text.toUpperCase(Locale.ROOT));
  }

  private static boolean isLower(String text) {
    return !text.equals(text.toUpperCase(Locale.ROOT))
        && text.equals(text.toLowerCase(Locale.ROOT));
  }

  private static long integer(Object value) {
    if (value instanceof Undefined) {
      throw ((Undefined) value).error();
    }
    if (!(value instanceof Number)) {
      throw new TemplateFailure(
          "TypeError", "not all arguments converted during string formatting");
    }
    return ((Number) value).longValue();
  }

  private static ExpTest comparison(String name, PythonOperators operator) {
    return test(name, (v, a) -> (Boolean) operator.apply(v, a[0]));
  }

  static ExpTest test(String name, BiPredicate<Object, Object[]> body) {
    return new ExpTest() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
        return body.test(var, args == null ? new Object[0] : args);
      }
    };
  }
}
