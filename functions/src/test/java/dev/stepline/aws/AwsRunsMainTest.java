package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code AwsRuns} command line without an AWS region. */
class AwsRunsMainTest {

  @TempDir Path home;

  /**
   * Runs {@code AwsRuns status ID} in a new JVM whose environment holds only a fresh HOME and the
   * table name. AWS_EC2_METADATA_DISABLED stays set as a guard, so that even code without the fix
   * never calls the instance metadata address from this test.
   */
  @Test
  void missingRegionIsOneLineError() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                AwsRuns.class.getName(),
                "status",
                "exec-1"));
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.put("HOME", home.toString());
    environment.put("STEPLINE_TABLE_NAME", "runs");
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    builder.redirectInput(new File("/dev/null"));
    builder.redirectError(home.resolve("stderr.txt").toFile());

    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(home.resolve("stderr.txt"));

    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(out).isEmpty();
    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err).startsWith("error: no AWS region is set; set the AWS_REGION variable");
  }
}
