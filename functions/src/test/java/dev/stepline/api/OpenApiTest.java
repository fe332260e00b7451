package dev.stepline.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.store.InMemoryExecutionStore;
import dev.stepline.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Checks api/openapi.yaml against the router and the responses the API sends. */
class OpenApiTest {
  private static final String KEY = "k";

  @TempDir Path dir;

  private JsonNode openApi;
  private SteplineApi api;

  @BeforeEach
  void setUp() throws Exception {
    String text = Files.readString(ExternalTools.repoRoot().resolve("api/openapi.yaml"));
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    openApi = JsonValues.mapper().valueToTree(tree);
    LocalSecretStore secrets = new LocalSecretStore(dir.resolve("secrets.json"), Map.of());
    api =
        new SteplineApi(
            ApiKeys.single(KEY),
            new InMemoryApiStore(),
            new InMemoryExecutionStore(),
            tenant -> secrets,
            new RecordingStarter());
  }

  @Test
  void describesExactlyTheRoutesOfTheRouter() {
    List<String> described = new ArrayList<>();
    openApi
        .get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (!method.equals("parameters")) {
                            described.add(method.toUpperCase() + " " + path.getKey());
                          }
                        }));

    assertThat(described).containsExactlyInAnyOrderElementsOf(api.routes());
  }

  @Test
  void responsesMatchTheirDescribedSchemas() {
    String agentId = check("POST", "/agents", "{\"name\": \"ops\"}", 201).get("id").asText();
    check("GET", "/agents", null, 200);
    check("GET", "/agents/" + agentId, null, 200);
    String taskId =
        check(
                "POST",
                "/agents/" + agentId + "/tasks",
                "{\"name\": \"t\", \"main\": [{\"evaluate\": {\"x\": \"$ 1\"}}]}",
                201)
            .get("id")
            .asText();
    check("GET", "/agents/" + agentId + "/tasks", null, 200);
    check("GET", "/tasks/" + taskId, null, 200);
    String taskPath = "/agents/" + agentId + "/tasks/" + taskId;
    String taskJson = "{\"name\": \"t\", \"main\": [{\"evaluate\": {\"x\": \"$ 2\"}}]}";
    check("POST", "/agents/" + agentId + "/tasks/chosen-id", taskJson, 201);
    check("POST", taskPath, taskJson, 200);
    check("PUT", taskPath, taskJson, 200);
    check("PATCH", taskPath, "{\"description\": \"d\"}", 200);
    String executionId =
        check("POST", "/tasks/" + taskId + "/executions", "{\"input\": {}}", 201)
            .get("id")
            .asText();
    check("GET", "/tasks/" + taskId + "/executions", null, 200);
    check("GET", "/executions/" + executionId, null, 200);
    check("GET", "/executions/" + executionId + "/transitions", null, 200);
    check("PUT", "/executions/" + executionId, "{\"status\": \"running\"}", 409);
    check("PUT", "/executions/" + executionId, "{\"status\": \"cancelled\"}", 200);
    check("POST", "/secrets", "{\"name\": \"s\", \"value\": \"v\"}", 201);
    check("GET", "/secrets", null, 200);
    check("PUT", "/secrets/s", "{\"name\": \"s2\", \"value\": \"w\"}", 200);
    check("DELETE", "/secrets/s2", null, 202);
    check("GET", "/tasks/nope", null, 404);
    check("POST", "/agents/" + agentId + "/tasks", "{\"name\": \"t\", \"main\": 3}", 400);
  }

  /** Sends a request and checks the response against the operation's schema for its status. */
  private JsonNode check(String method, String path, String body, int status) {
    ApiResponse response =
        api.handle(
            new ApiRequest(
                method,
                path,
                Map.of(),
                Map.of("Authorization", "Bearer " + KEY, "Content-Type", "application/json"),
                body,
                false));
    assertThat(response.status())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(status);
    JsonNode operation = operation(method, path);
    JsonNode described = operation.at("/responses/" + status);
    if (described.isMissingNode()) {
      described = resolve(operation.at("/responses/default"));
    }
    JsonNode schema = described.at("/content/application~1json/schema");
    assertThat(schema.isMissingNode()).as("schema of " + method + " " + path).isFalse();
    assertThat(validator(schema).validate(response.body()))
        .as(method + " " + path + " returned " + response.body())
        .isEmpty();
    return response.body();
  }

  private JsonNode operation(String method, String path) {
    Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> entry = paths.next();
      String pattern = entry.getKey().replaceAll("\\{[^}]+}", "[^/]+");
      if (path.matches(pattern) && entry.getValue().has(method.toLowerCase())) {
        return entry.getValue().get(method.toLowerCase());
      }
    }
    throw new AssertionError("no operation for " + method + " " + path);
  }

  private JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? openApi.at(node.get("$ref").asText().substring(1)) : node;
  }

  /** Returns a validator whose {@code #/components/...} references resolve in the document. */
  private JsonSchema validator(JsonNode schema) {
    ObjectNode root = JsonValues.mapper().createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("components", openApi.get("components"));
    root.set("allOf", JsonValues.mapper().createArrayNode().add(schema));
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
  }
}
