package dev.stepline.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.secrets.SecretStore;
import dev.stepline.runtime.store.ExecutionStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: checks the API key, routes the request to its resource and turns every refusal into
 * {@code {"error": {"code", "message"}}}. The API Gateway Lambda handler and {@code stepline serve}
 * both call {@link #handle}.
 */
public final class SteplineApi {
  /** The largest body accepted, in bytes, after base64 decoding. */
  public static final int MAX_BODY_BYTES = 1_048_576;

  private static final Logger LOG = LoggerFactory.getLogger(SteplineApi.class);

  private final ApiKeys keys;
  private final Router router = new Router();

  /**
   * @param keys the accepted API keys and their tenants
   * @param store agents, tasks and execution ownership
   * @param executions the runtime's execution store
   * @param secrets the secret store of each tenant
   * @param starter starts executions in the background
   */
  public SteplineApi(
      ApiKeys keys,
      ApiStore store,
      ExecutionStore executions,
      Function<String, SecretStore> secrets,
      ExecutionStarter starter) {
    this.keys = keys;
    Clock clock = Clock.systemUTC();
    new AgentsResource(store, clock).register(router);
    new TasksResource(store, starter, clock).register(router);
    new ExecutionsResource(store, executions, starter).register(router);
    new SecretsResource(secrets).register(router);
  }

  /** Returns every route as {@code METHOD /pattern}, in the order they were added. */
  public List<String> routes() {
    return router.routes().stream().map(r -> r.method() + " " + r.pattern()).toList();
  }

  /**
   * Returns the response to one request, authenticated by its bearer API key. A runtime exception
   * of a handler becomes an error response.
   */
  public ApiResponse handle(ApiRequest request) {
    return respond(request, () -> keys.tenant(request.header("authorization")));
  }

  /**
   * Returns the response to a request whose caller API Gateway has authenticated (IAM or JWT), on
   * behalf of {@code tenant}. A runtime exception of a handler becomes an error response, and the
   * bearer key, if any, is not checked.
   */
  public ApiResponse handleAuthenticated(String tenant, ApiRequest request) {
    return respond(request, () -> tenant);
  }

  private ApiResponse respond(ApiRequest request, Supplier<String> tenantOfCaller) {
    try {
      checkSize(request);
      String tenant = tenantOfCaller.get();
      Router.Match match = router.match(request.method(), request.path());
      return match.handler().handle(new Router.Call(tenant, request, match.params()));
    } catch (ApiException e) {
      return error(e);
    } catch (RuntimeException e) {
      LOG.error("Failed to answer {} {}", request.method(), request.path(), e);
      return error(
          new ApiException(
              500, "internal_error", "the server failed to answer; see its log for details", null));
    }
  }

  private static void checkSize(ApiRequest request) {
    if (request.body() == null) {
      return;
    }
    // Base64 text is a third longer than the bytes it holds.
    long size =
        request.base64()
            ? request.body().length() * 3L / 4
            : request.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (size > MAX_BODY_BYTES) {
      throw new ApiException(
          413,
          "body_too_large",
          "the body is larger than " + MAX_BODY_BYTES + " bytes; send a smaller task or input",
          null);
    }
  }

  private static ApiResponse error(ApiException e) {
    ObjectNode body = JsonValues.mapper().createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", e.code());
    error.put("message", e.getMessage());
    if (e.diagnostics() != null) {
      error.set("diagnostics", e.diagnostics());
    }
    return new ApiResponse(
        e.status(), body, e.allow() == null ? Map.of() : Map.of("Allow", e.allow()));
  }
}
