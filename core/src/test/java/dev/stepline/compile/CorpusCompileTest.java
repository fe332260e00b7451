package dev.stepline.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every valid task of the Julep corpus, every bundled example, every golden case and a
 * task that nests every step kind, and checks all their state machines with asl-validator in one
 * process.
 */
class CorpusCompileTest {

  @Test
  void everyCompiledMachineIsValidAsl(@TempDir Path dir) throws Exception {
    Map<String, String> definitions = new LinkedHashMap<>(BundledMachines.compileAll());
    for (String name : goldenCases()) {
      GoldenTest.compile(GoldenTest.CASES.resolve(name))
          .forEach(
              (file, text) -> {
                if (file.endsWith(".asl.json")) {
                  definitions.put("golden " + name + " " + file, text);
                }
              });
    }
    Compilation kitchenSink = AslCompiler.compile(KitchenSink.task(), CompileOptions.DEFAULTS);
    assertThat(kitchenSink.hasErrors()).as("%s", kitchenSink.problems()).isFalse();
    for (StateMachine machine : kitchenSink.machines()) {
      definitions.put("kitchen sink " + machine.workflow(), machine.json());
    }

    assertThat(definitions).hasSizeGreaterThan(BundledMachines.corpusFiles().size() + 25);
    assertThat(AslValidator.invalid(definitions, dir)).isEmpty();
  }

  @Test
  void everyValidCorpusFileCompilesWithoutErrors() throws Exception {
    for (Path file : BundledMachines.corpusFiles()) {
      var loaded = dev.stepline.validate.TaskFiles.validate(file);
      Compilation compilation = AslCompiler.compile(loaded.task(), CompileOptions.DEFAULTS);
      assertThat(compilation.hasErrors()).as("%s: %s", file, compilation.problems()).isFalse();
    }
  }

  private static List<String> goldenCases() throws Exception {
    try (Stream<Path> dirs = Files.list(GoldenTest.CASES)) {
      return dirs.filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .filter(name -> !name.equals("return-in-loop"))
          .sorted()
          .toList();
    }
  }
}
