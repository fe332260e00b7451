package dev.stepline.local;

import dev.stepline.api.ApiKeys;
import dev.stepline.api.InMemoryApiStore;
import dev.stepline.api.SteplineApi;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.TextTaskResolver;
import dev.stepline.runtime.seal.Sealer;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.secrets.SecretMasker;
import dev.stepline.runtime.secrets.SecretStore;
import dev.stepline.runtime.store.InMemoryExecutionStore;
import dev.stepline.tools.ToolRegistry;
import dev.stepline.tools.ToolsConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The API of {@code stepline serve}: one tenant with one API key, the in-memory stores, the secrets
 * file and the embedded engine, served on loopback.
 */
public final class LocalApi implements AutoCloseable {
  /** How many parsed task versions the step handlers keep. */
  private static final int CACHED_TASKS = 64;

  private final ToolRegistry tools;
  private final BackgroundRuns runs;
  private final ApiHttpServer server;

  /**
   * Starts serving.
   *
   * @param apiKey the bearer key every request must carry
   * @param secretsFile the secrets file the API reads and writes
   * @param port the port on 127.0.0.1, or 0 for a free one
   * @param environment the environment, for tool settings and {@code STEPLINE_SECRET_*} variables
   * @throws IOException when the port cannot be bound
   */
  public LocalApi(String apiKey, Path secretsFile, int port, Map<String, String> environment)
      throws IOException {
    this(apiKey, secretsFile, port, environment, SealingKeys.choose(null, environment));
  }

  /**
   * Starts serving, sealing secret-derived values in the execution store with {@code sealer}.
   *
   * @throws IOException when the port cannot be bound
   */
  public LocalApi(
      String apiKey, Path secretsFile, int port, Map<String, String> environment, Sealer sealer)
      throws IOException {
    SecretStore secrets = new LocalSecretStore(secretsFile, environment);
    InMemoryExecutionStore executions = new InMemoryExecutionStore();
    this.tools = new ToolRegistry(ToolsConfig.fromEnvironment(environment));
    StepRunner runner =
        StepRunner.builder()
            .store(executions)
            .sealer(sealer)
            .secrets(secrets)
            .masker(new SecretMasker())
            .tasks(new TextTaskResolver(CACHED_TASKS))
            .tools(List.of(tools))
            .models(tools.modelClient())
            .build();
    this.runs = new BackgroundRuns(runner);
    SteplineApi api =
        new SteplineApi(
            ApiKeys.single(apiKey), new InMemoryApiStore(), executions, tenant -> secrets, runs);
    this.server = new ApiHttpServer(api, port);
    server.start();
  }

  /** Returns the runs of the executions started through the API. */
  BackgroundRuns runs() {
    return runs;
  }

  /** Returns the port the API listens on. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    runs.close();
    tools.close();
  }
}
