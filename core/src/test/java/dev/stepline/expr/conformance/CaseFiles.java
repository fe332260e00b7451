package dev.stepline.expr.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the hand-written cases under {@code expr/cases}: one expression per line, {@code #}
 * comments, and {@code @context {...}} lines that set the names for the lines after them (otherwise
 * {@code expr/context.json} applies).
 */
final class CaseFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CaseFiles() {}

  static JsonNode defaultContext() throws IOException {
    return MAPPER.readTree(CaseFiles.class.getResource("/expr/context.json"));
  }

  static List<ConformanceCase> load() throws IOException, URISyntaxException {
    Path directory = Path.of(CaseFiles.class.getResource("/expr/cases").toURI());
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(file -> file.toString().endsWith(".txt")).sorted().toList();
    }
    JsonNode defaults = defaultContext();
    List<ConformanceCase> cases = new ArrayList<>();
    for (Path file : files) {
      JsonNode context = defaults;
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (line.equals("@context default")) {
          context = defaults;
          continue;
        }
        if (line.startsWith("@context ")) {
          context = MAPPER.readTree(line.substring("@context ".length()));
          continue;
        }
        cases.add(new ConformanceCase(file.getFileName() + ":" + (i + 1), line, context));
      }
    }
    return cases;
  }
}
