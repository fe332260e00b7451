package dev.stepline.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks that {@code statemachines/} holds exactly the current compiled definitions of the bundled
 * tasks. Run with {@code -Dstepline.regenerateGoldens=true} to rewrite the folder.
 */
class StatemachinesTest {

  @Test
  void statemachinesFolderIsUpToDate() throws IOException {
    Path dir = BundledMachines.directory();
    Map<String, String> compiled = BundledMachines.compileAll();
    if (Boolean.getBoolean("stepline.regenerateGoldens")) {
      regenerate(dir, compiled);
    }

    assertThat(filesIn(dir))
        .as("files in statemachines/ (regenerate with -Dstepline.regenerateGoldens=true)")
        .isEqualTo(compiled.keySet());
    for (Map.Entry<String, String> definition : compiled.entrySet()) {
      String written = Files.readString(dir.resolve(definition.getKey()), StandardCharsets.UTF_8);
      assertThat(written)
          .as(
              "statemachines/%s is stale; regenerate with -Dstepline.regenerateGoldens=true",
              definition.getKey())
          .isEqualTo(definition.getValue());
    }
  }

  private static void regenerate(Path dir, Map<String, String> compiled) throws IOException {
    Files.createDirectories(dir);
    for (String stale : filesIn(dir)) {
      Files.delete(dir.resolve(stale));
    }
    for (Map.Entry<String, String> definition : compiled.entrySet()) {
      Files.writeString(
          dir.resolve(definition.getKey()), definition.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static Set<String> filesIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      Set<String> names = new TreeSet<>();
      files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".asl.json"))
          .forEach(names::add);
      return names;
    }
  }
}
