package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stepline.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code sam validate --lint} and {@code sam build} on {@code template.yaml}, the build steps
 * of docs/deploy.md. Skipped, with the reason, when the {@code sam} command (aws-sam-cli) is not on
 * the PATH; {@code sam build} is also skipped until the deployment jar is built, because it only
 * unpacks that jar (see {@code functions/Makefile}).
 */
class SamCliTest {
  private static final Path ROOT = ExternalTools.repoRoot();
  private static final Path JAR = ROOT.resolve("functions/target/stepline-functions-lambda.jar");

  @TempDir Path work;

  @BeforeEach
  void requireSam() {
    assumeTrue(
        ExternalTools.onPath("sam"),
        "sam is not on the PATH; install aws-sam-cli (pip install aws-sam-cli) to run this test");
  }

  @Test
  void validateLintAcceptsTemplate() throws Exception {
    assertSucceeds(List.of("sam", "validate", "--lint", "--template-file", "template.yaml"));
  }

  @Test
  void buildUnpacksJarPerFunction() throws Exception {
    assumeTrue(
        Files.isRegularFile(JAR),
        JAR + " is missing; run ./mvnw -B -pl functions -am package -DskipTests first");
    Path build = work.resolve("build");

    assertSucceeds(
        List.of(
            "sam", "build", "--template-file", "template.yaml", "--build-dir", build.toString()));

    for (String function : SamTemplate.FUNCTIONS.values()) {
      assertThat(build.resolve(function).resolve("dev/stepline/lambda/StepHandler.class"))
          .as("handler classes of %s", function)
          .isRegularFile();
    }
    assertThat(build.resolve("template.yaml")).isRegularFile();
  }

  private void assertSucceeds(List<String> command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    // No telemetry, and a region so that no AWS configuration is read; neither command calls AWS.
    builder
        .environment()
        .putAll(Map.of("SAM_CLI_TELEMETRY", "0", "AWS_DEFAULT_REGION", "us-east-1"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("%s finished", command).isTrue();

    assertThat(process.exitValue()).as("%s output:%n%s", command, output).isZero();
  }
}
