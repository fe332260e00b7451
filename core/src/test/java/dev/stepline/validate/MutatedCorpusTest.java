package dev.stepline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.stepline.diag.Diagnostic;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validates randomly damaged copies of the published Julep tasks (a fixed seed, so runs repeat) and
 * checks that every problem comes back as diagnostics with a position, never as an exception.
 */
class MutatedCorpusTest {

  private static final int MUTANTS_PER_FILE = 60;

  private static final List<String> FRAGMENTS =
      List.of(
          "\n",
          " ",
          "  ",
          "- ",
          ":",
          "{",
          "}",
          "[",
          "]",
          "$ ",
          "{{",
          "&a ",
          "*a",
          "'",
          "\"",
          "#",
          "---\n",
          "\t",
          "kind: ",
          "label: 1",
          "<<: *a",
          "!!int ",
          "? ");

  static Stream<Path> corpusFiles() throws IOException, URISyntaxException {
    Path directory = Path.of(MutatedCorpusTest.class.getResource("/corpus/julep").toURI());
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void damagedTaskGetsDiagnosticsNotExceptions(Path task) throws IOException {
    String text = Files.readString(task);
    Random random = new Random(task.getFileName().toString().hashCode());
    TaskValidator validator = new TaskValidator();

    for (int i = 0; i < MUTANTS_PER_FILE; i++) {
      String mutant = mutate(text, random);
      ValidationResult[] result = new ValidationResult[1];

      assertThatCode(() -> result[0] = validator.validate("mutant.yaml", mutant))
          .as("mutant %d of %s:%n%s", i, task.getFileName(), mutant)
          .doesNotThrowAnyException();
      assertThat(result[0].task() == null).isEqualTo(result[0].hasErrors());
      for (Diagnostic diagnostic : result[0].diagnostics()) {
        assertThat(diagnostic.position().line()).isPositive();
        assertThat(diagnostic.message()).isNotBlank();
      }
    }
  }

  /** Deletes a run of characters or inserts a YAML fragment, one to three times. */
  private static String mutate(String text, Random random) {
    StringBuilder mutant = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(mutant.length());
      if (random.nextBoolean()) {
        int end = Math.min(mutant.length(), at + 1 + random.nextInt(20));
        mutant.delete(at, end);
      } else {
        mutant.insert(at, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
      }
    }
    return mutant.toString();
  }
}
