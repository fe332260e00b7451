package dev.stepline.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.stepline.diag.Diagnostics;
import dev.stepline.testing.ExternalTools;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Keeps {@code schemas/task.schema.json}, the schema editors use to complete and check task files,
 * in step with what the loader accepts.
 */
class TaskSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MALFORMED_CORPUS_FILE = "basics04-parallel-steps-malformed.yaml";

  private static JsonNode schema() throws IOException {
    return JSON.readTree(ExternalTools.repoRoot().resolve("schemas/task.schema.json").toFile());
  }

  @Test
  void everyStepKindHasItsKeys() throws IOException {
    JsonNode definitions = schema().get("definitions");
    JsonNode stepKinds = definitions.at("/step/anyOf");

    assertThat(stepKinds).hasSize(StepKind.values().length);
    for (StepKind kind : StepKind.values()) {
      JsonNode definition = definitionWithKindNames(definitions, kind.kindNames());
      assertThat(fieldNames(definition.get("properties")))
          .as("keys of %s", kind)
          .containsExactlyInAnyOrderElementsOf(kind.allowedKeys());
      assertThat(definition.get("additionalProperties").asBoolean()).isFalse();
    }
  }

  @Test
  void taskToolAndMessageKeysMatchTheLoader() throws IOException {
    JsonNode schema = schema();
    JsonNode definitions = schema.get("definitions");

    Set<String> taskKeys = new LinkedHashSet<>(TaskNormaliser.TASK_KEYS);
    taskKeys.addAll(List.of("main", "steps"));
    assertThat(fieldNames(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(taskKeys);
    assertThat(texts(definitions.at("/tool/properties/type/enum")))
        .containsExactlyElementsOf(ToolReader.TYPES);
    Set<String> toolKeys = new LinkedHashSet<>(ToolReader.TOOL_KEYS);
    toolKeys.addAll(ToolReader.TYPES);
    assertThat(fieldNames(definitions.at("/tool/properties")))
        .containsExactlyInAnyOrderElementsOf(toolKeys);
    assertThat(texts(definitions.at("/message/properties/role/enum")))
        .containsExactlyElementsOf(PromptReader.ROLES);
    assertThat(fieldNames(definitions.at("/message/properties")))
        .containsExactlyInAnyOrderElementsOf(PromptReader.MESSAGE_KEYS);
    assertThat(fieldNames(definitions.at("/sleepStep/properties/sleep/properties")))
        .containsExactlyInAnyOrderElementsOf(SleepReader.UNITS);
    assertThat(definitions.at("/mapStep/properties/parallelism/maximum").asInt())
        .isEqualTo(StepNormaliser.MAX_PARALLELISM);
  }

  static Stream<Path> corpusFiles() throws IOException, URISyntaxException {
    Path directory = Path.of(TaskSchemaTest.class.getResource("/corpus/julep").toURI());
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void corpusFileMatchesSchemaUnlessMalformed(Path task) throws IOException {
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema());

    Set<ValidationMessage> problems = schema.validate(asJson(task));

    boolean malformed = task.getFileName().toString().equals(MALFORMED_CORPUS_FILE);
    assertThat(problems.isEmpty()).as("schema problems: %s", problems).isEqualTo(!malformed);
  }

  private static JsonNode asJson(Path task) throws IOException {
    Diagnostics diagnostics = new Diagnostics();
    String name = task.getFileName().toString();
    MappingNode root =
        new YamlDocumentReader(name, diagnostics).read(Files.readString(task)).orElseThrow();
    return JSON.valueToTree(new LoadContext(name, diagnostics).plain(root, ""));
  }

  private static JsonNode definitionWithKindNames(JsonNode definitions, List<String> names) {
    for (JsonNode definition : definitions) {
      JsonNode kinds = definition.at("/properties/kind/enum");
      if (!kinds.isMissingNode() && texts(kinds).equals(names)) {
        return definition;
      }
    }
    throw new AssertionError("no step definition in the schema has kind names " + names);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }
}
