package dev.stepline.expr.lib;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.expr.ExpressionException;
import dev.stepline.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonErrorLocatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  // Each kind of error Python's json module reports, at the start, middle and end of the text.
  private static final List<String> BAD =
      List.of(
          "abc",
          "",
          "   ",
          "\n\n  x",
          "{\"a\" 1}",
          "{a:1}",
          "[1,]",
          "[1 2]",
          "{\"a\":1,}",
          "\"abc",
          "\"a\\qb\"",
          "\"ab\\",
          "1 2",
          "{\"a\":1",
          "[",
          "\"\\u12\"",
          "\"\\u12zz\"",
          "tru",
          "-",
          "[1,2",
          "{\"a\":}",
          "\"a\tb\"",
          "01",
          "1.",
          "{\"a\":1 \"b\":2}",
          "{\"a\": [1, {\"b\": \"c\" \"d\"}]}",
          "[true, false, nul]",
          "{\n  \"a\": 1,\n  \"b\": x\n}");

  @Test
  void reportsExpectingValueAsPythonDoes() {
    assertThat(JsonErrorLocator.describe("abc"))
        .contains("Expecting value: line 1 column 1 (char 0)");
    assertThat(JsonErrorLocator.describe("[1, 2]")).isEmpty();
  }

  @Test
  void loadsFailsWithPythonMessage() {
    ExpressionException error = null;
    try {
      JsonModule.parse("{\"a\" 1}");
    } catch (ExpressionException e) {
      error = e;
    }

    assertThat(error).isNotNull();
    assertThat(error.getMessage()).contains("Expecting ':' delimiter: line 1 column 6 (char 5)");
  }

  @Test
  void agreesWithCPython() throws Exception {
    String python = ExternalTools.python("json");
    List<String> expected = cpythonMessages(python);

    List<String> actual = new ArrayList<>();
    for (String text : BAD) {
      actual.add(JsonErrorLocator.describe(text).orElse("accepted"));
    }

    for (int i = 0; i < BAD.size(); i++) {
      assertThat(actual.get(i))
          .as("json.loads(%s)", JSON.writeValueAsString(BAD.get(i)))
          .isEqualTo(expected.get(i));
    }
  }

  private static List<String> cpythonMessages(String python)
      throws IOException, InterruptedException {
    String script =
        "import json, sys\n"
            + "out = []\n"
            + "for text in json.load(sys.stdin):\n"
            + "    try:\n"
            + "        json.loads(text)\n"
            + "        out.append('accepted')\n"
            + "    except json.JSONDecodeError as e:\n"
            + "        out.append(str(e))\n"
            + "print(json.dumps(out))\n";
    Process process = new ProcessBuilder(python, "-c", script).start();
    process.getOutputStream().write(JSON.writeValueAsBytes(BAD));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return List.of(JSON.readValue(output, String[].class));
  }
}
