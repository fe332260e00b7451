package dev.stepline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.diag.Diagnostic;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code stepline validate}'s checks on every task file of {@code bad-input/} (one kind of
 * mistake per file) and {@code corpus/julep/} (published Julep tasks), and compares the diagnostics
 * with the {@code .expected} file beside each: one {@code FILE:LINE:COL: severity: MESSAGE} line
 * per diagnostic, so the exact message, line and column are pinned.
 */
class GoldenDiagnosticsTest {

  /** The one corpus file that is invalid on purpose. */
  private static final String MALFORMED_CORPUS_FILE = "basics04-parallel-steps-malformed.yaml";

  static Stream<Path> badInputs() throws IOException, URISyntaxException {
    return taskFiles("/bad-input");
  }

  static Stream<Path> corpusFiles() throws IOException, URISyntaxException {
    return taskFiles("/corpus/julep");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputGetsExpectedDiagnostics(Path task) throws IOException {
    List<String> actual = diagnostics(task);

    assertThat(actual).as("every bad input has at least one diagnostic").isNotEmpty();
    assertThat(actual).containsExactlyElementsOf(expected(task));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void corpusFileGetsExpectedDiagnostics(Path task) throws IOException {
    ValidationResult result = validate(task);
    List<String> actual = format(result);

    assertThat(actual).containsExactlyElementsOf(expected(task));
    assertThat(result.hasErrors())
        .as("only %s is invalid", MALFORMED_CORPUS_FILE)
        .isEqualTo(task.getFileName().toString().equals(MALFORMED_CORPUS_FILE));
  }

  private static Stream<Path> taskFiles(String resource) throws IOException, URISyntaxException {
    Path directory = Path.of(GoldenDiagnosticsTest.class.getResource(resource).toURI());
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> tasks =
          files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
      return tasks.stream();
    }
  }

  private static ValidationResult validate(Path task) throws IOException {
    return new TaskValidator().validate(task.getFileName().toString(), Files.readAllBytes(task));
  }

  private static List<String> diagnostics(Path task) throws IOException {
    return format(validate(task));
  }

  private static List<String> format(ValidationResult result) {
    return result.diagnostics().stream().map(Diagnostic::format).toList();
  }

  private static List<String> expected(Path task) throws IOException {
    Path golden = task.resolveSibling(task.getFileName().toString().replace(".yaml", ".expected"));
    return Files.readAllLines(golden).stream().filter(line -> !line.isBlank()).toList();
  }
}
