package dev.stepline.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.runtime.JsonValues;
import dev.stepline.testing.ExternalTools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the API of {@code stepline serve} with schemathesis, driven by {@code api/openapi.yaml}.
 * It fails on any 500, on any response whose status, content type, headers or body the description
 * does not allow, on a 405 without {@code Allow}, and on a request the description forbids that the
 * API accepts. Path parameters point at an agent, a task, an execution waiting for input and a
 * secret created first, so that requests reach past the 404s. Skips when python3 cannot import
 * {@code schemathesis} ({@code bash .ci/setup-tools} installs it).
 */
class ApiFuzzTest {
  private static final String KEY = "fuzz-test-key";

  /** Examples per operation and phase: enough to reach the error paths, few enough for CI. */
  private static final int EXAMPLES = 30;

  private static final String CHECKS =
      "not_a_server_error,status_code_conformance,content_type_conformance,"
          + "response_headers_conformance,response_schema_conformance,unsupported_method,"
          + "negative_data_rejection";

  private static final String WAITING_TASK =
      "name: fuzzed\nmain:\n  - wait_for_input:\n      info:\n        message: go?\n";

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void schemathesisFindsNoViolations() throws Exception {
    String python = ExternalTools.python("schemathesis");
    Path openApi = ExternalTools.repoRoot().resolve("api/openapi.yaml");

    try (LocalApi api = new LocalApi(KEY, dir.resolve("secrets.json"), 0, Map.of())) {
      String base = "http://127.0.0.1:" + api.port();
      writeConfig(base);
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(
              python,
              "-c",
              "import sys; from schemathesis.cli import schemathesis;"
                  + " sys.argv[0] = 'st'; schemathesis()"));
      command.addAll(List.of("run", openApi.toString(), "--url", base));
      command.addAll(List.of("--header", "Authorization: Bearer " + KEY, "--checks", CHECKS));
      command.addAll(List.of("--max-examples", String.valueOf(EXAMPLES), "--seed", "1"));
      // One worker: CPython 3.11 fails inside schemathesis with "AST constructor recursion depth
      // mismatch" when two workers build their generators at once.
      command.addAll(List.of("--workers", "1", "--no-color"));
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
      builder.redirectErrorStream(true);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(output).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
    }
  }

  /** Creates one record of each kind and points the path parameters of schemathesis at them. */
  private void writeConfig(String base) throws Exception {
    String agent = create(base + "/agents", "application/json", "{\"name\": \"fuzz\"}");
    String task = create(base + "/agents/" + agent + "/tasks", "application/yaml", WAITING_TASK);
    String execution =
        create(base + "/tasks/" + task + "/executions", "application/json", "{\"input\": {}}");
    create(base + "/secrets", "application/json", "{\"name\": \"fuzz\", \"value\": \"v\"}");
    Files.writeString(
        dir.resolve("schemathesis.toml"),
        "[parameters]\n"
            + ("agent_id = \"" + agent + "\"\n")
            + ("task_id = \"" + task + "\"\n")
            + ("execution_id = \"" + execution + "\"\n")
            + "secret_id = \"fuzz\"\n");
  }

  private String create(String url, String contentType, String body) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(201);
    return JsonValues.mapper().readTree(response.body()).get("id").asText();
  }
}
