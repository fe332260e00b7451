package dev.stepline.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.runtime.seal.AesGcmSealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealingKeysTest {
  @TempDir Path dir;

  @Test
  void optionCreatesKeyFile() {
    Path file = dir.resolve("sealing.key");

    AesGcmSealer sealer = SealingKeys.choose(file, Map.of());

    assertThat(file).exists();
    assertThat(AesGcmSealer.fromKeyFile(file).keyId()).isEqualTo(sealer.keyId());
  }

  @Test
  void optionWinsOverVariable() {
    Path option = dir.resolve("option.key");
    Path variable = dir.resolve("variable.key");

    SealingKeys.choose(option, Map.of(SealingKeys.KEY_FILE_VARIABLE, variable.toString()));

    assertThat(option).exists();
    assertThat(variable).doesNotExist();
  }

  @Test
  void variableNamesKeyFile() {
    Path variable = dir.resolve("variable.key");

    AesGcmSealer sealer =
        SealingKeys.choose(null, Map.of(SealingKeys.KEY_FILE_VARIABLE, variable.toString()));

    assertThat(AesGcmSealer.fromKeyFile(variable).keyId()).isEqualTo(sealer.keyId());
  }

  @Test
  void withoutKeyFileEachProcessGetsRandomKey() throws Exception {
    AesGcmSealer first = SealingKeys.choose(null, Map.of());
    AesGcmSealer second = SealingKeys.choose(null, Map.of());

    assertThat(first.keyId()).isNotEqualTo(second.keyId());
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
