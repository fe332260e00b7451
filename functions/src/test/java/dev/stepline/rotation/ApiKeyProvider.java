package dev.stepline.rotation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An API key provider on loopback: {@code POST /keys} issues a key (once per Idempotency-Key),
 * {@code GET /whoami} answers 200 for a live key and 401 otherwise, {@code POST /revoke} revokes
 * the key in the body. Every call needs a live key in {@code Authorization: Bearer}.
 */
final class ApiKeyProvider implements AutoCloseable {
  final Set<String> liveKeys = ConcurrentHashMap.newKeySet();
  final Map<String, String> issuedByToken = new ConcurrentHashMap<>();
  private final HttpServer server;

  ApiKeyProvider(String firstKey) throws IOException {
    liveKeys.add(firstKey);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/keys", this::issue);
    server.createContext(
        "/whoami", exchange -> answer(exchange, authorized(exchange) ? 200 : 401, "{}"));
    server.createContext("/revoke", this::revoke);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void issue(HttpExchange exchange) throws IOException {
    if (!authorized(exchange)) {
      answer(exchange, 401, "{}");
      return;
    }
    String token = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    String key = issuedByToken.computeIfAbsent(token, t -> "key-" + UUID.randomUUID());
    liveKeys.add(key);
    answer(exchange, 201, "{\"key\": \"" + key + "\"}");
  }

  private void revoke(HttpExchange exchange) throws IOException {
    if (!authorized(exchange)) {
      answer(exchange, 401, "{}");
      return;
    }
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String key = body.replaceAll(".*\"key\"\\s*:\\s*\"([^\"]*)\".*", "$1");
    answer(exchange, liveKeys.remove(key) ? 200 : 404, "{}");
  }

  boolean authorized(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return header != null && liveKeys.contains(header.replaceFirst("^Bearer ", ""));
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
