package dev.stepline.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.expr.PyMapping;
import dev.stepline.expr.PyTuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  @Test
  void pythonValuesPrintAsPythonPrintsThem() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("flag", true);
    input.put("off", false);
    input.put("gone", null);
    input.put("tags", List.of(1L, "x"));
    input.put("meta", Map.of("k", "v"));

    String output =
        Templates.render(
            "flag={{ _.flag }} off={{ _.off }} none={{ _.gone }} tags={{ _.tags }}"
                + " meta={{ _.meta }} absent=[{{ _.absent }}]",
            Map.of("_", input));

    assertThat(output)
        .isEqualTo("flag=True off=False none=None tags=[1, 'x'] meta={'k': 'v'} absent=[]");
  }

  @Test
  void missingVariableRendersEmpty() {
    assertThat(Templates.render("[{{ missing_var }}]", Map.of())).isEqualTo("[]");
  }

  @Test
  void callingUndefinedNameFails() {
    assertThatThrownBy(
            () -> Templates.render("Today is {{ now().strftime('%B %d, %Y') }}.", Map.of()))
        .satisfies(
            e -> assertThat(TemplateErrors.type((RuntimeException) e)).isEqualTo("UndefinedError"))
        .hasMessageContaining("'now' is undefined");
  }

  @Test
  void rangeOverTheLimitFailsInsteadOfShrinking() {
    assertThat(Templates.render("{{ range(2, 1000001) | length }}", Map.of())).isEqualTo("999999");
    assertThatThrownBy(() -> Templates.render("{{ range(1000001) | length }}", Map.of()))
        .satisfies(
            e -> assertThat(TemplateErrors.type((RuntimeException) e)).isEqualTo("ValueError"))
        .hasMessageContaining("Range size exceeds maximum of 1000000");
    assertThatThrownBy(
            () -> Templates.render("{% for i in range(0, 10**8, 3) %}x{% endfor %}", Map.of()))
        .hasMessageContaining("Range size exceeds maximum of 1000000");
  }

  @Test
  void deepNestingFailsWithoutCrashing() {
    String deep = "{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}";

    assertThatThrownBy(() -> Templates.render(deep, Map.of()))
        .satisfies(
            e -> assertThat(TemplateErrors.type((RuntimeException) e)).isEqualTo("RecursionError"))
        .hasMessageContaining("nested too deeply");
    assertThat(Templates.check(deep)).hasSize(1);
  }

  @Test
  void undefinedDiffersFromNone() {
    Map<String, Object> names = new LinkedHashMap<>();
    names.put("gone", null);

    assertThat(Templates.render("{{ gone }}|{{ absent }}", names)).isEqualTo("None|");
    assertThat(Templates.render("{{ gone is defined }}|{{ absent is defined }}", names))
        .isEqualTo("True|False");
    assertThat(Templates.render("{{ gone | default('x') }}|{{ absent | default('x') }}", names))
        .isEqualTo("None|x");
  }

  @Test
  void javaMethodsAreUnreachable() {
    Map<String, Object> names = Map.of("s", "text", "d", Map.of("k", 1L), "l", List.of(1L));
    List<String> attempts =
        List.of(
            "{{ ''.getClass() }}",
            "{{ s.getClass().getName() }}",
            "{{ s.getClass().forName('java.lang.Runtime') }}",
            "{{ d.getClass() }}",
            "{{ d.entrySet() }}",
            "{{ l.getClass() }}",
            "{{ l.size() }}",
            "{% for i in l %}{{ loop.getClass() }}{% endfor %}",
            "{{ s.hashCode() }}",
            "{{ s.toUpperCase() }}");

    for (String attempt : attempts) {
      assertThatThrownBy(() -> Templates.render(attempt, names))
          .as(attempt)
          .satisfies(
              e ->
                  assertThat(TemplateErrors.type((RuntimeException) e)).isEqualTo("UndefinedError"))
          .hasMessageContaining("has no attribute");
    }
  }

  @Test
  void javaPropertiesAreUndefined() {
    Map<String, Object> names = Map.of("s", "text", "d", Map.of("k", 1L));

    assertThat(Templates.render("[{{ s.class }}][{{ d.class }}][{{ s.bytes }}]", names))
        .isEqualTo("[][][]");
  }

  @Test
  void syntaxErrorFailsWithItsType() {
    assertThatThrownBy(() -> Templates.render("{% if %}", Map.of()))
        .satisfies(
            e ->
                assertThat(TemplateErrors.type((RuntimeException) e))
                    .isEqualTo("TemplateSyntaxError"));
  }

  @Test
  void checkReportsSyntaxErrorPosition() {
    List<TemplateDiagnostic> diagnostics = Templates.check("first line\nsecond {{ x + }}");

    assertThat(diagnostics).hasSize(1);
    assertThat(diagnostics.get(0).type()).isEqualTo("TemplateSyntaxError");
    assertThat(diagnostics.get(0).line()).isEqualTo(2);
    assertThat(diagnostics.get(0).column()).isEqualTo(14);
  }

  @Test
  void checkAcceptsValidTemplate() {
    assertThat(Templates.check("{% for x in xs %}{{ x | upper }}{% endfor %}")).isEmpty();
  }

  @Test
  void checkReportsEveryError() {
    List<TemplateDiagnostic> diagnostics = Templates.check("{{ a + }}\n{{ b * }}");

    assertThat(diagnostics).extracting(TemplateDiagnostic::line).containsExactly(1, 2);
  }

  @Test
  void chainedComparisonChecksEveryLink() {
    assertThat(Templates.render("{{ 0 <= x <= 5 }}", Map.of("x", 10L))).isEqualTo("False");
    assertThat(Templates.render("{{ 1 < x < 20 }}", Map.of("x", 10L))).isEqualTo("True");
    assertThat(Templates.render("{{ 20 > x == 10 }}", Map.of("x", 10L))).isEqualTo("True");
    assertThat(Templates.render("{{ 0 <= x <= 5 }}", Map.of("x", 3L))).isEqualTo("True");
  }

  @Test
  void lazyMappingComputesReadValuesOnly() {
    List<String> computed = new ArrayList<>();
    PyMapping steps =
        new PyMapping() {
          @Override
          public Object getItem(String key) {
            computed.add(key);
            return Map.of("output", key.toUpperCase());
          }

          @Override
          public boolean contains(String key) {
            return List.of("fetch", "summarize").contains(key);
          }

          @Override
          public List<String> keys() {
            return List.of("fetch", "summarize");
          }
        };

    String output =
        Templates.render(
            "{{ steps.fetch.output }}|{{ 'summarize' in steps }}|[{{ steps.gone }}]",
            Map.of("steps", steps));

    assertThat(output).isEqualTo("FETCH|True|[]");
    assertThat(computed).containsExactly("fetch");
  }

  @Test
  void tuplesFromExpressionsPrintAsTuples() {
    Map<String, Object> names =
        Map.of("pair", PyTuple.of(1L, "a"), "pairs", List.of(PyTuple.of(2L, "b")));

    assertThat(
            Templates.render(
                "{{ pair }}|{{ pair[1] }}|{% for x in pair %}{{ x }}{% endfor %}", names))
        .isEqualTo("(1, 'a')|a|1a");
    assertThat(
            Templates.render(
                "{{ pairs }}|{% for n, s in pairs %}{{ s }}{{ n }}{% endfor %}", names))
        .isEqualTo("[(2, 'b')]|b2");
  }

  @Test
  void renderErrorCarriesPosition() {
    assertThatThrownBy(() -> Templates.render("line one\n  {{ 1 / 0 }}", Map.of()))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.type()).isEqualTo("ZeroDivisionError");
              assertThat(e.getMessage()).isEqualTo("division by zero");
              assertThat(e.line()).isEqualTo(2);
            });
  }

  @Test
  void concurrentRendersAgree() throws Exception {
    String template = "{% for u in users %}{{ loop.index }}:{{ u.name | title }};{% endfor %}";
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Map<String, Object> names =
            Map.of("users", Arrays.asList(Map.of("name", "ann" + i), Map.of("name", "bob" + i)));
        results.add(pool.submit(() -> Templates.render(template, names)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo("1:Ann" + i + ";2:Bob" + i + ";");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
