package dev.stepline.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.testing.ExternalTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders templates with Jinja2 in one python3 process ({@code jinja2_oracle.py}). */
final class Jinja2Oracle {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Jinja2Oracle() {}

  /** Returns one result per case: {@code {"output": ...}} or {@code {"error": {...}}}. */
  static List<Map<String, Object>> renderAll(List<TemplateCase> cases)
      throws IOException, InterruptedException {
    String python = ExternalTools.python("jinja2");
    Path script = Files.createTempFile("jinja2_oracle", ".py");
    try (InputStream in = Jinja2Oracle.class.getResourceAsStream("jinja2_oracle.py")) {
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Process process = new ProcessBuilder(python, script.toString()).start();
    Thread writer = new Thread(() -> writeRequests(process, cases));
    writer.start();
    List<Map<String, Object>> results = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = JSON.readValue(line, Map.class);
        results.add(result);
      }
    }
    writer.join();
    process.waitFor();
    Files.deleteIfExists(script);
    if (results.size() != cases.size()) {
      String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      throw new IllegalStateException(
          "Jinja2 returned "
              + results.size()
              + " results for "
              + cases.size()
              + " cases: "
              + error);
    }
    return results;
  }

  private static void writeRequests(Process process, List<TemplateCase> cases) {
    try (Writer out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
      for (TemplateCase c : cases) {
        out.write(
            JSON.writeValueAsString(Map.of("template", c.template(), "context", c.context())));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new IllegalStateException("Failed to send templates to Jinja2", e);
    }
  }
}
