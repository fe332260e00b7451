package dev.stepline.tools.http;

import dev.stepline.runtime.spi.ToolProvider;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.tools.Fields;
import dev.stepline.tools.JsonValues;
import dev.stepline.tools.ToolErrors;
import dev.stepline.tools.ToolsConfig;
import dev.stepline.tools.oauth.OAuth2Provider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Runs {@code api_call} tools (alias {@code http}). The step's arguments override the definition's
 * {@code method}, {@code url}, {@code params}, {@code json}, {@code data}, {@code content}, {@code
 * timeout}, {@code follow_redirects} and {@code auth}; headers merge, and where both name the same
 * header (compared case-insensitively) the definition's value wins, as Julep's {@code
 * execute_api_call} merges them.
 *
 * <p>The output is {@code {status_code, headers, content, json}}: {@code content} is the body in
 * base64 as Julep returns it (left out with {@code include_response_content: false}), {@code json}
 * the parsed body or {@code null}. A non-2xx status fails the step with a typed error.
 */
public final class HttpToolProvider implements ToolProvider {
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE");
  private static final Set<String> ARGUMENTS =
      Set.of(
          "method",
          "url",
          "headers",
          "params",
          "json",
          "json_",
          "data",
          "content",
          "cookies",
          "timeout",
          "follow_redirects",
          "auth",
          "include_response_content");

  private final HttpTransport transport;
  private final ToolsConfig config;
  private final HttpAuth auth;

  public HttpToolProvider(HttpTransport transport, ToolsConfig config, OAuth2Provider oauth) {
    this.transport = transport;
    this.config = config;
    this.auth = new HttpAuth(oauth);
  }

  @Override
  public Set<String> types() {
    return Set.of("api_call", "http");
  }

  @Override
  public Object call(ToolRequest request) {
    checkArguments(request);
    Fields spec = new Fields(request.toolName(), request.spec());
    Fields arguments = new Fields(request.toolName(), request.arguments());
    Fields merged =
        new Fields(request.toolName(), Fields.merge(request.spec(), request.arguments()));

    Operation operation = Operation.resolve(request, spec);
    String method = method(request, arguments, operation, spec);
    Map<String, String> headers = headers(arguments, spec);
    HttpAuth.Result authentication =
        auth.resolve(request, merged.raw("auth"), headers.containsKey("Authorization"));
    URI uri = uri(request, arguments, spec, operation, authentication);
    if (authentication.header() != null) {
      headers.put(authentication.header(), authentication.value());
    }
    addCookies(merged, headers);
    byte[] body = body(merged, headers);

    Duration timeout = merged.seconds("timeout");
    Boolean follow = merged.bool("follow_redirects");
    HttpTransport.Response response =
        transport.send(
            new HttpTransport.Request(
                request.toolName(),
                method,
                uri,
                headers,
                body,
                timeout == null ? config.httpTimeout() : timeout,
                follow != null && follow,
                true,
                request.deployed()));
    if (!HttpStatusErrors.isSuccess(response.statusCode())) {
      throw HttpStatusErrors.forResponse(request.toolName(), method, response);
    }
    Boolean includeContent = merged.bool("include_response_content");
    return output(response, includeContent == null || includeContent);
  }

  private static void checkArguments(ToolRequest request) {
    for (String name : request.arguments().keySet()) {
      if (!ARGUMENTS.contains(name)) {
        throw ToolErrors.invalid(
            request.toolName(),
            "unknown argument '"
                + name
                + "' for an api_call tool; use one of "
                + String.join(", ", ARGUMENTS.stream().sorted().toList()));
      }
    }
  }

