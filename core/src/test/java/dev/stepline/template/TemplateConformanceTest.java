package dev.stepline.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Renders the template corpus with Stepline and with Jinja2 3.1 and compares the results. Two
 * results agree when the output is identical, or when both fail with the same exception type. Every
 * remaining difference must be listed in docs/templates.md.
 */
class TemplateConformanceTest {
  private static final double REQUIRED_AGREEMENT = 0.995;

  @Test
  void corpusAgreesWithJinja2() throws Exception {
    List<TemplateCase> cases = TemplateCorpus.all();
    List<Map<String, Object>> expected = Jinja2Oracle.renderAll(cases);

    List<String> differences = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      TemplateCase c = cases.get(i);
      Map<String, Object> actual = renderWithStepline(c);
      if (!agree(expected.get(i), actual)) {
        differences.add(
            c.source()
                + " "
                + c.template().replace("\n", "\\n")
                + "\n    jinja2:   "
                + expected.get(i)
                + "\n    stepline: "
                + actual);
      }
    }
    writeReport(cases.size(), differences);

    double agreement = 1.0 - (double) differences.size() / cases.size();
    assertThat(cases.size()).as("templates in the corpus").isGreaterThanOrEqualTo(300);
    assertThat(agreement)
        .as("agreement with Jinja2; differences:\n%s", String.join("\n", differences))
        .isGreaterThanOrEqualTo(REQUIRED_AGREEMENT);
    String documented =
        Files.readString(
            ExternalTools.repoRoot().resolve("docs/templates.md"), StandardCharsets.UTF_8);
    for (String difference : differences) {
      String template = difference.substring(difference.indexOf(' ') + 1, difference.indexOf('\n'));
      assertThat(documented).as("docs/templates.md lists the difference").contains(template);
    }
  }

  private static Map<String, Object> renderWithStepline(TemplateCase c) {
    Map<String, Object> result = new LinkedHashMap<>();
    try {
      result.put("output", Templates.render(c.template(), c.context()));
    } catch (RuntimeException e) {
      result.put(
          "error", Map.of("type", TemplateErrors.type(e), "message", TemplateErrors.message(e)));
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  static boolean agree(Map<String, Object> expected, Map<String, Object> actual) {
    if (expected.containsKey("output") || actual.containsKey("output")) {
      return Objects.equals(expected.get("output"), actual.get("output"))
          && expected.containsKey("output") == actual.containsKey("output");
    }
    Map<String, Object> expectedError = (Map<String, Object>) expected.get("error");
    Map<String, Object> actualError = (Map<String, Object>) actual.get("error");
    return Objects.equals(expectedError.get("type"), actualError.get("type"));
  }

  private static void writeReport(int total, List<String> differences) throws Exception {
    Path report = Path.of("target", "template-conformance.txt");
    Files.createDirectories(report.getParent());
    String header =
        "templates: "
            + total
            + ", differences: "
            + differences.size()
            + ", agreement: "
            + String.format("%.4f", 1.0 - (double) differences.size() / total)
            + "\n";
    Files.writeString(report, header + String.join("\n", differences) + "\n");
  }
}
