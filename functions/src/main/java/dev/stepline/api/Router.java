package dev.stepline.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps a method and a path to a handler. Paths are written like {@code /tasks/{task_id}}, and a
 * parameter matches one non-empty segment, so a path with a missing id such as {@code
 * /tasks//executions} matches no route.
 */
final class Router {

  /** Handles one matched request. */
  @FunctionalInterface
  interface Handler {
    ApiResponse handle(Call call);
  }

  /**
   * A matched request.
   *
   * @param tenant the tenant the API key belongs to
   * @param request the request
   * @param params the path parameters by name
   */
  record Call(String tenant, ApiRequest request, Map<String, String> params) {
    String param(String name) {
      return params.get(name);
    }
  }

  /**
   * One route.
   *
   * @param method the HTTP method
   * @param pattern the path pattern, such as {@code /tasks/{task_id}}
   */
  record Route(String method, String pattern, Handler handler) {}

  /** The handler and path parameters of a matched route. */
  record Match(Handler handler, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  Router add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, pattern, handler));
    return this;
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  /**
   * Finds the route of a request.
   *
   * @throws ApiException 404 when no pattern matches the path, 405 when patterns match and none
   *     takes the method
   */
  Match match(String method, String path) {
    String[] segments = split(path);
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Map<String, String> params = bind(split(route.pattern()), segments);
      if (params == null) {
        continue;
      }
      if (route.method().equals(method)) {
        return new Match(route.handler(), params);
      }
      allowed.add(route.method());
    }
    if (allowed.isEmpty()) {
      throw new ApiException(404, "not_found", "no route for " + method + " " + path, null);
    }
    throw ApiException.methodNotAllowed(method, path, List.copyOf(allowed));
  }

  private static Map<String, String> bind(String[] pattern, String[] segments) {
    if (pattern.length != segments.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String part = pattern[i];
      if (part.startsWith("{") && part.endsWith("}") && !segments[i].isEmpty()) {
        params.put(part.substring(1, part.length() - 1), percentDecoded(segments[i]));
      } else if (!part.equals(segments[i])) {
        return null;
      }
    }
    return params;
  }

  // A path parameter arrives as sent, so "bad%20id" names the id "bad id". A '+' is a plus sign
  // in a path, not a space as in a query.
  private static String percentDecoded(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          400,
          "invalid_path",
          "the path segment " + segment + " is not valid percent-encoding; encode '%' as %25",
          null);
    }
  }

  private static String[] split(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
