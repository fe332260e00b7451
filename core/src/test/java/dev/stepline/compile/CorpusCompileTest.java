package dev.stepline.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.diag.Diagnostic;
import dev.stepline.validate.TaskFiles;
import dev.stepline.validate.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every valid task of the Julep corpus, the golden cases and the bundled examples, and
 * checks all their state machines with asl-validator in one run.
 */
class CorpusCompileTest {
  private static final Path CORPUS = Path.of("src/test/resources/corpus/julep");

  /** Files of the corpus that are invalid on purpose. */
  private static final List<String> INVALID = List.of("basics04-parallel-steps-malformed.yaml");

  @Test
  void everyValidCorpusTaskCompilesToValidAsl(@TempDir Path dir) throws Exception {
    Map<String, String> definitions = new LinkedHashMap<>();
    for (Path file : corpusFiles()) {
      ValidationResult loaded = TaskFiles.validate(file);
      assertThat(loaded.hasErrors()).as("%s: %s", file, loaded.diagnostics()).isFalse();

      Compilation compilation = AslCompiler.compile(loaded.task(), CompileOptions.DEFAULTS);
      assertThat(compilation.problems()).as("%s", file).filteredOn(Diagnostic::isError).isEmpty();
      for (StateMachine machine : compilation.machines()) {
        definitions.put(file.getFileName() + " " + machine.workflow(), machine.json());
      }
    }

    assertThat(definitions).hasSizeGreaterThanOrEqualTo(corpusFiles().size());
    assertThat(AslValidator.invalid(definitions, dir)).isEmpty();
  }

  private static List<Path> corpusFiles() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files
          .filter(file -> file.toString().endsWith(".yaml"))
          .filter(file -> !INVALID.contains(file.getFileName().toString()))
          .sorted()
          .toList();
    }
  }
}
