package dev.stepline.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes the {@code DefinitionBody} of the template's {@code HttpApi} from {@code
 * api/openapi.yaml}, between the {@code # BEGIN HTTP API definition} and {@code # END HTTP API
 * definition} lines.
 *
 * <p>API Gateway imports OpenAPI 3.0, so the copy is converted from 3.1: {@code openapi} becomes
 * {@code 3.0.1}; a type list with {@code "null"} becomes the other type and {@code nullable: true};
 * a {@code type: "null"} branch of {@code anyOf} or {@code oneOf} is dropped and makes its parent
 * {@code nullable}; a lone {@code type: "null"} becomes {@code nullable: true, enum: [null]};
 * {@code const} becomes a one-value {@code enum}; a schema's {@code examples} list becomes {@code
 * example} (its first item); numeric {@code exclusiveMinimum} and {@code exclusiveMaximum} become a
 * bound with the 3.0 flag. Any other construct that 3.0 lacks stops the generation with its
 * location.
 *
 * <p>The bearer key scheme of {@code stepline serve} and the {@code servers} list are replaced:
 * every operation, and the {@code $default} route that sends unknown paths and methods to the
 * function for its JSON 404 and 405, calls the {@code live} alias of {@code ApiFunction} and
 * requires IAM (SigV4) authorization.
 */
final class HttpApiDefinition {
  static final String BEGIN =
      "      # BEGIN HTTP API definition: generated from api/openapi.yaml by SamTemplateTest; do not"
          + " edit by hand";
  static final String END = "      # END HTTP API definition";

  /** The name of the IAM security scheme; SAM uses the same name for its IAM authorizer. */
  static final String IAM_SCHEME = "AWS_IAM";

  /**
   * The integration URI: the ARN of the function's {@code live} alias, passed to {@code Fn::Sub} as
   * a {@code Ref} because the cfn-lint of {@code sam validate --lint} rejects {@code
   * ${ApiFunction.Alias}} written inside the string.
   */
  static final Map<String, Object> INTEGRATION_URI =
      Map.of(
          "Fn::Sub",
          List.of(
              "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
                  + "${Alias}/invocations",
              Map.of("Alias", Map.of("Ref", "ApiFunction.Alias"))));

  static final String DEFAULT_ROUTE = "/$default";

