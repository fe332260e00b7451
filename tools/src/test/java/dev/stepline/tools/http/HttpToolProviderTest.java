package dev.stepline.tools.http;

import static dev.stepline.tools.Requests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.tools.LoopbackHttpServer;
import dev.stepline.tools.LoopbackHttpServer.Reply;
import dev.stepline.tools.ToolRegistry;
import dev.stepline.tools.ToolsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpToolProviderTest {
  private LoopbackHttpServer server;
  private ToolRegistry tools;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackHttpServer();
    server.route("/data", request -> Reply.json(200, "{\"ok\": true}"));
    tools =
        new ToolRegistry(
            ToolsConfig.builder()
                .retry(new ToolsConfig.RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))
                .build());
  }

  @AfterEach
  void stop() {
    tools.close();
    server.close();
  }

  private Object call(Map<String, Object> spec, Map<String, Object> arguments) {
    return tools.call(
        new ToolRequest("external_api", "api_call", spec, null, arguments, null, false));
  }

  private Object call(
      String operation,
      Map<String, Object> spec,
      Map<String, Object> arguments,
      Object credential) {
    return tools.call(
        new ToolRequest("external_api", "api_call", spec, operation, arguments, credential, false));
  }

  @Test
  void bearerHeaderFromStepIsSentExactly() {
    call(
        map("method", "GET", "url", server.url("/data")),
        map("headers", map("Authorization", "Bearer tok-TEST-123")));

    assertThat(server.last().header("Authorization")).isEqualTo("Bearer tok-TEST-123");
  }

  @Test
  void definitionSecretHeaderNotReturned() {
    server.route(
        "/weather",
        request ->
            "Bearer tok-TEST-123".equals(request.header("Authorization"))
                ? Reply.json(200, "{\"temp\": 21}")
                : Reply.json(401, "{}"));
    Map<String, Object> spec =
        map(
            "method",
            "GET",
            "url",
            server.url("/weather"),
            "headers",
            map("Authorization", "Bearer tok-TEST-123"));

    Object output = call(spec, map());

    assertThat(server.last().header("Authorization")).isEqualTo("Bearer tok-TEST-123");
    assertThat(output.toString()).doesNotContain("tok-TEST-123");
    Map<String, Object> rejected =
        map("url", server.url("/weather"), "headers", map("Authorization", "Bearer tok-WRONG-9"));
    assertThatThrownBy(() -> call(rejected, map()))
        .isInstanceOf(ToolException.class)
        .satisfies(error -> assertThat(error.getMessage()).doesNotContain("tok-WRONG-9"));
  }

  @Test
  void apiKeyHeaderIsSentExactly() {
    call(
        map("method", "GET", "url", server.url("/data")),
        map("headers", map("X-API-Key", "key-42")));

    assertThat(server.last().header("X-API-Key")).isEqualTo("key-42");
  }

  @Test
  void basicAuthFromUsernameAndPassword() {
    call(
        map("method", "GET", "url", server.url("/data")),
        map("auth", map("username", "alice", "password", "s3cret")));

    assertThat(server.last().header("Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0");
  }

  @Test
  void basicAuthEncodesUtf8() {
    call(map("url", server.url("/data")), map("auth", List.of("ünï", "pässwörd")));

    assertThat(server.last().header("Authorization")).isEqualTo("Basic w7xuw686cMOkc3N3w7ZyZA==");
  }

  @Test
  void bearerAuthSetting() {
    call(map("url", server.url("/data"), "auth", map("token", "abc.def")), map());

    assertThat(server.last().header("Authorization")).isEqualTo("Bearer abc.def");
  }

  @Test
  void apiKeyAuthInHeaderAndQuery() {
    call(map("url", server.url("/data"), "auth", map("api_key", "k1", "header", "X-Token")), map());
    assertThat(server.last().header("X-Token")).isEqualTo("k1");

    call(map("url", server.url("/data"), "auth", map("api_key", "k 2", "query", "api_key")), map());
    assertThat(server.last().query()).isEqualTo("api_key=k+2");
  }

  @Test
  void credentialStringBecomesBearerToken() {
    call(null, map("url", server.url("/data")), map(), "from-secret");

    assertThat(server.last().header("Authorization")).isEqualTo("Bearer from-secret");
  }

  @Test
  void credentialFillsNamedAuthType() {
    call(
        null,
        map("url", server.url("/data"), "auth", map("type", "basic", "username", "alice")),
        map(),
        "s3cret");

    assertThat(server.last().header("Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0");
  }

  @Test
  void credentialDoesNotReplaceExplicitAuthorizationHeader() {
    call(
        null,
        map("url", server.url("/data"), "headers", map("Authorization", "Bearer explicit")),
        map(),
        "from-secret");

    assertThat(server.last().header("Authorization")).isEqualTo("Bearer explicit");
  }

  @Test
  void definitionHeadersWinOverStepHeaders() {
    call(
        map(
            "url",
            server.url("/data"),
            "headers",
            map("accept", "application/json", "X-Tool", "tool")),
        map("headers", map("Accept", "text/plain", "X-Step", "step")));

    LoopbackHttpServer.Recorded request = server.last();
    assertThat(request.header("Accept")).isEqualTo("application/json");
    assertThat(request.header("X-Tool")).isEqualTo("tool");
    assertThat(request.header("X-Step")).isEqualTo("step");
  }

  @Test
  void stepUrlAndMethodOverrideDefinition() {
    server.route("/other", request -> Reply.json(201, "{}"));

    Object output =
        call(
            map("method", "GET", "url", server.url("/data")),
            map("method", "put", "url", server.url("/other")));

    assertThat(server.last().method()).isEqualTo("PUT");
    assertThat(server.last().path()).isEqualTo("/other");
    assertThat(((Map<?, ?>) output).get("status_code")).isEqualTo(201L);
  }

  @Test
  void outputHasStatusHeadersContentAndJson() {
    Map<?, ?> output = (Map<?, ?>) call(map("url", server.url("/data")), map());

    assertThat(List.<Object>copyOf(output.keySet()))
        .containsExactly("status_code", "headers", "content", "json");
    assertThat(output.get("status_code")).isEqualTo(200L);
    assertThat(((Map<?, ?>) output.get("headers")).get("content-type"))
        .isEqualTo("application/json");
    assertThat(output.get("content")).isEqualTo("eyJvayI6IHRydWV9");
    assertThat(output.get("json")).isEqualTo(Map.of("ok", true));
  }

  @Test
  void nonJsonBodyGivesNullJson() {
    server.route("/text", request -> Reply.text(200, "plain words"));

    Map<?, ?> output =
        (Map<?, ?>) call(map("url", server.url("/text"), "include_response_content", false), map());

    assertThat(output.get("json")).isNull();
    assertThat(output.containsKey("content")).isFalse();
  }

  @Test
  void paramsJsonAndFormBodies() {
    server.route("/echo", request -> Reply.json(200, "{}"));

    call(
        map("method", "POST", "url", server.url("/echo"), "params", map("page", 2L)),
        map(
            "params",
            map("q", "a b", "tag", List.of("x", "y"), "flag", true),
            "json",
            map("name", "Ada", "n", 1L)));
    LoopbackHttpServer.Recorded json = server.last();
    assertThat(json.query()).isEqualTo("page=2&q=a+b&tag=x&tag=y&flag=true");
    assertThat(json.header("Content-Type")).isEqualTo("application/json");
    assertThat(json.bodyText()).isEqualTo("{\"name\":\"Ada\",\"n\":1}");

    call(
        map("method", "POST", "url", server.url("/echo")),
        map("data", map("grant", "x y", "n", 3L)));
    LoopbackHttpServer.Recorded form = server.last();
    assertThat(form.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(form.bodyText()).isEqualTo("grant=x+y&n=3");
  }

  @Test
  void twoBodiesAreRejected() {
    assertThatThrownBy(() -> call(map("url", server.url("/data")), map("json", map(), "data", "x")))
        .isInstanceOf(ToolException.class)
        .hasMessage(
            "tool 'external_api': set only one of 'json', 'data' and 'content' as the request body")
        .extracting("type")
        .isEqualTo("ValueError");
  }

  @Test
  void unknownArgumentIsRejected() {
    assertThatThrownBy(() -> call(map("url", server.url("/data")), map("api_key", "k")))
        .isInstanceOf(ToolException.class)
        .hasMessageStartingWith(
            "tool 'external_api': unknown argument 'api_key' for an api_call tool; use one of auth,")
        .extracting("type")
        .isEqualTo("ValueError");
  }

  @Test
  void declaredOperationSetsMethodAndPath() {
    server.route("/v1/items", request -> Reply.json(200, "[]"));
    Map<String, Object> spec =
        map(
            "method",
            "GET",
            "url",
            server.url("/v1/"),
            "operations",
            map("create_item", map("method", "POST", "path", "/items"), "list_items", "GET items"));

    call("create_item", spec, map("json", map("a", 1L)), null);
    assertThat(server.last().method()).isEqualTo("POST");
    assertThat(server.last().path()).isEqualTo("/v1/items");

    call("list_items", spec, map(), null);
    assertThat(server.last().method()).isEqualTo("GET");
    assertThat(server.last().path()).isEqualTo("/v1/items");
  }

  @Test
  void httpMethodOperationSetsMethod() {
    call("delete", map("method", "GET", "url", server.url("/data")), map(), null);

    assertThat(server.last().method()).isEqualTo("DELETE");
  }

  @Test
  void undeclaredOperationIsLabelWithoutOperations() {
    call("fetch_data", map("method", "GET", "url", server.url("/data")), map(), null);

    assertThat(server.last().method()).isEqualTo("GET");
    assertThat(server.last().path()).isEqualTo("/data");
  }

  @Test
  void undeclaredOperationFailsWhenToolDeclaresSome() {
    Map<String, Object> spec =
        map("url", server.url("/"), "operations", map("a", "GET /a", "b", "GET /b"));

    assertThatThrownBy(() -> call("fetch_data", spec, map(), null))
        .hasMessage("tool 'external_api': unknown operation 'fetch_data'; the tool declares a, b");
  }

  @Test
  void unauthorizedAndForbiddenAreAuthenticationErrors() {
    server.route("/401", request -> Reply.json(401, "{\"error\": \"bad key sk-live-123\"}"));
    server.route("/403", request -> Reply.json(403, "{}"));

    assertThatThrownBy(() -> call(map("url", server.url("/401") + "?api_key=sk-live-123"), map()))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("AuthenticationError");
              assertThat(error.statusCode()).isEqualTo(401);
              assertThat(error.getMessage())
                  .isEqualTo(
                      "tool 'external_api': GET "
                          + server.url("/401")
                          + " returned 401 Unauthorized; check the credentials the tool sends");
            });
    assertThatThrownBy(() -> call(map("url", server.url("/403")), map()))
        .extracting("type", "statusCode")
        .containsExactly("AuthenticationError", 403);
    assertThat(server.count("/401")).isEqualTo(1);
  }

  @Test
  void tooManyRequestsRetriedThenFails() {
    server.route("/busy", request -> Reply.json(429, "{}"));

    assertThatThrownBy(() -> call(map("method", "POST", "url", server.url("/busy")), map()))
        .extracting("type", "statusCode")
        .containsExactly("RateLimitError", 429);
    assertThat(server.count("/busy")).isEqualTo(3);
  }

  @Test
  void retryAfterLongerThanPolicyStopsRetrying() {
    server.route("/later", request -> new Reply(429, Map.of("Retry-After", "120"), new byte[0]));

    assertThatThrownBy(() -> call(map("url", server.url("/later")), map()))
        .extracting("type")
        .isEqualTo("RateLimitError");
    assertThat(server.count("/later")).isEqualTo(1);
  }

  @Test
  void unavailableIsRetriedUntilSuccess() {
    server.route(
        "/flaky",
        request ->
            server.count("/flaky") < 2 ? Reply.json(503, "{}") : Reply.json(200, "{\"n\": 2}"));

    Map<?, ?> output = (Map<?, ?>) call(map("url", server.url("/flaky")), map());

    assertThat(output.get("json")).isEqualTo(Map.of("n", 2L));
    assertThat(server.count("/flaky")).isEqualTo(2);
  }

  @Test
  void badGatewayIsNotRetriedForPost() {
    server.route("/gateway", request -> Reply.json(502, "{}"));

    assertThatThrownBy(() -> call(map("method", "POST", "url", server.url("/gateway")), map()))
        .extracting("type", "statusCode")
        .containsExactly("HttpError", 502);
    assertThat(server.count("/gateway")).isEqualTo(1);

    assertThatThrownBy(() -> call(map("method", "GET", "url", server.url("/gateway")), map()))
        .extracting("type")
        .isEqualTo("HttpError");
    assertThat(server.count("/gateway")).isEqualTo(4);
  }

  @Test
  void serverErrorIsHttpErrorWithExcerpt() {
    server.route("/boom", request -> Reply.text(500, "database   is\ndown"));

    assertThatThrownBy(() -> call(map("method", "DELETE", "url", server.url("/boom")), map()))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("HttpError");
              assertThat(error.statusCode()).isEqualTo(500);
              assertThat(error.getMessage())
                  .isEqualTo(
                      "tool 'external_api': DELETE "
                          + server.url("/boom")
                          + " returned 500 Internal Server Error: database is down");
            });
    assertThat(server.count("/boom")).isEqualTo(1);
  }

  @Test
  void slowResponseIsTimeoutError() {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    server.route(
        "/slow",
        request -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Reply.json(200, "{}");
        });
    try {
      assertThatThrownBy(
              () -> call(map("method", "POST", "url", server.url("/slow"), "timeout", 0.2), map()))
          .isInstanceOfSatisfying(
              ToolException.class,
              error -> {
                assertThat(error.type()).isEqualTo("TimeoutError");
                assertThat(error.getMessage())
                    .isEqualTo(
                        "tool 'external_api': POST "
                            + server.url("/slow")
                            + " timed out after 200 ms");
              });
      assertThat(server.count("/slow")).isEqualTo(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void closedPortIsConnectionErrorAfterRetries() throws Exception {
    int port;
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/x";

    assertThatThrownBy(() -> call(map("method", "POST", "url", url), map()))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("ConnectionError");
              assertThat(error.getMessage())
                  .isEqualTo(
                      "tool 'external_api': failed to connect to " + url + ": connection refused");
            });
  }

  @Test
  void oversizedResponseIsRejected() {
    server.route("/big", request -> Reply.text(200, "x".repeat(2048)));
    try (ToolRegistry small =
        new ToolRegistry(ToolsConfig.builder().maxResponseBytes(1024).build())) {
      assertThatThrownBy(
              () ->
                  small.call(
                      new ToolRequest(
                          "external_api",
                          "http",
                          map("url", server.url("/big")),
                          null,
                          map(),
                          null,
                          false)))
          .isInstanceOfSatisfying(
              ToolException.class,
              error -> {
                assertThat(error.type()).isEqualTo("ResponseTooLargeError");
                assertThat(error.getMessage())
                    .isEqualTo(
                        "tool 'external_api': the response of GET "
                            + server.url("/big")
                            + " exceeds the limit of 1024 bytes");
              });
    }
  }

  @Test
  void redirectsAreFollowedOnlyWhenAsked() {
    server.route("/moved", request -> new Reply(302, Map.of("Location", "/data"), new byte[0]));

    assertThatThrownBy(() -> call(map("url", server.url("/moved")), map()))
        .extracting("type", "statusCode")
        .containsExactly("HttpError", 302);

    Map<?, ?> output =
        (Map<?, ?>) call(map("url", server.url("/moved"), "follow_redirects", true), map());
    assertThat(output.get("json")).isEqualTo(Map.of("ok", true));
  }

  @Test
  void seeOtherTurnsPostIntoGet() {
    server.route("/submit", request -> new Reply(303, Map.of("Location", "/data"), new byte[0]));

    call(
        map("method", "POST", "url", server.url("/submit"), "follow_redirects", true),
        map("json", map("a", 1L)));

    assertThat(server.last().method()).isEqualTo("GET");
    assertThat(server.last().body()).isEmpty();
  }

  @Test
  void crossOriginRedirectDropsAuthorization() throws Exception {
    try (LoopbackHttpServer other = new LoopbackHttpServer()) {
      other.route("/landing", request -> Reply.json(200, "{}"));
      server.route(
          "/away",
          request -> new Reply(307, Map.of("Location", other.url("/landing")), new byte[0]));
      server.route("/here", request -> new Reply(307, Map.of("Location", "/data"), new byte[0]));

      call(
          map("url", server.url("/away"), "follow_redirects", true),
          map("headers", map("Authorization", "Bearer k")));
      assertThat(other.last().header("Authorization")).isNull();

      call(
          map("url", server.url("/here"), "follow_redirects", true),
          map("headers", map("Authorization", "Bearer k")));
      assertThat(server.last().header("Authorization")).isEqualTo("Bearer k");
    }
  }

  @Test
  void redirectToMetadataAddressIsRefusedBeforeConnecting() {
    server.route(
        "/sneaky",
        request ->
            new Reply(
                302, Map.of("Location", "http://169.254.169.254/latest/meta-data/"), new byte[0]));

    assertThatThrownBy(
            () -> call(map("url", server.url("/sneaky"), "follow_redirects", true), map()))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("ConnectionError");
              assertThat(error.getMessage())
                  .startsWith(
                      "tool 'external_api': connection to 169.254.169.254 (169.254.169.254) refused:"
                          + " link-local and instance metadata addresses are blocked");
            });
  }

  @Test
  void metadataAddressesAreRefused() {
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "http://[fd00:ec2::254]/",
            "http://[fe80::1]/",
            "http://[::ffff:169.254.169.254]/")) {
      assertThatThrownBy(() -> call(map("url", url), map()))
          .as(url)
          .isInstanceOfSatisfying(
              ToolException.class,
              error -> {
                assertThat(error.type()).isEqualTo("ConnectionError");
                assertThat(error.getMessage())
                    .contains("link-local and instance metadata addresses are blocked");
              });
    }
  }

  @Test
  void loopbackIsRefusedWhenDeployed() {
    for (String host : List.of("127.0.0.1", "localhost", "[::1]", "0.0.0.0")) {
      ToolRequest request =
          new ToolRequest(
              "external_api",
              "api_call",
              map("url", "http://" + host + ":" + server.port() + "/data"),
              null,
              map(),
              null,
              true);
      assertThatThrownBy(() -> tools.call(request))
          .as(host)
          .isInstanceOfSatisfying(
              ToolException.class,
              error -> {
                assertThat(error.type()).isEqualTo("ConnectionError");
                assertThat(error.getMessage())
                    .contains("loopback addresses are blocked when deployed");
              });
    }
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void invalidUrlDoesNotEchoIt() {
    assertThatThrownBy(() -> call(map("url", "ftp://example.invalid/?key=secret"), map()))
        .hasMessage(
            "tool 'external_api': the URL must start with http:// or https:// (found scheme 'ftp')");
  }
}
