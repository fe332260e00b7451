package dev.stepline.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stepline.api.ApiRequest;
import dev.stepline.api.ApiResponse;
import dev.stepline.api.SteplineApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Serves {@link SteplineApi} over HTTP on the loopback address with the JDK's HTTP server. */
public final class ApiHttpServer implements AutoCloseable {
  /**
   * How much of an oversized body the server reads and drops before it responds with 413, so that
   * the client, still sending, reads the response instead of a reset connection. A larger body gets
   * the 413 and a closed connection.
   */
  static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;

  static {
    // The JDK server leaves TCP_NODELAY off by default, and on loopback Nagle's algorithm then
    // waits for the client's delayed ACK: about 40 ms per response. The server reads the property
    // once, when the JVM creates its first HttpServer.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final SteplineApi api;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);

  /**
   * Binds to {@code 127.0.0.1:port}; port 0 picks a free port.
   *
   * @throws IOException when the port cannot be bound
   */
  public ApiHttpServer(SteplineApi api, int port) throws IOException {
    this.api = api;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::exchange);
    server.setExecutor(threads);
  }

  public void start() {
    server.start();
  }

  /** Returns the port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = readAtMost(exchange.getRequestBody(), SteplineApi.MAX_BODY_BYTES + 1);
      if (body.length > SteplineApi.MAX_BODY_BYTES) {
        drain(exchange);
      }
      ApiRequest request =
          new ApiRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              query(exchange.getRequestURI().getRawQuery()),
              headers(exchange),
              body.length == 0 ? null : new String(body, StandardCharsets.UTF_8),
              false);
      ApiResponse response = api.handle(request);
      byte[] out = response.body().toString().getBytes(StandardCharsets.UTF_8);
      response.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), out.length);
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(out);
      }
    }
  }

  // Reads one byte past the limit at most, so that an oversized body is refused without being
  // held in memory whole.
  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    return in.readNBytes(limit);
  }

  // Drops the rest of an oversized body, up to MAX_DRAINED_BYTES, and asks the client to close the
  // connection after the 413.
  private static void drain(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Connection", "close");
    long dropped = 0;
    byte[] buffer = new byte[65_536];
    int read;
    InputStream in = exchange.getRequestBody();
    while (dropped < MAX_DRAINED_BYTES && (read = in.read(buffer)) > 0) {
      dropped += read;
    }
  }

  private static Map<String, String> headers(HttpExchange exchange) {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
    return headers;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      String[] parts = pair.split("=", 2);
      query.putIfAbsent(decoded(parts[0]), parts.length == 2 ? decoded(parts[1]) : "");
    }
    return query;
  }

  // A malformed escape such as %zz is kept as written; the API then refuses the value it cannot
  // use.
  private static String decoded(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
