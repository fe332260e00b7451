package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.api.BundledTasks;
import dev.stepline.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The task files the build packs for the API match the machines template.yaml deploys. */
class BundledTasksTest {

  @Test
  void packedTasksAreTheMainMachines() throws IOException {
    BundledTasks bundled = BundledTasks.fromClasspath();
    var machines = SamTemplate.read(ExternalTools.repoRoot().resolve("statemachines"));

    assertThat(bundled.names())
        .containsExactlyInAnyOrderElementsOf(
            machines.stream()
                .filter(SamTemplate.Machine::isMain)
                .map(SamTemplate.Machine::task)
                .toList());
  }

  @Test
  void templateNamesEachMachinePredictably() throws IOException {
    String template = Files.readString(ExternalTools.repoRoot().resolve("template.yaml"));

    for (String name : BundledTasks.fromClasspath().names()) {
      assertThat(template)
          .contains("Name: !Sub \"${NamePrefix}-" + BundledTasks.machineNameSuffix(name) + "\"");
    }
  }

  @Test
  void longStemIsCutWithHash() {
    String stem = "a".repeat(70);

    String suffix = BundledTasks.machineNameSuffix(stem);

    assertThat(suffix).matches("a{50}-[0-9a-f]{8}");
  }
}
