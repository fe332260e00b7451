package dev.stepline.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.task.Step;
import dev.stepline.task.Value;
import dev.stepline.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Compares how the loader resolves plain scalars with PyYAML's {@code safe_load}, which is how
 * Julep reads task files.
 */
class PyYamlOracleTest {

  private static final List<String> SCALARS =
      List.of(
          "yes",
          "No",
          "ON",
          "off",
          "y",
          "true",
          "False",
          "~",
          "null",
          "Null",
          "NULL",
          "0",
          "-0",
          "017",
          "0o17",
          "0x1F",
          "0b101",
          "1_000",
          "+12",
          "1:30",
          "-1:30:05",
          "1.5",
          "1.",
          ".5",
          "1e3",
          "1.0e3",
          "1.0e+3",
          "6.8523015e+5",
          "685_230.15",
          "190:20:30.15",
          ".inf",
          "-.Inf",
          ".NaN",
          "12345678901234567890",
          "0.1.2",
          "abc",
          "'1'",
          "True1",
          "1_",
          "0_7");

  @Test
  void scalarsResolveAsPyYamlResolvesThem() throws IOException, InterruptedException {
    String python = ExternalTools.python("yaml");
    List<String> expected = pyYamlTypes(python);

    List<String> actual = new ArrayList<>();
    for (String scalar : SCALARS) {
      actual.add(describe(loadScalar(scalar)));
    }

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  private static Object loadScalar(String scalar) {
    LoadResult result =
        new TaskLoader().load("t.yaml", "name: t\nmain:\n  - return: " + scalar + "\n");
    assertThat(result.diagnostics()).isEmpty();
    Value value = ((Step.Return) result.task().main().steps().get(0)).value();
    if (value instanceof Value.Literal literal) {
      return literal.value();
    }
    return value instanceof Value.FString fString ? fString.source() : value.toString();
  }

  /** Describes a value as {@code type:value} with Python's type names. */
  private static String describe(Object value) {
    if (value == null) {
      return "NoneType:None";
    }
    if (value instanceof Boolean bool) {
      return "bool:" + (bool ? "True" : "False");
    }
    if (value instanceof Long || value instanceof java.math.BigInteger) {
      return "int:" + value;
    }
    if (value instanceof Double number) {
      return "float:" + describeFloat(number);
    }
    return "str:" + value;
  }

  private static String describeFloat(double number) {
    if (Double.isNaN(number)) {
      return "nan";
    }
    if (Double.isInfinite(number)) {
      return number > 0 ? "inf" : "-inf";
    }
    return Double.toString(number);
  }

  private static List<String> pyYamlTypes(String python) throws IOException, InterruptedException {
    String script =
        """
        import sys, yaml
        for line in sys.stdin.read().splitlines():
            v = yaml.safe_load("v: " + line)["v"]
            # Floats get an F marker so that Java can reformat them as Double.toString does.
            print(type(v).__name__ + ":" + ("F" + repr(v) if isinstance(v, float) else str(v)))
        """;
    Process process = new ProcessBuilder(python, "-c", script).start();
    process.getOutputStream().write(String.join("\n", SCALARS).getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    List<String> types = new ArrayList<>();
    for (String line : output.strip().split("\n")) {
      types.add(line.startsWith("float:F") ? "float:" + javaFloat(line.substring(7)) : line);
    }
    return types;
  }

  /** Converts Python's {@code repr} of a float to Java's {@code Double.toString} form. */
  private static String javaFloat(String repr) {
    if (repr.equals("nan") || repr.equals("inf") || repr.equals("-inf")) {
      return repr;
    }
    return Double.toString(Double.parseDouble(repr));
  }
}
