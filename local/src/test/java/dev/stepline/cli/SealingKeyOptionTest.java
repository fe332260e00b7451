package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealingKeyOptionTest {
  @TempDir Path dir;

  @Test
  void runCreatesOwnerOnlyKeyFile() throws Exception {
    Path task =
        Files.writeString(
            dir.resolve("task.yaml"), "name: t\nmain:\n  - evaluate: {n: $ len('abc')}\n");
    Path key = dir.resolve("keys/sealing.key");

    CommandRun.Result result =
        CommandRun.execute("run", task.toString(), "--sealing-key", key.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output().path("n").asInt()).isEqualTo(3);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void invalidKeyFileFailsRun() throws Exception {
    Path task =
        Files.writeString(dir.resolve("task.yaml"), "name: t\nmain:\n  - evaluate: {n: 1}\n");
    Path key = Files.writeString(dir.resolve("bad.key"), "not base64!\n");

    CommandRun.Result result =
        CommandRun.execute("run", task.toString(), "--sealing-key", key.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("invalid sealing key file " + key + ": expected one line of base64");
  }
}
