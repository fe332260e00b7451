package dev.stepline.tools.model;

import static dev.stepline.tools.Requests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.spi.ModelClient;
import dev.stepline.runtime.spi.ModelClient.PromptRequest;
import dev.stepline.runtime.spi.ToolException;
import dev.stepline.tools.JsonValues;
import dev.stepline.tools.LoopbackHttpServer;
import dev.stepline.tools.LoopbackHttpServer.Reply;
import dev.stepline.tools.ToolRegistry;
import dev.stepline.tools.ToolsConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatCompletionsClientTest {
  private LoopbackHttpServer server;
  private ToolRegistry tools;
  private ModelClient model;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackHttpServer();
    server.route(
        "/v1/chat/completions",
        request -> {
          if (!"Bearer sk-test".equals(request.header("Authorization"))) {
            return Reply.json(
                401, "{\"error\": {\"message\": \"Incorrect API key provided: sk-wr***ng\"}}");
          }
          Map<?, ?> body;
          try {
            body = (Map<?, ?>) JsonValues.parse(request.body());
          } catch (java.io.IOException e) {
            return Reply.json(400, "{}");
          }
          List<?> messages = (List<?>) body.get("messages");
          String last = (String) ((Map<?, ?>) messages.get(messages.size() - 1)).get("content");
          return Reply.json(
              200,
              "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", \"model\": \""
                  + body.get("model")
                  + "\", \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\","
                  + " \"content\": \"echo: "
                  + last
                  + "\"}, \"finish_reason\": \"stop\"}],"
                  + " \"usage\": {\"prompt_tokens\": 5, \"completion_tokens\": 2, \"total_tokens\": 7}}");
        });
    tools =
        new ToolRegistry(
            ToolsConfig.builder().modelBaseUrl(URI.create(server.url("/v1/"))).build());
    model = tools.modelClient();
  }

  @AfterEach
  void stop() {
    tools.close();
    server.close();
  }

  @Test
  void completionIsReturnedInOpenAiShape() {
    Map<String, Object> completion =
        model.complete(
            new PromptRequest(
                "gpt-4o-mini",
                List.of(
                    map("role", "system", "content", "Be brief."),
                    map("role", "user", "content", "hi")),
                map("temperature", 0.2, "max_tokens", 50L),
                "sk-test"));

    assertThat(completion.get("id")).isEqualTo("chatcmpl-1");
    Map<?, ?> choice = (Map<?, ?>) ((List<?>) completion.get("choices")).get(0);
    assertThat(((Map<?, ?>) choice.get("message")).get("content")).isEqualTo("echo: hi");
    assertThat(((Map<?, ?>) completion.get("usage")).get("total_tokens")).isEqualTo(7L);
  }

  @Test
  void requestCarriesModelMessagesAndSettings() throws Exception {
    model.complete(
        new PromptRequest(
            "llama3",
            List.of(map("role", "user", "content", "x")),
            map(
                "temperature",
                0.0,
                "max_tokens",
                10L,
                "response_format",
                "json_object",
                "seed",
                7L),
            "sk-test"));

    LoopbackHttpServer.Recorded request = server.last();
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(JsonValues.parse(request.body()))
        .isEqualTo(
            map(
                "model",
                "llama3",
                "messages",
                List.of(map("role", "user", "content", "x")),
                "temperature",
                0.0,
                "max_tokens",
                10L,
                "response_format",
                map("type", "json_object"),
                "seed",
                7L));
  }

  @Test
  void jsonSchemaResponseFormatPassesThrough() throws Exception {
    Map<String, Object> format =
        map(
            "type",
            "json_schema",
            "json_schema",
            map("name", "answer", "schema", map("type", "object")));

    model.complete(
        new PromptRequest(
            "m",
            List.of(map("role", "user", "content", "x")),
            map("response_format", format),
            "sk-test"));

    assertThat(((Map<?, ?>) JsonValues.parse(server.last().body())).get("response_format"))
        .isEqualTo(format);
  }

  @Test
  void rejectedKeyIsAuthenticationErrorWithoutEcho() {
    assertThatThrownBy(
            () ->
                model.complete(
                    new PromptRequest(
                        "gpt-4", List.of(map("role", "user", "content", "x")), map(), "sk-wrong")))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("AuthenticationError");
              assertThat(error.getMessage())
                  .isEqualTo(
                      "model 'gpt-4': POST "
                          + server.url("/v1/chat/completions")
                          + " returned 401 Unauthorized; check the credentials the tool sends");
            });
  }

  @Test
  void unreachableEndpointNamesTheModel() throws Exception {
    int port;
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ToolsConfig config =
        ToolsConfig.builder()
            .modelBaseUrl(URI.create("http://127.0.0.1:" + port + "/v1"))
            .retry(ToolsConfig.RetryPolicy.none())
            .build();
    try (ToolRegistry offline = new ToolRegistry(config)) {
      PromptRequest prompt =
          new PromptRequest("llama3", List.of(map("role", "user", "content", "x")), map(), null);

      assertThatThrownBy(() -> offline.modelClient().complete(prompt))
          .isInstanceOfSatisfying(
              ToolException.class,
              error -> {
                assertThat(error.type()).isEqualTo("ConnectionError");
                assertThat(error.getMessage())
                    .isEqualTo(
                        "model 'llama3': failed to connect to http://127.0.0.1:"
                            + port
                            + "/v1/chat/completions: connection refused");
              });
    }
  }
}
