package dev.stepline.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The templates of the conformance test: hand-written ones per feature from {@code cases/*.txt},
 * plus generated ones that apply every common filter, test and operator to a set of values.
 *
 * <p>Case files hold one template per line. {@code @context {json}} sets the context of the lines
 * that follow, {@code #} starts a comment line, and {@code \n} inside a template is a newline.
 */
final class TemplateCorpus {
  static final List<String> FILES =
      List.of(
          "output",
          "undefined",
          "operators",
          "control",
          "macros",
          "whitespace",
          "filters",
          "tests",
          "methods",
          "errors",
          "julep");

  private static final ObjectMapper JSON = new ObjectMapper();

  private TemplateCorpus() {}

  static List<TemplateCase> all() throws IOException {
    List<TemplateCase> cases = new ArrayList<>();
    for (String file : FILES) {
      cases.addAll(load(file));
    }
    cases.addAll(generated());
    return cases;
  }

  static List<TemplateCase> load(String file) throws IOException {
    String text;
    try (InputStream in = TemplateCorpus.class.getResourceAsStream("cases/" + file + ".txt")) {
      if (in == null) {
        throw new IOException("case file not found: cases/" + file + ".txt");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<TemplateCase> cases = new ArrayList<>();
    Map<String, Object> context = Map.of();
    int lineNumber = 0;
    for (String line : text.split("\n")) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@context ")) {
        context = json(line.substring("@context ".length()));
        continue;
      }
      cases.add(new TemplateCase(file + ".txt:" + lineNumber, line.replace("\\n", "\n"), context));
    }
    return cases;
  }

  /** Returns filters, tests and operators applied to values of every JSON type. */
  static List<TemplateCase> generated() throws IOException {
    Map<String, Object> context =
        json(
            "{\"i\": 7, \"n\": -3, \"z\": 0, \"f\": 2.5, \"g\": -0.125, \"s\": \"Hello World\","
                + " \"e\": \"\", \"t\": true, \"o\": null, \"l\": [3, 1, 2], \"w\": [\"b\", \"A\","
                + " \"c\"], \"d\": {\"b\": 2, \"a\": 1}, \"big\": 12345678901234567890}");
    List<String> values =
        List.of("i", "n", "z", "f", "g", "s", "e", "t", "o", "l", "w", "d", "big", "missing");
    List<String> unary =
        List.of(
            "{{ %s }}",
            "{{ %s | string }}",
            "{{ %s | tojson }}",
            "{{ %s is number }}",
            "{{ %s is string }}",
            "{{ %s is defined }}",
            "{{ %s is none }}",
            "{{ %s is mapping }}",
            "{{ %s is sequence }}",
            "{{ %s | default('D') }}",
            "{{ %s | default('D', true) }}",
            "{{ %s | int }}",
            "{{ %s | float }}",
            "{{ %s | list }}",
            "{{ %s | length }}",
            "{{ %s | first }}",
            "{{ %s | last }}",
            "{{ %s | upper }}",
            "{{ %s | title }}",
            "{{ %s | sort }}",
            "{{ %s | join('-') }}",
            "{{ %s | round }}",
            "{{ %s | abs }}",
            "{{ 'yes' if %s else 'no' }}",
            "{{ not %s }}",
            "{{ %s ~ '!' }}",
            "{{ [%s] }}",
            "{{ %s == 7 }}",
            "{{ %s | pprint }}",
            "{% for x in %s %}[{{ x }}]{% else %}empty{% endfor %}");
    List<TemplateCase> cases = new ArrayList<>();
    for (String pattern : unary) {
      for (String value : values) {
        String template = pattern.replace("%s", value);
        cases.add(new TemplateCase("generated", template, context));
      }
    }
    List<String> numbers = List.of("7", "-7", "2", "-2", "2.5", "0", "0.5");
    List<String> operators = List.of("+", "-", "*", "/", "//", "%", "**", "<", "==", "~");
    for (String operator : operators) {
      for (String a : numbers) {
        for (String b : List.of("2", "-3", "0.5", "0")) {
          cases.add(
              new TemplateCase(
                  "generated", "{{ " + a + " " + operator + " " + b + " }}", Map.of()));
        }
      }
    }
    return cases;
  }

  static Map<String, Object> json(String text) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = JSON.readValue(text, LinkedHashMap.class);
    return normalize(map);
  }

  /** Converts Jackson's numbers to the value model of templates: Long, BigInteger, Double. */
  @SuppressWarnings("unchecked")
  static <T> T normalize(T value) {
    if (value instanceof Integer) {
      return (T) (Long) ((Integer) value).longValue();
    }
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) value).forEach((k, v) -> copy.put(k, normalize(v)));
      return (T) copy;
    }
    if (value instanceof List) {
      List<Object> copy = new ArrayList<>();
      for (Object item : (List<Object>) value) {
        copy.add(normalize(item));
      }
      return (T) copy;
    }
    return value;
  }
}
