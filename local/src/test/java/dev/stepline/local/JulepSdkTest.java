package dev.stepline.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepline.runtime.JsonValues;
import dev.stepline.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Julep's own Python SDK, unmodified, against the API of {@code stepline serve}. Skips when
 * python3 cannot import {@code julep} and {@code yaml} ({@code bash .ci/setup-tools} installs
 * them).
 */
class JulepSdkTest {
  private static final String KEY = "sdk-test-key";

  @TempDir Path dir;

  @Test
  void julepSdkDrivesEveryResource() throws Exception {
    String python = ExternalTools.python("julep", "yaml");
    Path resources = Path.of("src/test/resources/api").toAbsolutePath();

    try (LocalApi api = new LocalApi(KEY, dir.resolve("secrets.json"), 0, Map.of())) {
      ProcessBuilder builder =
          new ProcessBuilder(
              List.of(
                  python,
                  resources.resolve("julep_sdk_flow.py").toString(),
                  resources.resolve("greet.yaml").toString(),
                  resources.resolve("approve.yaml").toString()));
      builder.environment().put("JULEP_BASE_URL", "http://127.0.0.1:" + api.port());
      builder.environment().put("JULEP_API_KEY", KEY);
      builder.redirectErrorStream(true);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();

      JsonNode seen = JsonValues.mapper().readTree(output.lines().reduce((a, b) -> b).orElse(""));
      assertThat(seen.get("secret_names"))
          .containsExactly(JsonValues.mapper().getNodeFactory().textNode("salutation"));
      assertThat(seen.get("renamed_value").asText()).isEqualTo("***");
      assertThat(seen.get("agent_name").asText()).isEqualTo("sdk agent");
      assertThat(seen.get("task_name").asText()).isEqualTo("greet");
      assertThat(seen.get("status").asText()).isEqualTo("succeeded");
      // The greeting is computed from a secret, so the store keeps it sealed and the API masks it.
      assertThat(seen.at("/output/greeting").asText()).isEqualTo("***");
      assertThat(seen.get("transition_types").get(0).asText()).isEqualTo("init");
      assertThat(seen.get("transition_types").get(seen.get("transition_types").size() - 1).asText())
          .isEqualTo("finish");
      assertThat(seen.get("agent_task_ids")).hasSize(2);
      assertThat(seen.get("agent_task_ids").get(0)).isEqualTo(seen.get("task_id"));
      assertThat(seen.get("updated_description").asText()).isEqualTo("Greets, updated.");
      assertThat(seen.get("updated_same_id").asBoolean()).isTrue();
      assertThat(seen.get("listed_execution_ids")).containsExactly(seen.get("execution_id"));
      assertThat(seen.get("resumed_status").asText()).isEqualTo("succeeded");
      assertThat(seen.at("/resumed_output/approved").asBoolean()).isTrue();
      assertThat(seen.get("cancelled_status").asText()).isEqualTo("cancelled");
      assertThat(seen.get("cancelled_last_transition").asText()).isEqualTo("cancelled");
    }
  }
}
