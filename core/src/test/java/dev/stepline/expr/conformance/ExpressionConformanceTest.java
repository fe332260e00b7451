package dev.stepline.expr.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Expressions;
import dev.stepline.expr.Py;
import dev.stepline.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evaluates every hand-written and generated expression with Stepline, CPython and simpleeval
 * 1.0.3, and requires Stepline to agree with CPython on the value, its type, its {@code repr()} and
 * {@code str()}, or the error type, for at least 99.5% of them. Every remaining difference must be
 * listed in {@code docs/expressions.md}.
 *
 * <p>The report of every difference is written to {@code target/expr-conformance.txt}.
 */
class ExpressionConformanceTest {
  private static final int GENERATED = 2400;
  private static final long SEED = 20_241_204L;

  @Test
  void agreesWithCPythonAndSimpleeval() throws Exception {
    String python = ExternalTools.python("simpleeval", "yaml");
    List<ConformanceCase> cases = new ArrayList<>(CaseFiles.load());
    int handWritten = cases.size();
    cases.addAll(ExpressionGenerator.generate(SEED, GENERATED, CaseFiles.defaultContext()));
    assertThat(cases).hasSizeGreaterThanOrEqualTo(3000);

    Map<Integer, JsonNode> answers = PythonOracle.run(python, cases);
    List<String> differences = new ArrayList<>();
    List<String> simpleevalDeviations = new ArrayList<>();
    int simpleevalCompared = 0;
    for (int i = 0; i < cases.size(); i++) {
      ConformanceCase testCase = cases.get(i);
      JsonNode answer = answers.get(i);
      assertThat(answer).as("oracle answer for %s", testCase.source()).isNotNull();
      JsonNode expected = answer.get("cpython");
      JsonNode actual = evaluate(testCase);
      if (!agrees(expected, actual)) {
        differences.add(describe(testCase, expected, actual));
      }
      JsonNode simple = answer.get("simpleeval");
      if (simple != null && !simple.isNull()) {
        simpleevalCompared++;
        if (!simple.get("value").equals(expected.get("value"))) {
          simpleevalDeviations.add(describe(testCase, expected, simple));
        }
      }
    }

    double agreement = 1.0 - (double) differences.size() / cases.size();
    writeReport(
        cases.size(),
        handWritten,
        simpleevalCompared,
        agreement,
        differences,
        simpleevalDeviations);
    assertThat(agreement)
        .as(
            "agreement with CPython over %d expressions; differences:%n%s",
            cases.size(), String.join("\n", differences))
        .isGreaterThanOrEqualTo(0.995);
    String documented =
        Files.readString(
            ExternalTools.repoRoot().resolve("docs/expressions.md"), StandardCharsets.UTF_8);
    List<String> undocumented = new ArrayList<>();
    for (String difference : differences) {
      String expression =
          difference.substring(difference.indexOf('\t') + 1, difference.indexOf("\n"));
      if (!documented.contains("`" + expression + "`")) {
        undocumented.add(difference);
      }
    }
    assertThat(undocumented).as("differences missing from docs/expressions.md").isEmpty();
  }

  private static JsonNode evaluate(ConformanceCase testCase) {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    Map<String, Object> names = new HashMap<>();
    testCase
        .context()
        .fields()
        .forEachRemaining(field -> names.put(field.getKey(), Py.fromJson(field.getValue())));
    try {
      Object value = Expressions.evaluate(testCase.expression(), names);
      result.set("value", ValueEncoder.encode(value));
      result.put("repr", Py.repr(value));
      result.put("str", Py.str(value));
    } catch (ExpressionException e) {
      result.put("error", e.type());
    } catch (RuntimeException e) {
      result.put("error", "Java " + e);
    }
    return result;
  }

  private static boolean agrees(JsonNode expected, JsonNode actual) {
    if (expected.has("error")) {
      return expected.get("error").equals(actual.get("error"));
    }
    if (!expected.get("value").equals(actual.get("value"))) {
      return false;
    }
    if (expected.has("repr")) {
      return expected.get("repr").equals(actual.get("repr"))
          && expected.get("str").equals(actual.get("str"));
    }
    return true;
  }

  private static String describe(ConformanceCase testCase, JsonNode expected, JsonNode actual) {
    return testCase.source()
        + "\t"
        + testCase.expression()
        + "\n    python:   "
        + abbreviate(expected.toString())
        + "\n    stepline: "
        + abbreviate(actual.toString());
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  private static void writeReport(
      int total,
      int handWritten,
      int simpleevalCompared,
      double agreement,
      List<String> differences,
      List<String> simpleevalDeviations)
      throws java.io.IOException {
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            "expressions: %d (hand-written %d, generated %d)%n",
            total, handWritten, total - handWritten));
    report.append(
        String.format(
            "agreement with CPython: %.2f%% (%d differences)%n",
            agreement * 100, differences.size()));
    report.append(
        String.format(
            "compared with simpleeval: %d; simpleeval differs from CPython" + " on %d%n%n",
            simpleevalCompared, simpleevalDeviations.size()));
    report.append("== Stepline differs from CPython\n");
    differences.forEach(line -> report.append(line).append('\n'));
    report.append("\n== simpleeval differs from CPython\n");
    simpleevalDeviations.forEach(line -> report.append(line).append('\n'));
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("expr-conformance.txt"), report.toString());
  }
}
