package dev.stepline.tools.oauth;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolProvider;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.tools.Fields;
import dev.stepline.tools.JsonValues;
import dev.stepline.tools.ToolErrors;
import dev.stepline.tools.ToolsConfig;
import dev.stepline.tools.http.HttpStatusErrors;
import dev.stepline.tools.http.HttpTransport;
import dev.stepline.tools.http.Urls;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs {@code oauth2} tools: the OAuth 2.0 client credentials grant (RFC 6749, section 4.4). The
 * output is the access token, so a step with {@code output: token} lets later steps send {@code
 * Authorization: "Bearer {{ token }}"}; an {@code api_call} tool can also name the tool in {@code
 * auth: {oauth2: <tool>}}.
 *
 * <p>Tokens are cached until {@code tokenRefreshMargin} before they expire (or half their lifetime,
 * for short-lived tokens). The cache key is the token URL, client id, scope, audience and a SHA-256
 * digest of the client secret: without the digest, a caller that knows only a client id would be
 * served a token fetched with the real secret. Responses without {@code expires_in} are not cached.
 */
public final class OAuth2Provider implements ToolProvider {
  private static final Set<String> OPERATIONS = Set.of("get_token", "token", "fetch_token");
  private static final Set<String> CLIENT_ERRORS =
      Set.of("invalid_client", "unauthorized_client", "invalid_grant", "invalid_scope");

  private final HttpTransport transport;
  private final ToolsConfig config;
  private final TokenCache cache;

  public OAuth2Provider(HttpTransport transport, ToolsConfig config) {
    this.transport = transport;
    this.config = config;
    this.cache = new TokenCache(config.clock());
  }

  @Override
  public Set<String> types() {
    return Set.of("oauth2");
  }

  @Override
  public Object call(ToolRequest request) {
    if (request.operation() != null && !OPERATIONS.contains(request.operation())) {
      throw ToolErrors.invalid(
          request.toolName(),
          "unknown operation '" + request.operation() + "' for an oauth2 tool; use get_token");
    }
    return token(request);
  }

  /** Returns true: the output is an access token, which the runtime must treat like a secret. */
  @Override
  public boolean isSecretOutput(ToolRequest request) {
    return true;
  }

  /** Returns a valid access token for the tool, from the cache when one is fresh. */
  public String token(ToolRequest request) {
    TokenRequest token = TokenRequest.from(request);
    return cache.get(token.cacheKey(), () -> fetch(token));
  }

  private TokenCache.Token fetch(TokenRequest token) {
    Instant requestedAt = config.clock().instant();
    HttpTransport.Response response = transport.send(token.httpRequest());
    if (!HttpStatusErrors.isSuccess(response.statusCode())) {
      throw rejected(token, response);
    }
    Object body = JsonValues.parseOrNull(response.body());
    if (!(body instanceof Map<?, ?> fields)
        || !(fields.get("access_token") instanceof String value)
        || value.isEmpty()) {
      throw new ToolException(
          ToolErrors.HTTP,
          "tool '"
              + token.toolName
              + "': the token response of "
              + HttpStatusErrors.describe(token.tokenUrl)
              + " has no access_token",
          response.statusCode(),
          null);
    }
    Duration lifetime = lifetime(fields.get("expires_in"));
    Instant expiresAt = lifetime == null ? null : requestedAt.plus(lifetime);
    return new TokenCache.Token(value, expiresAt, refreshAt(requestedAt, lifetime));
  }

  private Instant refreshAt(Instant requestedAt, Duration lifetime) {
    if (lifetime == null) {
      return null;
    }
    Duration margin = config.tokenRefreshMargin();
    if (margin.compareTo(lifetime.dividedBy(2)) > 0) {
      margin = lifetime.dividedBy(2);
    }
    return requestedAt.plus(lifetime).minus(margin);
  }

  private static Duration lifetime(Object expiresIn) {
    if (expiresIn instanceof Number number && number.longValue() > 0) {
      return Duration.ofSeconds(number.longValue());
    }
    if (expiresIn instanceof String text && text.matches("\\d{1,9}") && Long.parseLong(text) > 0) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    return null;
  }