  private static String method(
      ToolRequest request, Fields arguments, Operation operation, Fields spec) {
    String method = arguments.string("method");
    if (method == null && operation != null) {
      method = operation.method();
    }
    if (method == null) {
      method = spec.string("method");
    }
    method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw ToolErrors.invalid(
          request.toolName(),
          "unknown HTTP method '"
              + method
              + "'; use one of "
              + String.join(", ", METHODS.stream().sorted().toList()));
    }
    return method;
  }

  /** Merges headers so that the definition's value wins over the step's for the same name. */
  private static Map<String, String> headers(Fields arguments, Fields spec) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    arguments.map("headers").forEach((name, value) -> putHeader(headers, name, value));
    spec.map("headers").forEach((name, value) -> putHeader(headers, name, value));
    return headers;
  }

  private static void putHeader(Map<String, String> headers, String name, Object value) {
    if (value != null) {
      headers.remove(name);
      headers.put(name, String.valueOf(value));
    }
  }

  private static URI uri(
      ToolRequest request,
      Fields arguments,
      Fields spec,
      Operation operation,
      HttpAuth.Result authentication) {
    String url = arguments.string("url");
    if (url == null) {
      url = spec.requiredString("url");
      if (operation != null && operation.path() != null) {
        url = joinPath(url, operation.path());
      }
    }
    StringJoiner query = new StringJoiner("&");
    addParams(request, spec.raw("params"), arguments.raw("params"), query);
    if (authentication.queryName() != null) {
      query.add(
          Urls.formEncode(authentication.queryName())
              + "="
              + Urls.formEncode(authentication.value()));
    }
    if (query.length() > 0) {
      url = url + (url.contains("?") ? "&" : "?") + query;
    }
    return Urls.parse(request.toolName(), url);
  }

  private static String joinPath(String base, String path) {
    return base.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
  }

  /** Adds query parameters; the step's mapping overrides the definition's per name. */
  private static void addParams(
      ToolRequest request, Object specParams, Object argumentParams, StringJoiner query) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (Object layer : new Object[] {specParams, argumentParams}) {
      if (layer == null) {
        continue;
      }
      if (layer instanceof String text) {
        query.add(text.startsWith("?") ? text.substring(1) : text);
      } else if (layer instanceof Map<?, ?> map) {
        map.forEach((name, value) -> params.put(String.valueOf(name), value));
      } else {
        throw ToolErrors.invalid(
            request.toolName(),
            "'params' must be a mapping or a query string (found "
                + Fields.pythonType(layer)
                + ")");
      }
    }
    params.forEach(
        (name, value) -> {
          List<?> values =
              value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
          for (Object item : values) {
            query.add(Urls.formEncode(name) + "=" + Urls.formEncode(paramText(item)));
          }
        });
  }

  /** Writes a query value as httpx does: booleans in lower case, {@code None} as empty. */
  private static String paramText(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Boolean flag) {
      return flag ? "true" : "false";
    }
    return String.valueOf(value);
  }

  private static void addCookies(Fields merged, Map<String, String> headers) {
    Map<String, Object> cookies = merged.map("cookies");
    if (cookies.isEmpty()) {
      return;
    }
    StringJoiner cookie = new StringJoiner("; ");
    cookies.forEach((name, value) -> cookie.add(name + "=" + value));
    headers.merge("Cookie", cookie.toString(), (old, added) -> old + "; " + added);
  }

  private static byte[] body(Fields merged, Map<String, String> headers) {
    Object json = merged.has("json") ? merged.raw("json") : merged.raw("json_");
    Object data = merged.raw("data");
    Object content = merged.raw("content");
    int bodies = (json != null ? 1 : 0) + (data != null ? 1 : 0) + (content != null ? 1 : 0);
    if (bodies > 1) {
      throw ToolErrors.invalid(
          merged.toolName(), "set only one of 'json', 'data' and 'content' as the request body");
    }
    if (json != null) {
      headers.putIfAbsent("Content-Type", "application/json");
      return JsonValues.write(json);
    }
    if (data instanceof Map<?, ?> form) {
      Map<String, String> fields = new LinkedHashMap<>();
      form.forEach((name, value) -> fields.put(String.valueOf(name), paramText(value)));
      headers.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
      return Urls.formBody(fields).getBytes(StandardCharsets.UTF_8);
    }
    if (data != null || content != null) {
      Object text = data != null ? data : content;
      if (!(text instanceof String)) {
        throw ToolErrors.invalid(
            merged.toolName(),
            "'data' must be a mapping or a string and 'content' a string (found "
                + Fields.pythonType(text)
                + ")");
      }
      return ((String) text).getBytes(StandardCharsets.UTF_8);
    }
    return null;
  }

  private static Map<String, Object> output(HttpTransport.Response response, boolean content) {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("status_code", (long) response.statusCode());
    output.put("headers", new LinkedHashMap<>(response.headers()));
    if (content) {
      output.put("content", Base64.getEncoder().encodeToString(response.body()));
    }
    output.put("json", JsonValues.parseOrNull(response.body()));
    return output;
  }

  /**
   * The method and path an {@code operation} stands for. Operations declared on the tool under
   * {@code operations: {name: {method, path}}} (or {@code name: "GET /path"}) come first; an
   * operation named like an HTTP method ({@code get}) sets the method. On a tool that declares no
   * operations, any other name is only a label, as in Julep, where tool calls have no operation.
   */
  record Operation(String method, String path) {
    static Operation resolve(ToolRequest request, Fields spec) {
      String name = request.operation();
      if (name == null) {
        return null;
      }
      Map<String, Object> declared = spec.map("operations");
      Object operation = declared.get(name);
      if (operation instanceof Map<?, ?> map) {
        Object method = map.get("method");
        Object path = map.get("path");
        return new Operation(
            method == null ? null : String.valueOf(method),
            path == null ? null : String.valueOf(path));
      }
      if (operation instanceof String text) {
        String[] parts = text.trim().split("\\s+", 2);
        return new Operation(parts[0], parts.length > 1 ? parts[1] : null);
      }
      if (METHODS.contains(name.toUpperCase(Locale.ROOT))) {
        return new Operation(name, null);
      }
      if (!declared.isEmpty()) {
        throw ToolErrors.invalid(
            request.toolName(),
            "unknown operation '"
                + name
                + "'; the tool declares "
                + String.join(", ", declared.keySet().stream().sorted().toList()));
      }
      return null;
    }
  }
}
