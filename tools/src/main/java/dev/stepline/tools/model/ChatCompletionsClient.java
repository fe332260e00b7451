package dev.stepline.tools.model;

import dev.stepline.runtime.spi.ModelClient;
import dev.stepline.runtime.spi.ToolException;
import dev.stepline.tools.JsonValues;
import dev.stepline.tools.ToolErrors;
import dev.stepline.tools.http.HttpStatusErrors;
import dev.stepline.tools.http.HttpTransport;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calls any OpenAI-compatible Chat Completions endpoint ({@code POST <base>/chat/completions}):
 * OpenAI, Ollama, vLLM, llama.cpp's server and others. Every setting of the step goes into the
 * request body as written, so a server rejects what it does not know instead of it being dropped
 * here; {@code response_format: json_object} (a bare string) is expanded to {@code {type:
 * json_object}}.
 *
 * <p>The base URL is the operator's configuration, not the task's, so it is not checked against the
 * address policy: a local run may use a model server on loopback.
 */
public final class ChatCompletionsClient implements ModelClient {
  private static final String CALLER = "prompt";

  private final HttpTransport transport;
  private final URI endpoint;
  private final Duration timeout;

  public ChatCompletionsClient(HttpTransport transport, URI baseUrl, Duration timeout) {
    this.transport = transport;
    this.endpoint = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/chat/completions");
    this.timeout = timeout;
  }

  @Override
  public Map<String, Object> complete(PromptRequest request) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/json");
    if (request.apiKey() != null && !request.apiKey().isEmpty()) {
      headers.put("Authorization", "Bearer " + request.apiKey());
    }

    HttpTransport.Response response;
    try {
      response =
          transport.send(
              new HttpTransport.Request(
                  CALLER,
                  "POST",
                  endpoint,
                  headers,
                  JsonValues.write(body(request)),
                  timeout,
                  false,
                  false,
                  false));
    } catch (ToolException e) {
      throw renamed(request, e);
    }
    if (!HttpStatusErrors.isSuccess(response.statusCode())) {
      throw failure(request, response);
    }

    Object completion = JsonValues.parseOrNull(response.body());
    if (!(completion instanceof Map<?, ?> map) || !(map.get("choices") instanceof List)) {
      throw new ToolException(
          ToolErrors.HTTP,
          "model '"
              + request.model()
              + "': "
              + HttpStatusErrors.describe(endpoint)
              + " returned a body that is not a chat completion",
          response.statusCode(),
          null);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) map;
    return result;
  }

  private static Map<String, Object> body(PromptRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", request.model());
    body.put("messages", request.messages());
    if (request.settings() != null) {
      request
          .settings()
          .forEach(
              (name, value) -> {
                if (value != null) {
                  body.put(name, name.equals("response_format") ? responseFormat(value) : value);
                }
              });
    }
    return body;
  }

  private static Object responseFormat(Object value) {
    if (value instanceof String type) {
      return Map.of("type", type);
    }
    return value;
  }

  private static ToolException failure(PromptRequest request, HttpTransport.Response response) {
    return renamed(request, HttpStatusErrors.forResponse(CALLER, "POST", response));
  }

  /** Names the model instead of a tool in an error from the HTTP transport. */
  private static ToolException renamed(PromptRequest request, ToolException error) {
    String message =
        error
            .getMessage()
            .replaceFirst("^tool '" + CALLER + "'", "model '" + request.model() + "'");
    return new ToolException(error.type(), message, error.statusCode(), error.getCause());
  }
}
