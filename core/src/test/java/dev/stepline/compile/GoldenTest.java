package dev.stepline.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.diag.Diagnostic;
import dev.stepline.validate.TaskValidator;
import dev.stepline.validate.ValidationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles each {@code compile/<case>/task.yaml} and compares the output with the files beside it:
 * {@code expected.asl.json} for the main state machine, {@code expected.<workflow>.asl.json} for
 * each recursive subworkflow, and {@code expected.txt} with the workflow type, the diagnostics and
 * the {@code --stats} table.
 *
 * <p>Run with {@code -Dstepline.regenerateGoldens=true} to rewrite the expected files after an
 * intended change, then review the diff.
 */
class GoldenTest {
  static final Path CASES = Path.of("src/test/resources/compile");

  private static final boolean REGENERATE = Boolean.getBoolean("stepline.regenerateGoldens");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs
          .filter(Files::isDirectory)
          .map(dir -> dir.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compiledOutputMatchesGolden(String name) throws IOException {
    Path dir = CASES.resolve(name);
    Map<String, String> actual = compile(dir);

    if (REGENERATE) {
      regenerate(dir, actual);
    }
    assertThat(expectedFiles(dir)).as("expected files of %s", name).isEqualTo(actual.keySet());
    for (Map.Entry<String, String> file : actual.entrySet()) {
      String expected = Files.readString(dir.resolve(file.getKey()), StandardCharsets.UTF_8);
      assertThat(file.getValue()).as("%s/%s", name, file.getKey()).isEqualTo(expected);
    }
  }

  /** Returns the compiled files of a case, by file name. */
  static Map<String, String> compile(Path dir) throws IOException {
    byte[] yaml = Files.readAllBytes(dir.resolve("task.yaml"));
    ValidationResult loaded = new TaskValidator().validate("task.yaml", yaml);
    assertThat(loaded.hasErrors()).as("%s: %s", dir, loaded.diagnostics()).isFalse();
    Compilation compilation = AslCompiler.compile(loaded.task(), CompileOptions.DEFAULTS);

    Map<String, String> files = new TreeMap<>();
    for (StateMachine machine : compilation.machines()) {
      String fileName =
          machine.isMain() ? "expected.asl.json" : "expected." + machine.workflow() + ".asl.json";
      files.put(fileName, machine.json());
    }
    files.put("expected.txt", summary(compilation));
    return files;
  }

  private static String summary(Compilation compilation) {
    StringBuilder text = new StringBuilder();
    text.append("type: ")
        .append(compilation.type())
        .append(" (")
        .append(compilation.typeReason())
        .append(")\n\n");
    for (Diagnostic diagnostic : compilation.problems()) {
      text.append(diagnostic.format()).append('\n');
    }
    if (!compilation.problems().isEmpty()) {
      text.append('\n');
    }
    return text.append(compilation.stats().format()).toString();
  }

  private static void regenerate(Path dir, Map<String, String> actual) throws IOException {
    for (String stale : expectedFiles(dir)) {
      Files.delete(dir.resolve(stale));
    }
    for (Map.Entry<String, String> file : actual.entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static java.util.Set<String> expectedFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names =
          files
              .map(file -> file.getFileName().toString())
              .filter(fileName -> fileName.startsWith("expected."))
              .toList();
      return new java.util.TreeSet<>(names);
    }
  }
}
