package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Checks the OpenAPI 3.1 to 3.0 conversions of the template's HTTP API definition. */
class HttpApiDefinitionTest {
  @Test
  void typeListWithNullBecomesNullable() {
    assertThat(convert("{type: [string, 'null'], minLength: 1}"))
        .isEqualTo(load("{type: string, nullable: true, minLength: 1}"));
  }

  @Test
  void nullBranchMakesParentNullable() {
    assertThat(convert("{anyOf: [{$ref: '#/components/schemas/A'}, {type: 'null'}]}"))
        .isEqualTo(load("{nullable: true, anyOf: [{$ref: '#/components/schemas/A'}]}"));
  }

  @Test
  void loneNullTypeBecomesNullableEnumOfNull() {
    assertThat(convert("{type: 'null'}")).isEqualTo(load("{nullable: true, enum: [null]}"));
  }

  @Test
  void convertsConstExamplesAndBounds() {
    assertThat(
            convert(
                "{type: object, properties: {s: {const: x}, n: {type: integer, exclusiveMinimum: 0,"
                    + " exclusiveMaximum: 9, examples: [3, 4]}}, $schema: x}"))
        .isEqualTo(
            load(
                "{type: object, properties: {s: {enum: [x]}, n: {type: integer, minimum: 0,"
                    + " exclusiveMinimum: true, maximum: 9, exclusiveMaximum: true, example: 3}}}"));
  }

  @Test
  void constructWithoutConversionNamesItsLocation() {
    assertThatThrownBy(() -> convert("{type: array, items: {prefixItems: [{type: string}]}}"))
        .hasMessage(
            "api/openapi.yaml#/components/schemas/S/items/prefixItems: OpenAPI 3.0 schemas have no"
                + " prefixItems, and API Gateway imports OpenAPI 3.0; rewrite it or add its"
                + " conversion to HttpApiDefinition");
    assertThatThrownBy(() -> convert("{type: [string, integer]}"))
        .hasMessageStartingWith(
            "api/openapi.yaml#/components/schemas/S/type: OpenAPI 3.0 allows one type besides null"
                + " (found [string, integer])");
  }

  @Test
  void routesCallFunctionWithIam() {
    Map<String, Object> document =
        load(
            "{openapi: 3.1.0, info: {title: t, version: '1'}, paths: {/a: {parameters: [],"
                + " get: {responses: {}}}}, components: {securitySchemes: {key: {type: http,"
                + " scheme: bearer}}}}");

    Map<String, Object> converted = HttpApiDefinition.convert(document);

    assertThat(converted.get("openapi")).isEqualTo("3.0.1");
    Map<String, Object> paths = map(converted.get("paths"));
    List<Object> routes = new ArrayList<>();
    routes.add(map(paths.get("/a")).get("get"));
    routes.add(map(paths.get("/$default")).get("x-amazon-apigateway-any-method"));
    for (Object route : routes) {
      assertThat(map(route))
          .containsEntry("security", List.of(Map.of("AWS_IAM", List.of())))
          .containsKey("x-amazon-apigateway-integration");
    }
    assertThat(map(paths.get("/a")).get("parameters")).isEqualTo(List.of());
    assertThat(map(converted.get("components")).get("securitySchemes"))
        .isEqualTo(
            load(
                "{AWS_IAM: {type: apiKey, name: Authorization, in: header,"
                    + " x-amazon-apigateway-authtype: awsSigv4}}"));
  }

  private static Object convert(String schema) {
    return HttpApiDefinition.schema(load(schema), "/components/schemas/S");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> load(String yaml) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }
}
