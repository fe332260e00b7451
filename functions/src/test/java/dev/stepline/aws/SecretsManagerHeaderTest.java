package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.load.TaskLoader;
import dev.stepline.runtime.StepFailedException;
import dev.stepline.runtime.StepRequest;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.InMemoryExecutionStore;
import dev.stepline.task.Task;
import dev.stepline.tools.LoopbackHttpServer;
import dev.stepline.tools.LoopbackHttpServer.Reply;
import dev.stepline.tools.ToolRegistry;
import dev.stepline.tools.ToolsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A secret from Secrets Manager on moto in an {@code api_call} header: the request carries it, and
 * the execution store and failure messages do not.
 */
@ExtendWith(MotoServer.class)
class SecretsManagerHeaderTest {
  private static final String VALUE = "tok-TEST-123";

  private final SecretsManagerClient client;

  SecretsManagerHeaderTest(MotoServer.Endpoint moto) {
    this.client = moto.secretsManager();
  }

  @Test
  void headerCarriesSecretAndStoreDoesNot() throws Exception {
    String prefix = "stepline/" + UUID.randomUUID() + "/";
    SecretsManagerSecretStore secrets =
        new SecretsManagerSecretStore(client, prefix, Duration.ofMinutes(5));
    secrets.create("WEATHER_KEY", VALUE, null, Map.of());
    LoopbackHttpServer server = new LoopbackHttpServer();
    server.route("/weather", request -> Reply.json(200, "{\"temperature\": 21}"));
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    String taskText =
        """
        name: weather
        tools:
          - name: weather
            type: api_call
            api_call:
              method: GET
              url: http://127.0.0.1:%d/weather
              headers:
                Authorization: $ f"Bearer {secrets.WEATHER_KEY}"
        main:
          - tool: weather
            arguments: {}
          - evaluate: {k: $ secrets.weather_key}
        """
            .formatted(server.port());
    Task task = new TaskLoader().load("task.yaml", taskText).task();
    try (ToolRegistry tools = new ToolRegistry(ToolsConfig.fromEnvironment(Map.of()))) {
      StepRunner runner =
          StepRunner.builder()
              .store(store)
              .secrets(secrets)
              .tasks(execution -> task)
              .tools(List.of(tools))
              .build();
      String id = "exec-" + UUID.randomUUID();
      store.createExecution(ExecutionRecord.queued(id, "weather", taskText, "{}"));
      runner.run(new StepRequest("start", id, "main", "", "", null, null));

      runner.run(new StepRequest("step", id, "main", "main[0]", "", null, null));

      assertThat(server.requests())
          .extracting(request -> request.header("Authorization"))
          .containsExactly("Bearer " + VALUE);
      assertThatThrownBy(
              () -> runner.run(new StepRequest("step", id, "main", "main[1]", "", null, null)))
          .isInstanceOf(StepFailedException.class)
          .hasMessageContaining("secret not found: weather_key")
          .hasMessageNotContaining(VALUE);
      String recorded =
          store.transitions(id).toString()
              + store.steps(id, "")
              + store.failures(id)
              + store.findExecution(id).orElseThrow();
      assertThat(recorded).doesNotContain(VALUE);
    } finally {
      server.close();
    }
  }
}
