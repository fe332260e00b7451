package dev.stepline.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepline.local.LocalApi;
import dev.stepline.runtime.JsonValues;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Drives the HTTP API of {@link LocalApi} (embedded engine, in-memory store) on 127.0.0.1 with a
 * few client threads, and prints requests per second with median and p99 latency for {@code GET
 * /tasks/{id}} and for starting a quickstart execution and polling it until it ends.
 *
 * <p>Usage: {@code HttpApiLoad THREADS SECONDS QUICKSTART_TASK_YAML}. The first half of each phase
 * warms up and is not counted.
 */
public final class HttpApiLoad {
  private static final String KEY = "bench-key";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private interface Operation {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    long seconds = Long.parseLong(args[1]);
    String taskYaml = Files.readString(Path.of(args[2]));

    Path secrets = Files.createTempFile("stepline-bench-secrets", ".json");
    try (LocalApi api = new LocalApi(KEY, secrets, 0, Map.of())) {
      String base = "http://127.0.0.1:" + api.port();
      String agentId = send(base, "POST", "/agents", "application/json", "{\"name\": \"a\"}");
      String taskId =
          send(base, "POST", "/agents/" + agentId + "/tasks", "application/yaml", taskYaml);

      measure(
          "GET /tasks/{id}",
          threads,
          seconds,
          () -> send(base, "GET", "/tasks/" + taskId, null, null));
      measure("start and poll quickstart", threads, seconds, () -> runToEnd(base, taskId));
    } finally {
      Files.deleteIfExists(secrets);
    }
  }

  private static void runToEnd(String base, String taskId) throws Exception {
    String executionId =
        send(
            base,
            "POST",
            "/tasks/" + taskId + "/executions",
            "application/json",
            "{\"input\": {\"name\": \"Ada\"}}");
    while (true) {
      JsonNode execution = json(base, "/executions/" + executionId);
      String status = execution.get("status").asText();
      if (status.equals("succeeded")) {
        return;
      }
      if (!List.of("queued", "starting", "running").contains(status)) {
        throw new IllegalStateException("execution " + executionId + " ended " + status);
      }
    }
  }

  /** Runs {@code operation} in a loop on each thread, and prints the second half's numbers. */
  private static void measure(String name, int threads, long seconds, Operation operation)
      throws Exception {
    long start = System.nanoTime();
    long countFrom = start + seconds * 500_000_000L;
    long end = start + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(pool.submit(() -> loop(operation, countFrom, end)));
    }
    List<Long> latencies = new ArrayList<>();
    for (Future<List<Long>> result : results) {
      latencies.addAll(result.get());
    }
    pool.shutdown();

    Collections.sort(latencies);
    double countedSeconds = (end - countFrom) / 1e9;
    System.out.printf(
        "%s: %d threads, %.0f per second, median %.2f ms, p99 %.2f ms (%d operations)%n",
        name,
        threads,
        latencies.size() / countedSeconds,
        percentile(latencies, 0.50) / 1e6,
        percentile(latencies, 0.99) / 1e6,
        latencies.size());
  }

  private static List<Long> loop(Operation operation, long countFrom, long end) throws Exception {
    List<Long> latencies = new ArrayList<>();
    long now = System.nanoTime();
    while (now < end) {
      long before = now;
      operation.run();
      now = System.nanoTime();
      if (before >= countFrom) {
        latencies.add(now - before);
      }
    }
    return latencies;
  }

  private static long percentile(List<Long> sorted, double fraction) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(fraction * sorted.size())));
  }

  /** Sends a request and returns the {@code id} of the response, or {@code null}. */
  private static String send(String base, String method, String path, String type, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + KEY);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", type)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " returned HTTP " + response.statusCode() + ": " + response.body());
    }
    JsonNode id = JsonValues.mapper().readTree(response.body()).get("id");
    return id == null ? null : id.asText();
  }

  private static JsonNode json(String base, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + KEY)
            .build();
    return JsonValues.mapper()
        .readTree(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }
}