  /**
   * Builds the error for a refused token request. RFC 6749 (section 5.2) lets a server respond to
   * bad client credentials with 400 and {@code error: invalid_client}, so the error code counts as
   * much as the status.
   */
  private static ToolException rejected(TokenRequest token, HttpTransport.Response response) {
    Object body = JsonValues.parseOrNull(response.body());
    String code =
        body instanceof Map<?, ?> fields && fields.get("error") instanceof String text
            ? text
            : null;
    int status = response.statusCode();
    if (status == 401 || status == 403 || CLIENT_ERRORS.contains(code)) {
      return new ToolException(
          ToolErrors.AUTHENTICATION,
          "tool '"
              + token.toolName
              + "': the token endpoint "
              + HttpStatusErrors.describe(token.tokenUrl)
              + " rejected the client credentials ("
              + (code == null ? "status " + status : code)
              + "); check client_id and client_secret",
          status,
          null);
    }
    return HttpStatusErrors.forResponse(token.toolName, "POST", response);
  }

  /** The evaluated settings of one token request. */
  private static final class TokenRequest {
    final String toolName;
    final java.net.URI tokenUrl;
    final String clientId;
    final String clientSecret;
    final String scope;
    final String audience;
    final boolean sendInBody;
    final Duration timeout;
    final boolean deployed;

    private TokenRequest(ToolRequest request, Fields fields) {
      toolName = request.toolName();
      tokenUrl = Urls.parse(toolName, fields.requiredString("token_url", "url"));
      clientId = fields.requiredString("client_id");
      clientSecret = fields.requiredString("client_secret");
      scope = scope(fields);
      audience = fields.string("audience");
      String method = fields.string("client_auth", "auth_method");
      if (method == null || method.equals("client_secret_basic")) {
        sendInBody = false;
      } else if (method.equals("client_secret_post")) {
        sendInBody = true;
      } else {
        throw ToolErrors.invalid(
            toolName,
            "'client_auth' must be client_secret_basic or client_secret_post (found '"
                + method
                + "')");
      }
      Duration requested = fields.seconds("timeout");
      timeout = requested == null ? Duration.ofSeconds(30) : requested;
      deployed = request.deployed();
    }

    static TokenRequest from(ToolRequest request) {
      Map<String, Object> credential = new LinkedHashMap<>();
      if (request.credential() instanceof Map<?, ?> map) {
        map.forEach((key, value) -> credential.put(String.valueOf(key), value));
      } else if (request.credential() instanceof String secret) {
        credential.put("client_secret", secret);
      }
      Fields fields =
          new Fields(
              request.toolName(), Fields.merge(credential, request.spec(), request.arguments()));
      return new TokenRequest(request, fields);
    }

    private static String scope(Fields fields) {
      Object value = fields.raw("scope");
      if (value instanceof List<?> list) {
        return String.join(" ", list.stream().map(String::valueOf).toList());
      }
      return fields.string("scope");
    }

    String cacheKey() {
      return String.join(
          "\n",
          tokenUrl.toString(),
          clientId,
          scope == null ? "" : scope,
          audience == null ? "" : audience,
          sendInBody ? "post" : "basic",
          sha256(clientSecret));
    }

    HttpTransport.Request httpRequest() {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "client_credentials");
      if (scope != null && !scope.isBlank()) {
        form.put("scope", scope);
      }
      if (audience != null && !audience.isBlank()) {
        form.put("audience", audience);
      }
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.put("Accept", "application/json");
      headers.put("Content-Type", "application/x-www-form-urlencoded");
      if (sendInBody) {
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
      } else {
        // RFC 6749, section 2.3.1: both parts are form-encoded before the Basic encoding.
        String pair = Urls.formEncode(clientId) + ":" + Urls.formEncode(clientSecret);
        headers.put(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
      }
      byte[] body = Urls.formBody(form).getBytes(StandardCharsets.UTF_8);
      return new HttpTransport.Request(
          toolName, "POST", tokenUrl, headers, body, timeout, false, true, deployed);
    }

    private static String sha256(String text) {
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from the JDK", e);
      }
    }
  }
}
