package dev.stepline.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.List;
import java.util.Set;

/**
 * JSON Schema checks for {@code input_schema}: that it is a valid schema, and that an input matches
 * it.
 *
 * <p>Schemas are read offline: the standard meta-schemas come from the validator's class path and
 * any other {@code $ref} outside the schema is rejected, so validation never opens a network
 * connection. A schema without {@code $schema} is read as draft 2020-12.
 */
public final class JsonSchemas {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SpecVersion.VersionFlag DEFAULT_VERSION = SpecVersion.VersionFlag.V202012;

  private JsonSchemas() {}

  /** Returns the problems that make {@code schema} an invalid JSON Schema (empty when valid). */
  public static List<ValidationMessage> checkSchema(Object schema) {
    JsonNode node = MAPPER.valueToTree(schema);
    SpecVersion.VersionFlag version = version(node);
    String metaSchema = JsonSchemaFactory.checkVersion(version).getInstance().getIri();
    JsonSchema meta = factory(version).getSchema(SchemaLocation.of(metaSchema));
    return sorted(meta.validate(node));
  }

  /** Returns the ways {@code input} does not match {@code schema} (empty when it matches). */
  public static List<ValidationMessage> checkInput(Object schema, JsonNode input) {
    JsonNode node = MAPPER.valueToTree(schema);
    JsonSchema compiled = factory(version(node)).getSchema(node);
    return sorted(compiled.validate(input));
  }

  private static SpecVersion.VersionFlag version(JsonNode schema) {
    return SpecVersionDetector.detectOptionalVersion(schema, false).orElse(DEFAULT_VERSION);
  }

  private static JsonSchemaFactory factory(SpecVersion.VersionFlag version) {
    return JsonSchemaFactory.getInstance(
        version,
        builder ->
            builder.schemaLoaders(
                loaders ->
                    loaders.values(
                        list ->
                            list.add(
                                0,
                                new AllowSchemaLoader(
                                    iri -> iri.toString().startsWith("classpath:"))))));
  }

  private static List<ValidationMessage> sorted(Set<ValidationMessage> messages) {
    return messages.stream()
        .sorted(
            java.util.Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation())
                .thenComparing(ValidationMessage::getMessage))
        .toList();
  }
}
