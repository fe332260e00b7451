package dev.stepline.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the end-to-end tests of the bundled examples share: which examples call the loopback {@link
 * ExampleServices}, their secrets with the services' placeholders filled in, and the secret values
 * that must never show in what a run leaves behind.
 */
final class BundledExamples {
  static final Path FOLDER = ExternalTools.repoRoot().resolve("examples");

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ExampleServices services;

  private BundledExamples() {}

  /**
   * Returns the example services, started by the first caller and stopped when the JVM exits. Test
   * classes share them because GreenMail reads its TLS key store once per JVM, so a second instance
   * would present the first one's certificate.
   */
  static synchronized ExampleServices services() throws Exception {
    if (services == null) {
      ExampleServices started =
          ExampleServices.start(Files.createTempDirectory("stepline-examples-pg"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started)));
      services = started;
    }
    return services;
  }

  private static void stop(ExampleServices started) {
    try {
      started.close();
    } catch (Exception e) {
      System.err.println("stopping the example services failed: " + e.getMessage());
    }
  }

  /**
   * Lists the folders under {@code examples/} that call services and have a {@code secrets.json}.
   */
  static Stream<String> withServices() {
    return Stream.of(
        "api-key",
        "oauth",
        "basic-auth",
        "database",
        "email",
        "hybrid-url",
        "multi-tenant",
        "service-discovery",
        "error-handling",
        "rotation");
  }

  /** Returns the example's {@code secrets.json} with the services' ports filled in. */
  static String filledSecrets(ExampleServices services, String example) throws IOException {
    return services.fill(Files.readString(FOLDER.resolve(example).resolve("secrets.json")));
  }

  /** Returns every string value of a secrets file, nested ones (descriptions) included. */
  static List<String> secretValues(JsonNode secrets) {
    List<String> values = new ArrayList<>();
    collect(secrets, values);
    return values;
  }

  /** Reads a JSON file of the example, such as {@code input.json} or {@code expected.json}. */
  static JsonNode json(String example, String file) throws IOException {
    return JSON.readTree(FOLDER.resolve(example).resolve(file).toFile());
  }

  private static void collect(JsonNode node, List<String> values) {
    if (node.isTextual()) {
      values.add(node.asText());
    }
    node.elements().forEachRemaining(child -> collect(child, values));
  }
}
