package dev.stepline.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.testing.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Helpers that the end-to-end tests of the bundled examples share: the example folders, the
 * loopback {@link ExampleServices} they call, and their secrets with the services' ports filled in.
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

  /** Lists the folders under {@code examples/} that hold a {@code task.yaml}, sorted by name. */
  static List<String> names() {
    try (Stream<Path> folders = Files.list(FOLDER)) {
      return folders
          .filter(folder -> Files.isRegularFile(folder.resolve("task.yaml")))
          .map(folder -> folder.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to list " + FOLDER, e);
    }
  }

  /** Lists the examples that call services, which are those with a {@code secrets.json}. */
  static Stream<String> withServices() {
    return names().stream()
        .filter(name -> Files.isRegularFile(FOLDER.resolve(name).resolve("secrets.json")));
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
