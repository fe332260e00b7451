package dev.stepline.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.secrets.SecretStore.SecretUpdate;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every integration example with {@code stepline run} in its own JVM, exactly as a user does,
 * against the loopback {@link ExampleServices}; checks each output against {@code expected.json}
 * and that no secret value reaches stdout, stderr (the progress lines) or the trace of the run.
 */
class ExamplesEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLES = BundledExamples.FOLDER;

  private static ExampleServices services;

  @TempDir static Path work;

  record Run(int exitCode, String out, String err, String trace) {
    String everything() {
      return out + "\n" + err + "\n" + trace;
    }
  }

  @BeforeAll
  static void startServices() throws Exception {
    services = BundledExamples.services();
  }

  @ParameterizedTest
  @MethodSource("dev.stepline.examples.BundledExamples#withServices")
  void examplePrintsExpectedOutputAndNoSecret(String name) throws Exception {
    Path example = EXAMPLES.resolve(name);
    Path secrets = filledSecrets(example, work.resolve(name));

    Run run = run(example.resolve("task.yaml"), "@" + example.resolve("input.json"), secrets);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(JSON.readTree(run.out()))
        .isEqualTo(JSON.readTree(example.resolve("expected.json").toFile()));
    assertNoSecretIn(run, BundledExamples.secretValues(JSON.readTree(secrets.toFile())));
  }

  @Test
  void oauthTokenNeverShows() throws Exception {
    Path example = EXAMPLES.resolve("oauth");
    Run run =
        run(
            example.resolve("task.yaml"),
            "{}",
            filledSecrets(example, work.resolve("oauth-token")));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.everything()).doesNotContain(ExampleServices.ACCESS_TOKEN);
  }

  @Test
  void emailArrivesOverTls() throws Exception {
    Path example = EXAMPLES.resolve("email");
    services.mail().purgeEmailFromAllMailboxes();

    Run run =
        run(example.resolve("task.yaml"), "{}", filledSecrets(example, work.resolve("email-tls")));

    assertThat(run.exitCode()).as(run.err()).isZero();
    MimeMessage[] received = services.mail().getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("Important update");
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("recipient@example.com");
  }

  @Test
  void otherTenantsKeyIsNeverSent() throws Exception {
    Path example = EXAMPLES.resolve("multi-tenant");
    services.credentialsSeen().clear();

    Run run =
        run(
            example.resolve("task.yaml"),
            "{\"tenant_id\": \"123\"}",
            filledSecrets(example, work.resolve("tenant")));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(services.credentialsSeen()).containsExactly("tk-123-aa01");
    assertThat(run.everything()).doesNotContain("tk-456-bb02");
  }

  @Test
  void serviceDiscoveryFollowsTheSecret() throws Exception {
    Path example = EXAMPLES.resolve("service-discovery");
    Path secrets = filledSecrets(example, work.resolve("discovery-a"));
    new LocalSecretStore(secrets, Map.of())
        .update("preferred_service", new SecretUpdate("service_a", null, null, null));

    Run run = run(example.resolve("task.yaml"), "{\"order\": 7}", secrets);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(JSON.readTree(run.out()))
        .isEqualTo(JSON.readTree("{\"handled_by\": \"A\", \"echo\": {\"input\": {\"order\": 7}}}"));
  }

  /**
   * Rotates {@code stripe_api_key} the way the guide does: a new key under a temporary name, tested
   * by a run, then the old secret deleted and the new one renamed. Runs before, during and after
   * the rotation all succeed.
   */
  @Test
  void rotationKeepsRunsWorking() throws Exception {
    Path example = EXAMPLES.resolve("rotation");
    Path task = example.resolve("task.yaml");
    Path secrets = filledSecrets(example, work.resolve("rotation-steps"));
    LocalSecretStore store = new LocalSecretStore(secrets, Map.of());
    String expected = Files.readString(example.resolve("expected.json"));
    String temporary = "stripe_key_rotation_1a2b3c4d";

    store.create(temporary, ExampleServices.STRIPE_NEW_KEY, "New Stripe API key (rotation)", null);
    services.credentialsSeen().clear();
    assertOutput(run(task, "{\"key_name\": \"" + temporary + "\"}", secrets), expected);
    assertOutput(run(task, "{\"key_name\": \"stripe_api_key\"}", secrets), expected);
    assertThat(services.credentialsSeen())
        .containsExactlyInAnyOrder(ExampleServices.STRIPE_NEW_KEY, ExampleServices.STRIPE_OLD_KEY);

    store.delete("stripe_api_key");
    store.update(temporary, new SecretUpdate(null, "Stripe API key", null, "stripe_api_key"));
    services.credentialsSeen().clear();
    assertOutput(run(task, "{\"key_name\": \"stripe_api_key\"}", secrets), expected);
    assertThat(services.credentialsSeen()).containsExactly(ExampleServices.STRIPE_NEW_KEY);
  }

  private static void assertOutput(Run run, String expected) throws IOException {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(JSON.readTree(run.out())).isEqualTo(JSON.readTree(expected));
  }

  private static void assertNoSecretIn(Run run, List<String> values) {
    for (String value : values) {
      assertThat(run.out()).as("stdout").doesNotContain(value);
      assertThat(run.err()).as("stderr").doesNotContain(value);
      assertThat(run.trace()).as("trace").doesNotContain(value);
    }
  }

  private static Path filledSecrets(Path example, Path directory) throws IOException {
    Files.createDirectories(directory);
    Path filled = directory.resolve("secrets.json");
    Files.writeString(
        filled, BundledExamples.filledSecrets(services, example.getFileName().toString()));
    return filled;
  }

  /** Runs {@code stepline run} in a new JVM with the test class path, as the script does. */
  private static Run run(Path task, String input, Path secrets) throws Exception {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Path trace = Files.createTempFile(work, "trace", ".json");
    Map<String, String> settings = services.placeholders();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djavax.net.ssl.trustStore=" + settings.get("TRUST_STORE"),
                "-Djavax.net.ssl.trustStorePassword=" + settings.get("TRUST_STORE_PASSWORD"),
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.stepline.cli.Main",
                "run",
                task.toString(),
                "--input",
                input,
                "--secrets",
                secrets.toString(),
                "--trace",
                trace.toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().put("STEPLINE_MODEL_BASE_URL", settings.get("MODEL_BASE_URL"));
    builder.environment().keySet().removeIf(key -> key.startsWith("STEPLINE_SECRET_"));
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("stepline run of " + task + " did not end in 120 s");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        Files.readString(trace, StandardCharsets.UTF_8));
  }
}
