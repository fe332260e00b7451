package dev.stepline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.secrets.InvalidSecretNameException;
import dev.stepline.runtime.secrets.SecretConflictException;
import dev.stepline.runtime.secrets.SecretException;
import dev.stepline.runtime.secrets.SecretMetadata;
import dev.stepline.runtime.secrets.SecretNotFoundException;
import dev.stepline.runtime.secrets.SecretStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code /secrets}: create, list, update, rename and delete secrets. A secret's id is its name.
 * Values go in and never come out.
 */
final class SecretsResource {
  private final Function<String, SecretStore> storesByTenant;

  /**
   * @param storesByTenant the secret store of each tenant
   */
  SecretsResource(Function<String, SecretStore> storesByTenant) {
    this.storesByTenant = storesByTenant;
  }

  void register(Router router) {
    router.add("POST", "/secrets", this::create);
    router.add("GET", "/secrets", this::list);
    router.add("PUT", "/secrets/{secret_id}", this::update);
    router.add("DELETE", "/secrets/{secret_id}", this::delete);
  }

  private ApiResponse create(Router.Call call) {
    ObjectNode body = Bodies.object(call.request());
    String name = Bodies.requiredString(body, "name");
    String value = Bodies.requiredString(body, "value");
    SecretStore secrets = storesByTenant.apply(call.tenant());
    SecretMetadata created =
        guarded(
            () ->
                secrets.create(
                    name, value, Bodies.optionalString(body, "description"), metadataOrEmpty(body)),
            name);
    return ApiResponse.created(Views.secret(created));
  }

  private ApiResponse list(Router.Call call) {
    SecretStore secrets = storesByTenant.apply(call.tenant());
    return ApiResponse.ok(
        Pages.slice(call.request(), secrets.list().stream().map(Views::secret).toList()));
  }

  private ApiResponse update(Router.Call call) {
    String id = call.param("secret_id");
    ObjectNode body = Bodies.object(call.request());
    String newName = Bodies.optionalString(body, "name");
    String value = Bodies.optionalString(body, "value");
    if (value != null && value.isEmpty()) {
      throw ApiException.badRequest(
          "invalid_body", "`value` must be a non-empty string; leave it out to keep the value");
    }
    SecretStore.SecretUpdate change =
        new SecretStore.SecretUpdate(
            value,
            Bodies.optionalString(body, "description"),
            metadata(body),
            newName == null || newName.equals(id) ? null : newName);
    SecretStore secrets = storesByTenant.apply(call.tenant());
    return ApiResponse.ok(Views.secret(guarded(() -> secrets.update(id, change), id)));
  }

  private ApiResponse delete(Router.Call call) {
    String id = call.param("secret_id");
    SecretStore secrets = storesByTenant.apply(call.tenant());
    guarded(
        () -> {
          secrets.delete(id);
          return null;
        },
        id);
    ObjectNode deleted = JsonValues.mapper().createObjectNode();
    deleted.put("id", id);
    deleted.put("deleted_at", Instant.now().toString());
    return ApiResponse.accepted(deleted);
  }

  private static Map<String, String> metadataOrEmpty(ObjectNode body) {
    Map<String, String> metadata = metadata(body);
    return metadata == null ? Map.of() : metadata;
  }

  private static Map<String, String> metadata(ObjectNode body) {
    JsonNode metadata = body.get("metadata");
    if (metadata == null || metadata.isNull()) {
      return null;
    }
    if (!metadata.isObject()) {
      throw ApiException.badRequest("invalid_body", "`metadata` must be an object");
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    metadata
        .fields()
        .forEachRemaining(
            e ->
                pairs.put(
                    e.getKey(),
                    e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    return pairs;
  }

  private static <T> T guarded(Supplier<T> action, String name) {
    try {
      return action.get();
    } catch (SecretNotFoundException e) {
      throw ApiException.notFound("secret", name);
    } catch (SecretConflictException e) {
      throw ApiException.conflict(e.getMessage());
    } catch (InvalidSecretNameException e) {
      throw ApiException.badRequest("invalid_secret_name", e.getMessage());
    } catch (SecretException e) {
      throw ApiException.badRequest("secret_refused", e.getMessage());
    }
  }
}
