package dev.stepline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionSafetyTest {

  private static ExpressionException failure(String source, Map<String, Object> names) {
    return assertThrows(ExpressionException.class, () -> Expressions.evaluate(source, names));
  }

  private static ExpressionException failure(String source) {
    return failure(source, Map.of());
  }

  @Test
  void javaMembersAreUnreachable() {
    Map<String, Object> names = Map.of("thread", Thread.currentThread(), "s", "abc");

    assertThat(failure("thread.getName()", names).type()).isEqualTo("AttributeError");
    assertThat(failure("s.getClass()", names).type()).isEqualTo("AttributeError");
    assertThat(failure("s.__class__", names).type()).isEqualTo("AttributeError");
    assertThat(failure("len.__self__").type()).isEqualTo("AttributeError");
    assertThat(failure("__import__('os')").type()).isEqualTo("NameError");
    assertThat(failure("getattr(s, 'upper')", names).type()).isEqualTo("NameError");
  }

  @Test
  void unsupportedConstructsSayWhatToUse() {
    ExpressionException lambda = failure("sorted(xs, key=lambda x: -x)");
    ExpressionException walrus = failure("(y := 5)");
    ExpressionException setComprehension = failure("{x for x in xs}");

    assertThat(lambda.type()).isEqualTo("SyntaxError");
    assertThat(lambda.getMessage()).startsWith("lambda expressions are not supported; use");
    assertThat(lambda.column()).isEqualTo(16);
    assertThat(walrus.getMessage()).startsWith("assignment expressions (:=) are not supported");
    assertThat(setComprehension.getMessage()).startsWith("set comprehensions are not supported");
  }

  @Test
  void limitsStopLargeResults() {
    assertThat(failure("'x' * 3000000").type()).isEqualTo("StringTooLong");
    assertThat(failure("[x for x in range(10001)]").type()).isEqualTo("IterableTooLong");
    assertThat(failure("range(1000001)").type()).isEqualTo("ValueError");
    assertThat(failure("2 ** 4000001").type()).isEqualTo("NumberTooHigh");
    assertThat(Expressions.evaluate("len([x for x in range(10000)])", Map.of())).isEqualTo(10000L);
  }

  @Test
  void deepNestingFailsAsSyntaxError() {
    List<String> sources =
        List.of(
            "(".repeat(5000) + "1" + ")".repeat(5000),
            "-".repeat(20000) + "1",
            String.join(" + ", java.util.Collections.nCopies(50000, "1")),
            "f'{" + "(".repeat(5000) + "1" + ")".repeat(5000) + "}'");

    for (String source : sources) {
      ExpressionException error = failure(source);

      assertThat(error.type()).isEqualTo("SyntaxError");
      assertThat(error.getMessage()).startsWith("the expression is nested too deeply");
      assertThat(Expressions.analyze(source).syntaxError()).isNotNull();
    }
  }

  @Test
  void nestingUpToTheLimitEvaluates() {
    String chain = String.join(" + ", java.util.Collections.nCopies(200, "1"));

    assertThat(Expressions.evaluate(chain, Map.of())).isEqualTo(200L);
    assertThat(Expressions.evaluate("(".repeat(150) + "2" + ")".repeat(150), Map.of()))
        .isEqualTo(2L);
  }

  @Test
  void budgetStopsLongEvaluations() {
    ExpressionException error =
        assertThrows(
            ExpressionException.class,
            () ->
                Expressions.evaluate(
                    "[[x * y for x in range(10000)] for y in range(10000)]", Map.of(), 100_000));

    assertThat(error.type()).isEqualTo("TimeoutError");
    assertThat(error.getMessage()).contains("budget of 100000 steps");
  }

  @Test
  void budgetCountsWorkInsideBuiltins() {
    ExpressionException sums = failure("[sum(range(1000000)) for _ in range(10000)]");
    ExpressionException strings = failure("[len('x' * 2000000) for _ in range(10000)]");
    ExpressionException scans = failure("[('x' * 2000000).upper() for _ in range(10000)]");

    assertThat(sums.type()).isEqualTo("TimeoutError");
    assertThat(strings.type()).isEqualTo("TimeoutError");
    assertThat(scans.type()).isEqualTo("TimeoutError");
    assertThat(Expressions.evaluate("sum(range(1000000))", Map.of())).isEqualTo(499999500000L);
  }

  @Test
  void lazyMappingResolvesOnlyWhatIsRead() {
    List<String> resolved = new ArrayList<>();
    PyMapping secrets =
        new PyMapping() {
          @Override
          public Object getItem(String key) {
            if (!key.equals("API_KEY")) {
              throw new ExpressionException("KeyError", "secret not found: " + key);
            }
            resolved.add(key);
            return "tok-TEST-123";
          }

          @Override
          public boolean contains(String key) {
            return key.equals("API_KEY");
          }

          @Override
          public List<String> keys() {
            return List.of("API_KEY");
          }
        };
    Map<String, Object> names = Map.of("secrets", secrets);

    assertThat(Expressions.evaluate("f'Bearer {secrets.API_KEY}'", names))
        .isEqualTo("Bearer tok-TEST-123");
    assertThat(Expressions.evaluate("'API_KEY' in secrets", names)).isEqualTo(true);
    assertThat(Expressions.evaluate("secrets.get('OTHER', 'none')", names)).isEqualTo("none");
    assertThat(resolved).containsExactly("API_KEY");
    ExpressionException missing = failure("secrets.weather_key", names);
    assertThat(failure("secrets[0]", names).getMessage()).isEqualTo("secret not found: 0");
    assertThat(missing.type()).isEqualTo("KeyError");
    assertThat(missing.getMessage()).isEqualTo("secret not found: weather_key");
  }
}
