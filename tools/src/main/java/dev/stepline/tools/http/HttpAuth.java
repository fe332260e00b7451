package dev.stepline.tools.http;

import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.tools.Fields;
import dev.stepline.tools.ToolErrors;
import dev.stepline.tools.oauth.OAuth2Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code auth} setting of an {@code api_call} tool, and the step's credential, into an
 * Authorization header or an API key header or query parameter.
 *
 * <ul>
 *   <li>{@code auth: {username, password}} or {@code [username, password]}: HTTP Basic.
 *   <li>{@code auth: {token}} or {@code {bearer}}: {@code Authorization: Bearer <token>}.
 *   <li>{@code auth: {api_key, header}} (header {@code X-API-Key} by default) or {@code {api_key,
 *       query}}: the key in that header or query parameter.
 *   <li>{@code auth: {oauth2: <tool>}}: a bearer token from the named {@code oauth2} tool.
 *   <li>{@code type:} ({@code basic}, {@code bearer}, {@code api_key}, {@code oauth2}) may name the
 *       scheme explicitly; missing values come from the credential ({@code secret_name}).
 * </ul>
 *
 * Without {@code auth}, a credential that is a string becomes a bearer token unless the request
 * already has an Authorization header, and a credential that is a mapping is read like {@code
 * auth}.
 */
final class HttpAuth {
  private final OAuth2Provider oauth;

  HttpAuth(OAuth2Provider oauth) {
    this.oauth = oauth;
  }

  /**
   * The authentication to add.
   *
   * @param header the header to set, or {@code null}
   * @param queryName the query parameter to add, or {@code null}
   */
  record Result(String header, String value, String queryName) {
    static final Result NONE = new Result(null, null, null);
  }

  Result resolve(ToolRequest request, Object auth, boolean hasAuthorizationHeader) {
    Object credential = request.credential();
    if (auth == null) {
      if (credential instanceof String token && !hasAuthorizationHeader) {
        return bearer(token);
      }
      if (credential instanceof Map<?, ?>) {
        return fromMap(request, Map.of(), credential);
      }
      return Result.NONE;
    }
    if (auth instanceof List<?> pair) {
      if (pair.size() != 2) {
        throw ToolErrors.invalid(
            request.toolName(), "'auth' as a list must be [username, password]");
      }
      return basic(String.valueOf(pair.get(0)), String.valueOf(pair.get(1)));
    }
    if (auth instanceof Map<?, ?> map) {
      return fromMap(request, map, credential);
    }
    throw ToolErrors.invalid(
        request.toolName(),
        "'auth' must be a mapping such as {username, password}, {token} or {api_key, header}"
            + " (found "
            + Fields.pythonType(auth)
            + ")");
  }

  private Result fromMap(ToolRequest request, Map<?, ?> auth, Object credential) {
    Map<String, Object> layers = new LinkedHashMap<>();
    if (credential instanceof Map<?, ?> credentialMap) {
      credentialMap.forEach((key, value) -> layers.put(String.valueOf(key), value));
    }
    auth.forEach(
        (key, value) -> {
          if (value != null) {
            layers.put(String.valueOf(key), value);
          }
        });
    Fields fields = new Fields(request.toolName(), layers);
    String type = fields.string("type");
    if (type == null) {
      type = inferType(fields);
    }
    String secret = credential instanceof String text ? text : null;
    switch (type == null ? "" : type) {
      case "basic":
        return basic(fields.requiredString("username", "user"), password(fields, secret));
      case "bearer":
        return bearer(
            required(request, fields.string("token", "bearer", "access_token"), secret, "token"));
      case "api_key":
        return apiKey(
            request, fields, required(request, fields.string("api_key", "key"), secret, "api_key"));
      case "oauth2":
        return bearer(oauthToken(request, fields.requiredString("oauth2", "tool")));
      default:
        throw ToolErrors.invalid(
            request.toolName(),
            "'auth' needs username and password, token, api_key or oauth2"
                + (type == null || type.isEmpty() ? "" : " (found type '" + type + "')"));
    }
  }

  private static String inferType(Fields fields) {
    if (fields.has("oauth2")) {
      return "oauth2";
    }
    if (fields.has("username") || fields.has("user")) {
      return "basic";
    }
    if (fields.has("token") || fields.has("bearer") || fields.has("access_token")) {
      return "bearer";
    }
    if (fields.has("api_key") || fields.has("key")) {
      return "api_key";
    }
    return null;
  }

  private static String password(Fields fields, String secret) {
    String password = fields.string("password");
    if (password != null) {
      return password;
    }
    return secret == null ? fields.requiredString("password") : secret;
  }

  private static String required(ToolRequest request, String value, String secret, String field) {
    if (value != null && !value.isEmpty()) {
      return value;
    }
    if (secret != null) {
      return secret;
    }
    throw ToolErrors.invalid(
        request.toolName(), "'auth." + field + "' is missing; set it or pass secret_name");
  }

  private Result apiKey(ToolRequest request, Fields fields, String key) {
    String query = fields.string("query");
    if (query != null) {
      return new Result(null, key, query);
    }
    String header = fields.string("header");
    return new Result(header == null ? "X-API-Key" : header, key, null);
  }

  private String oauthToken(ToolRequest request, String toolName) {
    ToolRequest tokenTool =
        request
            .tools()
            .find(toolName)
            .orElseThrow(
                () ->
                    ToolErrors.invalid(
                        request.toolName(),
                        "'auth.oauth2' names tool '"
                            + toolName
                            + "', which the task does not declare"));
    if (!tokenTool.type().equals("oauth2")) {
      throw ToolErrors.invalid(
          request.toolName(),
          "'auth.oauth2' names tool '"
              + toolName
              + "' of type '"
              + tokenTool.type()
              + "'; it must name an oauth2 tool");
    }
    return oauth.token(tokenTool);
  }

  private static Result basic(String username, String password) {
    String pair = username + ":" + password;
    return new Result(
        "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
        null);
  }

  private static Result bearer(String token) {
    return new Result("Authorization", "Bearer " + token, null);
  }
}
