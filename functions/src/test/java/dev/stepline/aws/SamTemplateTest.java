package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.stepline.runtime.JsonValues;
import dev.stepline.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks {@code template.yaml}: its state machines follow {@code statemachines/}, its HTTP API
 * definition follows {@code api/openapi.yaml}, every handler it names exists, every substitution a
 * definition uses is provided, and {@code cfn-lint} accepts it. Run with {@code
 * -Dstepline.regenerateTemplate=true} to rewrite the generated blocks.
 */
class SamTemplateTest {
  private static final Path ROOT = ExternalTools.repoRoot();
  private static final Path TEMPLATE = ROOT.resolve("template.yaml");
  private static final String HTTP_API_HANDLER = "dev.stepline.api.HttpApiHandler::handleRequest";

  @Test
  void generatedBlocksAreCurrent() throws IOException {
    String template = Files.readString(TEMPLATE, StandardCharsets.UTF_8);
    String expected =
        SamTemplate.replaceBlock(
            SamTemplate.regenerate(template, SamTemplate.read(ROOT.resolve("statemachines"))),
            HttpApiDefinition.BEGIN,
            HttpApiDefinition.END,
            HttpApiDefinition.definitionBody(ROOT.resolve("api/openapi.yaml")));
    if (Boolean.getBoolean("stepline.regenerateTemplate")) {
      Files.writeString(TEMPLATE, expected, StandardCharsets.UTF_8);
      template = expected;
    }

    assertThat(template)
        .as("template.yaml is stale; regenerate with -Dstepline.regenerateTemplate=true")
        .isEqualTo(expected);
  }

  @Test
  void httpApiRoutesEveryOperation() throws IOException {
    Map<String, Object> resources = resources();
    Map<String, Object> body =
        mapping(mapping(mapping(resources.get("HttpApi")).get("Properties")).get("DefinitionBody"));
    Map<String, Object> described =
        mapping(cloudFormationYaml().load(Files.readString(ROOT.resolve("api/openapi.yaml"))));

    List<String> expected = new ArrayList<>(operations(mapping(described.get("paths"))));
    expected.add("x-amazon-apigateway-any-method " + HttpApiDefinition.DEFAULT_ROUTE);
    List<String> routed = operations(mapping(body.get("paths")));
    assertThat(routed).containsExactlyInAnyOrderElementsOf(expected);
    Map<String, Object> integration =
        Map.of(
            "type", "aws_proxy",
            "httpMethod", "POST",
            "payloadFormatVersion", "2.0",
            "uri", HttpApiDefinition.INTEGRATION_URI);
    for (Object item : mapping(body.get("paths")).values()) {
      mapping(item)
          .forEach(
              (method, operation) -> {
                if (!method.equals("parameters")) {
                  assertThat(mapping(operation).get("x-amazon-apigateway-integration"))
                      .as(method)
                      .isEqualTo(integration);
                  assertThat(mapping(operation).get("security"))
                      .as(method)
                      .isEqualTo(List.of(Map.of(HttpApiDefinition.IAM_SCHEME, List.of())));
                }
              });
    }
    assertThat(mapping(mapping(body.get("paths")).get(HttpApiDefinition.DEFAULT_ROUTE)))
        .extractingByKey("x-amazon-apigateway-any-method")
        .satisfies(fallback -> assertThat(mapping(fallback).get("isDefaultRoute")).isEqualTo(true));
    assertThat(
            mapping(mapping(mapping(body.get("components")).get("securitySchemes")).get("AWS_IAM")))
        .containsEntry("x-amazon-apigateway-authtype", "awsSigv4");

    Map<String, Object> permission =
        mapping(mapping(resources.get("ApiFunctionPermission")).get("Properties"));
    assertThat(permission)
        .containsEntry("Action", "lambda:InvokeFunction")
        .containsEntry("Principal", "apigateway.amazonaws.com")
        .containsEntry("FunctionName", "ApiFunction.Alias")
        .containsEntry(
            "SourceArn",
            "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApi}/*");
  }

  @Test
  void httpApiDefinitionIsValidOpenApi30() throws Exception {
    String python = ExternalTools.python("openapi_spec_validator");
    Map<String, Object> body =
        mapping(
            mapping(mapping(resources().get("HttpApi")).get("Properties")).get("DefinitionBody"));
    assertThat(body.get("openapi")).isEqualTo("3.0.1");
    Process process =
        new ProcessBuilder(
                python,
                "-c",
                "import json, sys; import openapi_spec_validator as v;"
                    + " v.validate(json.load(sys.stdin), cls=v.OpenAPIV30SpecValidator)")
            .redirectErrorStream(true)
            .start();
    try (var input = process.getOutputStream()) {
      input.write(JsonValues.mapper().writeValueAsBytes(body));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("validator finished").isTrue();

    assertThat(process.exitValue()).as("openapi-spec-validator output:%n%s", output).isZero();
  }

  @Test
  void everyDefinitionIsDeployedWithItsSubstitutions() throws IOException {
    Map<String, Object> resources = resources();
    Set<String> deployed = new TreeSet<>();
    for (Object value : resources.values()) {
      Map<String, Object> resource = mapping(value);
      if (!"AWS::Serverless::StateMachine".equals(resource.get("Type"))) {
        continue;
      }
      Map<String, Object> properties = mapping(resource.get("Properties"));
      String uri = (String) properties.get("DefinitionUri");
      deployed.add(uri);
      Set<String> provided =
          properties.containsKey("DefinitionSubstitutions")
              ? mapping(properties.get("DefinitionSubstitutions")).keySet()
              : Set.of();
      String definition = Files.readString(ROOT.resolve(uri), StandardCharsets.UTF_8);
      for (String used : substitutionsIn(definition)) {
        assertThat(provided).as("substitutions of %s", uri).contains(used);
      }
    }

    Set<String> files = new TreeSet<>();
    for (SamTemplate.Machine machine : SamTemplate.read(ROOT.resolve("statemachines"))) {
      files.add("statemachines/" + machine.fileName());
    }
    assertThat(files).isNotEmpty();
    assertThat(deployed).isEqualTo(files);
  }

  @Test
  void everyHandlerIsAStreamHandler() throws Exception {
    List<String> handlers = new ArrayList<>();
    for (Object value : resources().values()) {
      Map<String, Object> resource = mapping(value);
      if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
        handlers.add((String) mapping(resource.get("Properties")).get("Handler"));
      }
    }

    // The state machines' functions, the rotation function that Secrets Manager invokes, and the
    // HTTP API's function, which takes API Gateway's typed event.
    assertThat(handlers).hasSize(SamTemplate.FUNCTIONS.size() + 2);
    assertThat(handlers).contains("dev.stepline.rotation.SecretRotationHandler::handleRequest");
    assertThat(handlers).contains(HTTP_API_HANDLER);
    for (String handler : handlers) {
      String[] parts = handler.split("::");
      assertThat(parts).as(handler).hasSize(2);
      assertThat(parts[1]).isEqualTo("handleRequest");
      Class<?> type = Class.forName(parts[0]);
      Class<?> expected =
          handler.equals(HTTP_API_HANDLER) ? RequestHandler.class : RequestStreamHandler.class;
      assertThat(expected.isAssignableFrom(type)).as(handler).isTrue();
      assertThat(type.getConstructor()).as("no-argument constructor of %s", handler).isNotNull();
    }
  }