  static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** JSON Schema keywords that OpenAPI 3.0 schemas lack and that have no conversion here. */
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "$defs",
          "$id",
          "$anchor",
          "$dynamicRef",
          "$dynamicAnchor",
          "prefixItems",
          "contains",
          "minContains",
          "maxContains",
          "if",
          "then",
          "else",
          "dependentSchemas",
          "dependentRequired",
          "unevaluatedItems",
          "unevaluatedProperties",
          "propertyNames",
          "patternProperties",
          "contentEncoding",
          "contentMediaType",
          "contentSchema");

  private HttpApiDefinition() {}

  /** Returns the {@code DefinitionBody} property, indented for the template, from the file. */
  static String definitionBody(Path openApi) throws IOException {
    String text = Files.readString(openApi, StandardCharsets.UTF_8);
    Map<String, Object> document = mapping(yaml().load(text), "api/openapi.yaml");
    Map<String, Object> body = Map.of("DefinitionBody", convert(document));
    StringBuilder lines = new StringBuilder();
    for (String line : yaml().dump(body).split("\n")) {
      lines.append("      ").append(line).append('\n');
    }
    return lines.toString();
  }

  /** Returns the OpenAPI 3.0 copy of {@code document} with the API Gateway extensions. */
  static Map<String, Object> convert(Map<String, Object> document) {
    for (String key : List.of("webhooks", "jsonSchemaDialect")) {
      if (document.containsKey(key)) {
        throw unsupported("/" + key, "OpenAPI 3.0 has no " + key);
      }
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    copy.put("openapi", "3.0.1");
    copy.put("info", document.get("info"));
    copy.put("paths", paths(mapping(document.get("paths"), "/paths")));
    copy.put("components", components(mapping(document.get("components"), "/components")));
    return copy;
  }

  private static Map<String, Object> paths(Map<String, Object> paths) {
    Map<String, Object> copy = new LinkedHashMap<>();
    paths.forEach(
        (path, value) -> {
          Map<String, Object> item = new LinkedHashMap<>();
          mapping(value, "/paths" + path)
              .forEach(
                  (key, field) -> {
                    Object converted = convertSchemasIn(field, "/paths" + path + "/" + key);
                    item.put(key, METHODS.contains(key) ? routed(converted) : converted);
                  });
          copy.put(path, item);
        });
    Map<String, Object> fallback = new LinkedHashMap<>();
    fallback.put("isDefaultRoute", true);
    fallback.put(
        "description",
        "Sends unknown paths and methods to the function, which answers with its JSON 404 or 405.");
    fallback.put("responses", Map.of("default", Map.of("description", "The function's answer")));
    // SAM turns a "$default" key into this one; API Gateway reads it as the $default route.
    copy.put(DEFAULT_ROUTE, Map.of("x-amazon-apigateway-any-method", routed(fallback)));
    return copy;
  }

  /** Returns the operation with the function integration and the IAM requirement added. */
  private static Map<String, Object> routed(Object operation) {
    Map<String, Object> copy = new LinkedHashMap<>(mapping(operation, "operation"));
    copy.put("security", List.of(Map.of(IAM_SCHEME, List.of())));
    Map<String, Object> integration = new LinkedHashMap<>();
    integration.put("type", "aws_proxy");
    integration.put("httpMethod", "POST");
    integration.put("payloadFormatVersion", "2.0");
    integration.put("uri", INTEGRATION_URI);
    copy.put("x-amazon-apigateway-integration", integration);
    return copy;
  }

  private static Map<String, Object> components(Map<String, Object> components) {
    Map<String, Object> copy = new LinkedHashMap<>();
    components.forEach(
        (key, value) -> {
          if (key.equals("securitySchemes")) {
            return;
          }
          if (key.equals("schemas")) {
            Map<String, Object> schemas = new LinkedHashMap<>();
            mapping(value, "/components/schemas")
                .forEach(
                    (name, schema) ->
                        schemas.put(name, schema(schema, "/components/schemas/" + name)));
            copy.put(key, schemas);
          } else {
            copy.put(key, convertSchemasIn(value, "/components/" + key));
          }
        });
    Map<String, Object> sigv4 = new LinkedHashMap<>();
    sigv4.put("type", "apiKey");
    sigv4.put("name", "Authorization");
    sigv4.put("in", "header");
    sigv4.put("x-amazon-apigateway-authtype", "awsSigv4");
    copy.put("securitySchemes", Map.of(IAM_SCHEME, sigv4));
    return copy;
  }

  /** Copies a part of the document that is no schema, converting each {@code schema} in it. */
  private static Object convertSchemasIn(Object value, String location) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach(
          (key, field) -> {
            String where = location + "/" + key;
            copy.put(
                (String) key,
                key.equals("schema") ? schema(field, where) : convertSchemasIn(field, where));
          });
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        copy.add(convertSchemasIn(list.get(i), location + "/" + i));
      }
      return copy;
    }
    return value;
  }

  /** Returns the OpenAPI 3.0 form of one schema and of the schemas inside it. */
  static Object schema(Object value, String location) {
    Map<String, Object> schema = mapping(value, location);
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : schema.entrySet()) {
      String key = entry.getKey();
      Object field = entry.getValue();
      String where = location + "/" + key;
      if (UNSUPPORTED.contains(key)) {
        throw unsupported(where, "OpenAPI 3.0 schemas have no " + key);
      }
      switch (key) {
        case "$schema" -> {}
        case "type" -> putType(copy, field, where);
        case "const" -> copy.put("enum", singletonList(field));
        case "examples" -> {
          if (field instanceof List<?> examples && !examples.isEmpty()) {
            copy.put("example", examples.get(0));
          }
        }
        case "exclusiveMinimum", "exclusiveMaximum" -> putExclusiveBound(copy, key, field, where);
        case "properties" -> {
          Map<String, Object> properties = new LinkedHashMap<>();
          mapping(field, where)
              .forEach(
                  (name, property) -> properties.put(name, schema(property, where + "/" + name)));
          copy.put(key, properties);
        }
        case "items", "not" -> copy.put(key, schema(field, where));
        case "additionalProperties" ->
            copy.put(key, field instanceof Boolean ? field : schema(field, where));
        case "anyOf", "oneOf", "allOf" -> putBranches(copy, key, field, where);
        default -> copy.put(key, field);
      }
    }
    return copy;
  }

  private static void putType(Map<String, Object> copy, Object type, String where) {
    if ("null".equals(type)) {
      copy.put("nullable", true);
      copy.put("enum", singletonList(null));
      return;
    }
    if (!(type instanceof List<?> types)) {
      copy.put("type", type);
      return;
    }
    List<Object> others = new ArrayList<>(types);
    boolean nullable = others.remove("null");
    if (others.size() != 1) {
      throw unsupported(where, "OpenAPI 3.0 allows one type besides null (found " + types + ")");
    }
    copy.put("type", others.get(0));
    if (nullable) {
      copy.put("nullable", true);
    }
  }

  private static void putExclusiveBound(
      Map<String, Object> copy, String key, Object bound, String where) {
    if (bound instanceof Boolean) {
      copy.put(key, bound);
      return;
    }
    if (!(bound instanceof Number)) {
      throw unsupported(where, key + " must be a number (found " + bound + ")");
    }
    copy.put(key.equals("exclusiveMinimum") ? "minimum" : "maximum", bound);
    copy.put(key, true);
  }

  private static void putBranches(
      Map<String, Object> copy, String key, Object branches, String where) {
    List<Object> converted = new ArrayList<>();
    List<?> list = (List<?>) branches;
    for (int i = 0; i < list.size(); i++) {
      Object branch = list.get(i);
      if (!key.equals("allOf") && Map.of("type", "null").equals(branch)) {
        copy.put("nullable", true);
      } else {
        converted.add(schema(branch, where + "/" + i));
      }
    }
    copy.put(key, converted);
  }

  private static List<Object> singletonList(Object value) {
    List<Object> list = new ArrayList<>();
    list.add(value);
    return list;
  }

  private static IllegalStateException unsupported(String location, String rule) {
    return new IllegalStateException(
        "api/openapi.yaml#"
            + location
            + ": "
            + rule
            + ", and API Gateway imports OpenAPI 3.0; rewrite it or add its conversion to"
            + " HttpApiDefinition");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapping(Object value, String location) {
    if (!(value instanceof Map)) {
      throw new IllegalStateException(
          "api/openapi.yaml#" + location + " is not a mapping (found " + value + ")");
    }
    return (Map<String, Object>) value;
  }

  private static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    // CloudFormation reads no YAML anchors, so a value used twice is written twice.
    options.setDereferenceAliases(true);
    options.setSplitLines(false);
    options.setWidth(Integer.MAX_VALUE);
    LoaderOptions loader = new LoaderOptions();
    return new Yaml(new SafeConstructor(loader), new Representer(options), options, loader);
  }
}
