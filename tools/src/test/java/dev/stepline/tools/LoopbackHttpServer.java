package dev.stepline.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A real HTTP server on 127.0.0.1 that records every request and replies from per-path routes. */
public final class LoopbackHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Function<Recorded, Reply>> routes = new ConcurrentHashMap<>();

  /** One received request; header names are case-insensitive. */
  public record Recorded(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : String.join(", ", values);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public record Reply(int status, Map<String, String> headers, byte[] body) {
    public static Reply json(int status, String json) {
      return new Reply(
          status,
          Map.of("Content-Type", "application/json"),
          json.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply text(int status, String text) {
      return new Reply(
          status, Map.of("Content-Type", "text/plain"), text.getBytes(StandardCharsets.UTF_8));
    }
  }

  public LoopbackHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public void route(String path, Function<Recorded, Reply> handler) {
    routes.put(path, handler);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Recorded> requests() {
    return requests;
  }

  public long count(String path) {
    return requests.stream().filter(request -> request.path().equals(path)).count();
  }

  public Recorded last() {
    return requests.get(requests.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(exchange.getRequestHeaders());
    Recorded request =
        new Recorded(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            headers,
            exchange.getRequestBody().readAllBytes());
    requests.add(request);
    Function<Recorded, Reply> route = routes.get(request.path());
    Reply reply =
        route == null ? Reply.text(404, "no route for " + request.path()) : route.apply(request);
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] body = reply.body();
    boolean empty = body.length == 0 || request.method().equals("HEAD");
    exchange.sendResponseHeaders(reply.status(), empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
