package dev.stepline.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.ExternalTools;
import dev.stepline.validate.TaskFiles;
import dev.stepline.validate.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The task files whose compiled state machines {@code statemachines/} holds: the bundled examples
 * ({@code examples/NAME/task.yaml}) and the valid tasks of the Julep corpus.
 */
final class BundledMachines {
  static final Path CORPUS = Path.of("src/test/resources/corpus/julep");

  /** Files of the corpus that are invalid on purpose. */
  static final List<String> INVALID_CORPUS_FILES =
      List.of("basics04-parallel-steps-malformed.yaml");

  private BundledMachines() {}

  static Path directory() {
    return ExternalTools.repoRoot().resolve("statemachines");
  }

  static List<Path> sources() throws IOException {
    List<Path> sources = new ArrayList<>(corpusFiles());
    Path examples = ExternalTools.repoRoot().resolve("examples");
    if (Files.isDirectory(examples)) {
      try (Stream<Path> files = Files.walk(examples, 2)) {
        files
            .filter(file -> file.getFileName().toString().equals("task.yaml"))
            .sorted()
            .forEach(sources::add);
      }
    }
    return sources;
  }

  static List<Path> corpusFiles() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files
          .filter(file -> file.toString().endsWith(".yaml"))
          .filter(file -> !INVALID_CORPUS_FILES.contains(file.getFileName().toString()))
          .sorted()
          .toList();
    }
  }

  /** Compiles every source and returns the definitions by file name in {@code statemachines/}. */
  static Map<String, String> compileAll() throws IOException {
    Map<String, String> definitions = new TreeMap<>();
    for (Path source : sources()) {
      ValidationResult loaded = TaskFiles.validate(source);
      assertThat(loaded.hasErrors()).as("%s: %s", source, loaded.diagnostics()).isFalse();
      Compilation compilation = AslCompiler.compile(loaded.task(), CompileOptions.DEFAULTS);
      assertThat(compilation.hasErrors()).as("%s: %s", source, compilation.problems()).isFalse();
      for (StateMachine machine : compilation.machines()) {
        String name = CompiledFiles.fileName(CompiledFiles.taskName(source), machine);
        assertThat(definitions.put(name, machine.json()))
            .as("two sources compile to %s", name)
            .isNull();
      }
    }
    return definitions;
  }
}
