package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.stepline.runtime.spi.ModelClient.PromptRequest;
import dev.stepline.runtime.spi.ToolException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Runs the real AWS SDK client against a loopback server that replies like Bedrock's Converse API.
 */
class BedrockModelClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicReference<String> path = new AtomicReference<>();
  private final AtomicReference<JsonNode> body = new AtomicReference<>();
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private volatile int status = 200;
  private volatile String reply;
  private volatile String errorType;
  private HttpServer server;
  private BedrockModelClient bedrock;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          path.set(exchange.getRequestURI().getRawPath());
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          body.set(JSON.readTree(exchange.getRequestBody().readAllBytes()));
          byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.getResponseHeaders().add("x-amzn-RequestId", "req-123");
          if (errorType != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
          }
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    bedrock =
        new BedrockModelClient(
            BedrockRuntimeClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build());
    reply =
        "{\"output\": {\"message\": {\"role\": \"assistant\", \"content\": [{\"text\": \"Hello\"}, {\"text\": \" there\"}]}},"
            + " \"stopReason\": \"max_tokens\", \"usage\": {\"inputTokens\": 5, \"outputTokens\": 2, \"totalTokens\": 7},"
            + " \"metrics\": {\"latencyMs\": 10}}";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static PromptRequest prompt(Map<String, Object> settings) {
    return new PromptRequest(
        "anthropic.claude-3-haiku",
        List.of(
            Map.of("role", "system", "content", "Be brief."),
            Map.of("role", "user", "content", "hi")),
        settings,
        null);
  }

  @Test
  void converseRequestCarriesSystemMessagesAndSettings() {
    bedrock.complete(
        prompt(
            Map.of("temperature", 0.5, "max_tokens", 20L, "stop", List.of("END"), "top_k", 40L)));

    assertThat(path.get()).isEqualTo("/model/anthropic.claude-3-haiku/converse");
    assertThat(authorization.get()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/");
    JsonNode request = body.get();
    assertThat(request.at("/system/0/text").asText()).isEqualTo("Be brief.");
    assertThat(request.at("/messages/0/role").asText()).isEqualTo("user");
    assertThat(request.at("/messages/0/content/0/text").asText()).isEqualTo("hi");
    assertThat(request.at("/messages").size()).isEqualTo(1);
    assertThat(request.at("/inferenceConfig/temperature").asDouble()).isEqualTo(0.5);
    assertThat(request.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(20);
    assertThat(request.at("/inferenceConfig/stopSequences/0").asText()).isEqualTo("END");
    assertThat(request.at("/additionalModelRequestFields/top_k").asInt()).isEqualTo(40);
  }

  @Test
  void responseIsChatCompletionShaped() {
    Map<String, Object> completion = bedrock.complete(prompt(Map.of()));

    assertThat(completion.get("id")).isEqualTo("bedrock-req-123");
    assertThat(completion.get("model")).isEqualTo("anthropic.claude-3-haiku");
    assertThat(completion.get("choices"))
        .isEqualTo(
            List.of(
                Map.of(
                    "index",
                    0L,
                    "message",
                    Map.of("role", "assistant", "content", "Hello there"),
                    "finish_reason",
                    "length")));
    assertThat(completion.get("usage"))
        .isEqualTo(Map.of("prompt_tokens", 5L, "completion_tokens", 2L, "total_tokens", 7L));
  }

  @Test
  void accessDeniedIsAuthenticationError() {
    status = 403;
    errorType = "AccessDeniedException";
    reply = "{\"message\": \"You don't have access to the model\"}";

    assertThatThrownBy(() -> bedrock.complete(prompt(Map.of())))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("AuthenticationError");
              assertThat(error.statusCode()).isEqualTo(403);
              assertThat(error.getMessage())
                  .startsWith(
                      "model 'anthropic.claude-3-haiku': Bedrock returned 403 AccessDeniedException");
            });
  }

  @Test
  void throttlingIsRateLimitError() {
    status = 429;
    errorType = "ThrottlingException";
    reply = "{\"message\": \"Too many requests\"}";
    BedrockModelClient noRetry =
        new BedrockModelClient(
            BedrockRuntimeClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                    c ->
                        c.retryStrategy(
                            software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()))
                .build());

    assertThatThrownBy(() -> noRetry.complete(prompt(Map.of())))
        .extracting("type")
        .isEqualTo("RateLimitError");
  }

  @Test
  void responseFormatIsRejected() {
    assertThatThrownBy(() -> bedrock.complete(prompt(Map.of("response_format", "json_object"))))
        .hasMessage(
            "model 'anthropic.claude-3-haiku': Bedrock's Converse API has no response_format;"
                + " describe the JSON you expect in the prompt instead")
        .extracting("type")
        .isEqualTo("ValueError");
    assertThat(path.get()).isNull();
  }
}
