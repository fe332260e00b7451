package dev.stepline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionCheckTest {

  @Test
  void analyzeListsFreeNamesOnly() {
    ExpressionCheck check =
        Expressions.analyze("[x + offset for x in steps[0].output] + json.loads(raw)");

    assertThat(check.ok()).isTrue();
    assertThat(check.freeNames()).containsExactlyInAnyOrder("offset", "steps", "raw");
  }

  @Test
  void analyzeReportsSyntaxErrorColumn() {
    ExpressionCheck check = Expressions.analyze("_.a + (1 *");

    assertThat(check.syntaxError().type()).isEqualTo("SyntaxError");
    assertThat(check.syntaxError().column()).isEqualTo(11);
    assertThat(check.syntaxError().getMessage())
        .isEqualTo("unexpected end of expression; an operand is missing");
  }

  @Test
  void analyzeFlagsPrivateAttributes() {
    ExpressionCheck check = Expressions.analyze("_.__class__.__bases__");

    assertThat(check.problems()).hasSize(2);
    assertThat(check.problems().get(0).getMessage())
        .isEqualTo("access to private attribute '__bases__' is not allowed");
  }

  @Test
  void unknownNamesSuggestCloseOnes() {
    ExpressionCheck check = Expressions.analyze("stpes[0].output + lenn(inputs)");

    List<ExpressionException> errors =
        Expressions.unknownNames(check, List.of("steps", "inputs", "_"));

    assertThat(errors)
        .extracting(ExpressionException::describe)
        .containsExactly(
            "name 'stpes' is not defined; did you mean 'steps'?",
            "name 'lenn' is not defined; did you mean 'len'?");
  }

  @Test
  void checkRaisesSyntaxErrors() {
    ExpressionException error =
        assertThrows(ExpressionException.class, () -> Expressions.check("x ="));

    assertThat(error.type()).isEqualTo("SyntaxError");
    assertThat(error.column()).isEqualTo(3);
  }

  @Test
  void plainStringsFollowLegacyRule() {
    Map<String, Object> names =
        Map.of("_", Map.of("tags", List.of(1L, "x"), "n", 3L), "inputs", List.of(Map.of("a", 1L)));

    assertThat(Expressions.evaluateString("_.tags", names)).isEqualTo(List.of(1L, "x"));
    assertThat(Expressions.evaluateString(" inputs[0]['a'] ", names)).isEqualTo(1L);
    assertThat(Expressions.evaluateString("tags={_.tags}", names)).isEqualTo("tags=[1, 'x']");
    assertThat(Expressions.evaluateString("C:\\new {_.n}", names)).isEqualTo("C:\\new 3");
    assertThat(Expressions.evaluateString("no fields", names)).isEqualTo("no fields");
  }

  @Test
  void errorsPointAtTheirColumn() {
    Map<String, Object> names = Map.of("d", Map.of("alpha", 1L));

    ExpressionException key =
        assertThrows(
            ExpressionException.class, () -> Expressions.evaluate("1 + d['alpah']", names));
    ExpressionException attribute =
        assertThrows(ExpressionException.class, () -> Expressions.evaluate("d.alpah", names));
    ExpressionException division =
        assertThrows(ExpressionException.class, () -> Expressions.evaluate("1 + 10 / 0", names));

    assertThat(key.type()).isEqualTo("KeyError");
    assertThat(key.getMessage()).isEqualTo("'alpah'");
    assertThat(key.column()).isEqualTo(7);
    assertThat(key.suggestion()).isEqualTo("alpha");
    assertThat(attribute.type()).isEqualTo("AttributeError");
    assertThat(attribute.column()).isEqualTo(3);
    assertThat(attribute.suggestion()).isEqualTo("alpha");
    assertThat(division.type()).isEqualTo("ZeroDivisionError");
    assertThat(division.column()).isEqualTo(5);
  }
}
