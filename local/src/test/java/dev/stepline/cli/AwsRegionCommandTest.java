package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's AWS setup: no region or no credentials is a one-line usage error, and the EC2 instance
 * metadata service is switched off before any SDK client is made.
 */
class AwsRegionCommandTest {

  @TempDir Path home;

  @Test
  void missingRegionIsOneLineError() throws Exception {
    CommandRun.Result result = runCli(List.of("secrets", "--backend", "aws", "list"));
    String err = result.err();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err)
        .startsWith("error: no AWS region is set; pass --region REGION or set AWS_REGION");
    assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void missingCredentialsIsOneLineError() throws Exception {
    CommandRun.Result result =
        runCli(List.of("secrets", "--backend", "aws", "--region", "us-east-1", "list"));
    String err = result.err();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err).startsWith("error: no AWS credentials found; set AWS_ACCESS_KEY_ID");
  }

  @Test
  void cliDisablesInstanceMetadata() {
    String before = System.getProperty(Main.EC2_METADATA_DISABLED_PROPERTY);
    try {
      System.clearProperty(Main.EC2_METADATA_DISABLED_PROPERTY);
      Main.disableInstanceMetadata();
      assertThat(System.getProperty(Main.EC2_METADATA_DISABLED_PROPERTY)).isEqualTo("true");

      System.setProperty(Main.EC2_METADATA_DISABLED_PROPERTY, "false");
      Main.disableInstanceMetadata();
      assertThat(System.getProperty(Main.EC2_METADATA_DISABLED_PROPERTY)).isEqualTo("false");
    } finally {
      if (before == null) {
        System.clearProperty(Main.EC2_METADATA_DISABLED_PROPERTY);
      } else {
        System.setProperty(Main.EC2_METADATA_DISABLED_PROPERTY, before);
      }
    }
  }

  /**
   * Runs {@code stepline ARGS} in a new JVM whose environment holds only a fresh HOME, so no AWS
   * variable or config file sets a region or credentials. AWS_EC2_METADATA_DISABLED stays set as a
   * guard, so that even a CLI without its own setting never calls the instance metadata address
   * from this test.
   */
  private CommandRun.Result runCli(List<String> args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.put("HOME", home.toString());
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    builder.directory(home.toFile());
    builder.redirectInput(new File("/dev/null"));
    builder.redirectError(home.resolve("stderr.txt").toFile());

    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(home.resolve("stderr.txt"));
    return new CommandRun.Result(process.exitValue(), out, err);
  }
}
