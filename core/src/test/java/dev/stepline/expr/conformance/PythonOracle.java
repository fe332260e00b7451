package dev.stepline.expr.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code oracle.py} once over many expressions: CPython and simpleeval answer each one. */
final class PythonOracle {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PythonOracle() {}

  /** Returns the oracle's answer for each case, keyed by the case's index. */
  static Map<Integer, JsonNode> run(String python, List<ConformanceCase> cases)
      throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory("stepline-oracle");
    Path script = directory.resolve("oracle.py");
    try (InputStream source = PythonOracle.class.getResourceAsStream("/expr/oracle.py")) {
      Files.copy(source, script);
    }
    Path input = directory.resolve("input.jsonl");
    Path output = directory.resolve("output.jsonl");
    try (Writer writer = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
      for (int i = 0; i < cases.size(); i++) {
        ObjectNode request = MAPPER.createObjectNode();
        request.put("id", i);
        request.put("expr", cases.get(i).expression());
        request.set("context", cases.get(i).context());
        writer.write(MAPPER.writeValueAsString(request));
        writer.write('\n');
      }
    }
    Process process =
        new ProcessBuilder(python, script.toString())
            .redirectInput(input.toFile())
            .redirectOutput(output.toFile())
            .redirectError(directory.resolve("errors.txt").toFile())
            .start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("oracle.py did not finish in 15 minutes");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "oracle.py failed: " + Files.readString(directory.resolve("errors.txt")));
    }
    Map<Integer, JsonNode> answers = new HashMap<>();
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      JsonNode answer = MAPPER.readTree(line);
      answers.put(answer.get("id").asInt(), answer);
    }
    return answers;
  }
}
