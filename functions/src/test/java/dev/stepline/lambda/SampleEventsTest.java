package dev.stepline.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.store.InMemoryExecutionStore;
import dev.stepline.testing.ExternalTools;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each file of {@code events/} is a step request that the handler its name starts with accepts, so
 * {@code sam local invoke -e events/NAME.json} reaches the runtime (which then needs the execution
 * in the table).
 */
class SampleEventsTest {
  private static final Map<String, Function<StepRunner, StepHandler>> HANDLERS =
      Map.of(
          "execution", ExecutionHandler::new,
          "evaluate", EvaluateHandler::new,
          "control", ControlHandler::new,
          "tool", ToolHandler::new,
          "prompt", PromptHandler::new,
          "wait", WaitHandler::new);

  @Test
  void everyEventReachesItsHandler() throws Exception {
    StepRunner runner =
        StepRunner.builder()
            .store(new InMemoryExecutionStore())
            .secrets(new LocalSecretStore(null, Map.of()))
            .tasks(execution -> null)
            .build();
    List<Path> events;
    try (Stream<Path> files = Files.list(ExternalTools.repoRoot().resolve("events"))) {
      events = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    }

    assertThat(events).hasSizeGreaterThanOrEqualTo(HANDLERS.size());
    for (Path event : events) {
      String name = event.getFileName().toString();
      Function<StepRunner, StepHandler> handler =
          HANDLERS.get(name.substring(0, name.indexOf('-')));
      assertThat(handler).as("handler of %s", name).isNotNull();

      assertThatThrownBy(
              () ->
                  handler
                      .apply(runner)
                      .handleRequest(
                          Files.newInputStream(event),
                          new ByteArrayOutputStream(),
                          new TestContext("event")))
          .as(name)
          .hasMessage("execution not found: exec-00000000-0000-0000-0000-000000000001");
    }
  }
}
