package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The hand-written cases under {@code src/test/resources/asl} (run on the engine and on
 * aws-local-stepfunctions) and {@code src/test/resources/asl-engine} (engine only, for features
 * aws-local-stepfunctions lacks, with an {@code expected.json}). Each case is a folder with {@code
 * definition.asl.json}, {@code input.json} and an optional {@code tasks.json} of {@link
 * TaskBehaviours}.
 */
final class AslCases {
  static final String ACCOUNT_PREFIX = "arn:aws:states:us-east-1:123456789012:";

  private AslCases() {}

  static Path folder(String name) {
    try {
      return Path.of(AslCases.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> cases(String folder) {
    try (Stream<Path> dirs = Files.list(folder(folder))) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String definition(Path dir) {
    return read(dir.resolve("definition.asl.json"));
  }

  static JsonNode json(Path file, JsonNode fallback) {
    if (!Files.exists(file)) {
      return fallback;
    }
    try {
      return Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a case on a fresh engine and returns {status, output} or {status, error, cause}. */
  static ObjectNode runOnEngine(Path dir) {
    String name = dir.getFileName().toString();
    String machineArn = ACCOUNT_PREFIX + "stateMachine:" + name;
    JsonNode input = json(dir.resolve("input.json"), JsonNodeFactory.instance.objectNode());
    JsonNode tasks = json(dir.resolve("tasks.json"), JsonNodeFactory.instance.objectNode());
    AtomicReference<AslEngine> self = new AtomicReference<>();
    try (AslEngine engine =
        AslEngine.builder()
            .fastWaits(true)
            .taskHandler(new TaskBehaviours(tasks, self::get))
            .build()) {
      self.set(engine);
      engine.registerStateMachine(machineArn, definition(dir), Map.of());
      for (Path child : children(dir)) {
        String childName =
            child.getFileName().toString().replace("child-", "").replace(".asl.json", "");
        engine.registerStateMachine(
            ACCOUNT_PREFIX + "stateMachine:" + childName, read(child), Map.of());
      }
      ExecutionResult result = engine.startExecution(machineArn, "run", input).await();
      return describe(result);
    }
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("child-")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode describe(ExecutionResult result) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("status", result.status().name());
    if (result.status() == ExecutionStatus.SUCCEEDED) {
      node.set("output", result.output());
    } else {
      node.put("error", result.error());
      node.put("cause", result.cause());
    }
    return node;
  }
}