  @Test
  void stepFunctionsMaySealForTheirTableOnly() throws IOException {
    Map<String, Object> resources = resources();
    Map<String, Object> key = mapping(resources.get("SealingKey"));
    assertThat(key.get("Type")).isEqualTo("AWS::KMS::Key");
    assertThat(mapping(key.get("Properties")).get("EnableKeyRotation")).isEqualTo(true);
    Map<String, Object> sealing =
        Map.of(
            "Effect",
            "Allow",
            "Action",
            List.of("kms:GenerateDataKey", "kms:Decrypt"),
            "Resource",
            "SealingKey.Arn",
            "Condition",
            Map.of(
                "StringEquals", Map.of("kms:EncryptionContext:stepline-table", "ExecutionTable")));

    // The step functions seal and unseal; the API function only shows sealed values as masked,
    // so it gets no key at all.
    int stepFunctions = 0;
    for (Map.Entry<String, Object> entry : resources.entrySet()) {
      Map<String, Object> resource = mapping(entry.getValue());
      if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
        continue;
      }
      List<?> policies = (List<?>) mapping(resource.get("Properties")).get("Policies");
      List<Object> statements = new ArrayList<>();
      for (Object policy : policies) {
        Object statement = mapping(policy).get("Statement");
        if (statement != null) {
          statements.addAll((List<?>) statement);
        }
      }
      if (SamTemplate.FUNCTIONS.containsValue(entry.getKey())) {
        stepFunctions++;
        assertThat(statements).as("statements of %s", entry.getKey()).contains(sealing);
      } else {
        assertThat(statements.toString()).as(entry.getKey()).doesNotContain("kms:");
      }
    }
    assertThat(stepFunctions).isEqualTo(SamTemplate.FUNCTIONS.size());

    Map<String, Object> globals = mapping(cloudFormationYaml().load(Files.readString(TEMPLATE)));
    Map<String, Object> variables =
        mapping(
            mapping(mapping(mapping(globals.get("Globals")).get("Function")).get("Environment"))
                .get("Variables"));
    assertThat(variables.get("STEPLINE_SEALING_KEY_ID")).isEqualTo("SealingKey.Arn");
  }

  @Test
  void cfnLintAcceptsTemplate() throws Exception {
    ExternalTools.require(
        ExternalTools.onPath("cfn-lint"), "cfn-lint not found on PATH; run bash .ci/setup-tools");
    Process process =
        new ProcessBuilder("cfn-lint", "template.yaml")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("cfn-lint finished").isTrue();

    assertThat(process.exitValue()).as("cfn-lint output:%n%s", output).isZero();
  }

  /** Returns {@code "<method> <path>"} for every operation of an OpenAPI {@code paths} object. */
  private static List<String> operations(Map<String, Object> paths) {
    List<String> operations = new ArrayList<>();
    paths.forEach(
        (path, item) ->
            mapping(item).keySet().stream()
                .filter(method -> !method.equals("parameters"))
                .forEach(method -> operations.add(method + " " + path)));
    return operations;
  }

  private static Set<String> substitutionsIn(String definition) {
    Set<String> names = new TreeSet<>();
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(definition);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static Map<String, Object> resources() throws IOException {
    Map<String, Object> template = mapping(cloudFormationYaml().load(Files.readString(TEMPLATE)));
    return mapping(template.get("Resources"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapping(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  /**
   * A YAML loader that reads CloudFormation's short tags ({@code !Ref}, {@code !Sub}) as plain
   * nodes.
   */
  private static Yaml cloudFormationYaml() {
    SafeConstructor constructor =
        new SafeConstructor(new LoaderOptions()) {
          {
            yamlConstructors.put(
                null,
                new AbstractConstruct() {
                  @Override
                  public Object construct(Node node) {
                    if (node instanceof ScalarNode scalar) {
                      return constructScalar(scalar);
                    }
                    if (node instanceof SequenceNode sequence) {
                      return constructSequence(sequence);
                    }
                    return constructMapping((MappingNode) node);
                  }
                });
          }
        };
    return new Yaml(constructor);
  }
}
