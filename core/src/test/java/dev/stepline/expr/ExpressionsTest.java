package dev.stepline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> context(String json) throws Exception {
    Map<String, Object> names = new java.util.HashMap<>();
    names.put("_", Py.fromJson(JSON.readTree(json)));
    return names;
  }

  private static String eval(String source, String json) throws Exception {
    return Py.repr(Expressions.evaluate(source, context(json)));
  }

  @Test
  void chainedComparisonsCheckEveryLink() throws Exception {
    assertThat(eval("0 <= _.score <= 5", "{\"score\": 10}")).isEqualTo("False");
    assertThat(eval("1 < _.score < 20", "{\"score\": 10}")).isEqualTo("True");
    assertThat(eval("20 > _.score == 10", "{\"score\": 10}")).isEqualTo("True");
    assertThat(eval("10 > _.score > 4", "{\"score\": 10}")).isEqualTo("False");
    assertThat(eval("0 <= _.score <= 5", "{\"score\": 3}")).isEqualTo("True");
  }

  @Test
  void andOrReturnAnOperandAndShortCircuit() throws Exception {
    String input = "{\"out\": true, \"pos\": 3, \"nickname\": \"\"}";
    assertThat(
            eval(
                "(_.out and _.pos <= 6 and -10) or (_.out and _.pos > 6 and -5)"
                    + " or (not _.out and 15)",
                input))
        .isEqualTo("-10");
    assertThat(eval("_.nickname or \"anonymous\"", input)).isEqualTo("'anonymous'");
    assertThat(eval("1 and [] and 2", input)).isEqualTo("[]");
    assertThat(eval("None or None", input)).isEqualTo("None");
    assertThat(eval("_.pos == 99 and _.not_there > 0", input)).isEqualTo("False");
    assertThat(eval("_.pos == 3 or _.not_there", input)).isEqualTo("True");
    assertThatThrownBy(() -> eval("_.pos == 99 or _.not_there", input))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("not_there");
  }

  @Test
  void reprFollowsPython() {
    assertThat(Py.repr(1e16)).isEqualTo("1e+16");
    assertThat(Py.repr(1e15)).isEqualTo("1000000000000000.0");
    assertThat(Py.repr(0.1)).isEqualTo("0.1");
    assertThat(Py.repr(1e-5)).isEqualTo("1e-05");
    assertThat(Py.repr(0.0001)).isEqualTo("0.0001");
    assertThat(Py.repr(123456789.123)).isEqualTo("123456789.123");
    assertThat(Py.repr(-0.0)).isEqualTo("-0.0");
    assertThat(Py.repr(Double.NaN)).isEqualTo("nan");
    assertThat(Py.repr(2.5e-300)).isEqualTo("2.5e-300");
    assertThat(Py.repr("it's")).isEqualTo("\"it's\"");
    assertThat(Py.repr("a\nb\\")).isEqualTo("'a\\nb\\\\'");
    assertThat(Py.repr(PyTuple.of(1L))).isEqualTo("(1,)");
    assertThat(Py.str(Map.of("k", java.util.List.of(true, "x")))).isEqualTo("{'k': [True, 'x']}");
  }

  @Test
  void errorsCarryPythonTypesAndColumns() {
    ExpressionException error =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExpressionException.class, () -> Expressions.evaluate("1 + lenn([1])", Map.of()));
    assertThat(error.type()).isEqualTo("NameError");
    assertThat(error.column()).isEqualTo(5);
    assertThat(error.suggestion()).isEqualTo("len");
  }

  @Test
  void fStringBodyInterpolates() throws Exception {
    Map<String, Object> names = context("{\"tags\": [1, \"x\"], \"n\": 3.14159}");
    assertThat(Expressions.evaluateFString("tags={_.tags} n={_.n:.2f} {{x}}", names))
        .isEqualTo("tags=[1, 'x'] n=3.14 {x}");
  }
}
