package dev.stepline.tools.oauth;

import static dev.stepline.tools.Requests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.tools.LoopbackHttpServer;
import dev.stepline.tools.LoopbackHttpServer.Reply;
import dev.stepline.tools.ToolRegistry;
import dev.stepline.tools.ToolsConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuth2ProviderTest {
  private static final String SECRET = "s3cr&t/+= x";

  private final MutableClock clock = new MutableClock();
  private final AtomicInteger issued = new AtomicInteger();
  private LoopbackHttpServer server;
  private ToolRegistry tools;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackHttpServer();
    server.route(
        "/token",
        request -> {
          String basic = "Basic c3RlcGxpbmUtY2xpZW50OnMzY3IlMjZ0JTJGJTJCJTNEK3g=";
          boolean basicOk = basic.equals(request.header("Authorization"));
          boolean postOk =
              request.bodyText().contains("client_id=stepline-client")
                  && request.bodyText().contains("client_secret=s3cr%26t%2F%2B%3D+x");
          if (!basicOk && !postOk) {
            return Reply.json(400, "{\"error\": \"invalid_client\"}");
          }
          return Reply.json(
              200,
              "{\"access_token\": \"at-"
                  + issued.incrementAndGet()
                  + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}");
        });
    server.route(
        "/api",
        request ->
            "Bearer at-1".equals(request.header("Authorization"))
                    || "Bearer at-2".equals(request.header("Authorization"))
                ? Reply.json(200, "{\"user\": \"ok\"}")
                : Reply.json(401, "{}"));
    tools = new ToolRegistry(ToolsConfig.builder().clock(clock).build());
  }

  @AfterEach
  void stop() {
    tools.close();
    server.close();
  }

  private Map<String, Object> tokenSpec() {
    return map(
        "token_url",
        server.url("/token"),
        "client_id",
        "stepline-client",
        "client_secret",
        SECRET,
        "scope",
        "read write");
  }

  private ToolRequest tokenRequest(Map<String, Object> spec, Map<String, Object> arguments) {
    return new ToolRequest("oauth_service", "oauth2", spec, "get_token", arguments, null, false);
  }

  @Test
  void clientSecretBasicSendsEncodedCredentials() {
    Object token = tools.call(tokenRequest(tokenSpec(), map()));

    assertThat(token).isEqualTo("at-1");
    LoopbackHttpServer.Recorded request = server.last();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Authorization"))
        .isEqualTo("Basic c3RlcGxpbmUtY2xpZW50OnMzY3IlMjZ0JTJGJTJCJTNEK3g=");
    assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(request.bodyText()).isEqualTo("grant_type=client_credentials&scope=read+write");
  }

  @Test
  void clientSecretPostSendsCredentialsInBody() {
    Map<String, Object> spec = tokenSpec();
    spec.put("client_auth", "client_secret_post");

    tools.call(tokenRequest(spec, map()));

    LoopbackHttpServer.Recorded request = server.last();
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.bodyText())
        .isEqualTo(
            "grant_type=client_credentials&scope=read+write&client_id=stepline-client&client_secret=s3cr%26t%2F%2B%3D+x");
  }

  @Test
  void argumentsSupplyClientCredentials() {
    Map<String, Object> spec = map("token_url", server.url("/token"));

    Object token =
        tools.call(
            tokenRequest(
                spec,
                map(
                    "client_id",
                    "stepline-client",
                    "client_secret",
                    SECRET,
                    "scope",
                    "read write")));

    assertThat(token).isEqualTo("at-1");
  }

  @Test
  void tokenIsCachedUntilShortlyBeforeExpiry() {
    assertThat(tools.call(tokenRequest(tokenSpec(), map()))).isEqualTo("at-1");
    clock.advance(Duration.ofSeconds(3600 - 61));
    assertThat(tools.call(tokenRequest(tokenSpec(), map()))).isEqualTo("at-1");
    assertThat(server.count("/token")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    assertThat(tools.call(tokenRequest(tokenSpec(), map()))).isEqualTo("at-2");
    assertThat(server.count("/token")).isEqualTo(2);
  }

  @Test
  void concurrentColdCallsFetchOnce() throws Exception {
    int callers = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(callers);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    try {
      List<java.util.concurrent.Future<Object>> tokens = new java.util.ArrayList<>();
      for (int i = 0; i < callers; i++) {
        tokens.add(
            pool.submit(
                () -> {
                  start.await();
                  return tools.call(tokenRequest(tokenSpec(), map()));
                }));
      }
      start.countDown();
      for (java.util.concurrent.Future<Object> token : tokens) {
        assertThat(token.get()).isEqualTo("at-1");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.count("/token")).isEqualTo(1);
  }

  @Test
  void cacheKeyedByScopeAndSecret() {
    tools.call(tokenRequest(tokenSpec(), map()));
    tools.call(tokenRequest(tokenSpec(), map("scope", "read")));
    assertThat(server.count("/token")).isEqualTo(2);

    assertThatThrownBy(() -> tools.call(tokenRequest(tokenSpec(), map("client_secret", "guess"))))
        .extracting("type")
        .isEqualTo("AuthenticationError");
    assertThat(server.count("/token")).isEqualTo(3);
  }

  @Test
  void invalidClientIsAuthenticationError() {
    assertThatThrownBy(() -> tools.call(tokenRequest(tokenSpec(), map("client_secret", "wrong"))))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("AuthenticationError");
              assertThat(error.statusCode()).isEqualTo(400);
              assertThat(error.getMessage())
                  .isEqualTo(
                      "tool 'oauth_service': the token endpoint "
                          + server.url("/token")
                          + " rejected the client credentials (invalid_client); check client_id and client_secret")
                  .doesNotContain("wrong");
            });
  }

  @Test
  void missingClientSecretIsValueError() {
    assertThatThrownBy(
            () ->
                tools.call(
                    tokenRequest(map("token_url", server.url("/token"), "client_id", "c"), map())))
        .hasMessage(
            "tool 'oauth_service': 'client_secret' is missing; set it in the tool or the arguments")
        .extracting("type")
        .isEqualTo("ValueError");
  }

  @Test
  void apiCallAuthenticatesThroughOAuthTool() {
    ToolRequest tokenTool =
        new ToolRequest("oauth_service", "oauth2", tokenSpec(), null, map(), null, false);
    ToolRequest.ToolLookup lookup =
        name -> name.equals("oauth_service") ? Optional.of(tokenTool) : Optional.empty();
    ToolRequest apiCall =
        new ToolRequest(
            "api_service",
            "api_call",
            map("url", server.url("/api"), "auth", map("oauth2", "oauth_service")),
            null,
            map(),
            null,
            false,
            lookup);

    tools.call(apiCall);
    Map<?, ?> output = (Map<?, ?>) tools.call(apiCall);

    assertThat(output.get("json")).isEqualTo(Map.of("user", "ok"));
    assertThat(server.last().header("Authorization")).isEqualTo("Bearer at-1");
    assertThat(server.count("/token")).isEqualTo(1);
  }

  @Test
  void tokenOutputAsBearerHeader() {
    Object token = tools.call(tokenRequest(tokenSpec(), map()));

    tools.call(
        new ToolRequest(
            "api_service",
            "api_call",
            map("url", server.url("/api")),
            "call_api",
            map("headers", map("Authorization", "Bearer " + token)),
            null,
            false));

    assertThat(server.last().header("Authorization")).isEqualTo("Bearer at-1");
  }

  @Test
  void unknownOAuthToolReferenceIsValueError() {
    ToolRequest apiCall =
        new ToolRequest(
            "api_service",
            "api_call",
            map("url", server.url("/api"), "auth", map("oauth2", "missing")),
            null,
            map(),
            null,
            false);

    assertThatThrownBy(() -> tools.call(apiCall))
        .hasMessage(
            "tool 'api_service': 'auth.oauth2' names tool 'missing', which the task does not declare");
  }

  /** A clock the test moves by hand, so token expiry needs no sleeping. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
