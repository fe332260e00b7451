package dev.stepline.lambda;

import dev.stepline.aws.AwsClients;
import dev.stepline.aws.BedrockModelClient;
import dev.stepline.aws.DynamoDbExecutionStore;
import dev.stepline.aws.SecretsManagerSecretStore;
import dev.stepline.diag.InvalidTaskException;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.TaskResolver;
import dev.stepline.runtime.spi.ModelClient;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.task.Task;
import dev.stepline.tools.ToolRegistry;
import dev.stepline.tools.ToolsConfig;
import dev.stepline.validate.TaskValidator;
import dev.stepline.validate.ValidationResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the {@link StepRunner} of a Lambda container from its SDK clients and settings. A
 * handler's no-argument constructor builds one from the environment, once per container, so SDK
 * clients, connection pools, the secret cache and parsed tasks outlive one invocation (and, with
 * SnapStart, are part of the snapshot).
 */
public final class LambdaWiring {
  private static final int MAX_CACHED_TASKS = 32;

  private final LambdaSettings settings;
  private final Map<String, String> environment;
  private final DynamoDbClient dynamoDb;
  private final SecretsManagerClient secretsManager;

  public LambdaWiring(
      LambdaSettings settings,
      Map<String, String> environment,
      DynamoDbClient dynamoDb,
      SecretsManagerClient secretsManager) {
    this.settings = settings;
    this.environment = Map.copyOf(environment);
    this.dynamoDb = dynamoDb;
    this.secretsManager = secretsManager;
  }

  /** Returns the wiring of this container, from the variables {@code template.yaml} sets. */
  public static LambdaWiring fromEnvironment() {
    Map<String, String> environment = System.getenv();
    AwsClients clients = new AwsClients(environment);
    return new LambdaWiring(
        LambdaSettings.fromEnvironment(environment),
        environment,
        clients.dynamoDb(),
        clients.secretsManager());
  }

  /** Returns a runner without tools or models, for the handlers that call neither. */
  public StepRunner runner() {
    return builder().build();
  }

  /** Returns a runner that calls tools and models, for the tool and prompt handlers. */
  public StepRunner runnerWithTools() {
    ModelClient models =
        settings.modelProvider().equals(LambdaSettings.BEDROCK) ? new BedrockModelClient() : null;
    ToolRegistry tools = new ToolRegistry(ToolsConfig.fromEnvironment(environment), models);
    return builder().tools(List.of(tools)).models(tools.modelClient()).build();
  }

  private StepRunner.Builder builder() {
    return StepRunner.builder()
        .store(new DynamoDbExecutionStore(dynamoDb, settings.tableName(), settings.timeToLive()))
        .secrets(
            new SecretsManagerSecretStore(
                secretsManager, settings.secretPrefix(), settings.secretCacheTtl()))
        .tasks(new TaskCache())
        .deployed(true);
  }

  /**
   * Parses the task text stored with an execution, keeping the most recently used tasks, because
   * every step of an execution reads the same text.
   */
  static final class TaskCache implements TaskResolver {
    private final Map<String, Task> tasks =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Task> eldest) {
            return size() > MAX_CACHED_TASKS;
          }
        };

    @Override
    public Task resolve(ExecutionRecord execution) {
      synchronized (tasks) {
        Task cached = tasks.get(execution.taskText());
        if (cached != null) {
          return cached;
        }
      }
      ValidationResult result =
          new TaskValidator().validate(execution.taskId() + ".yaml", execution.taskText());
      if (result.hasErrors()) {
        throw new InvalidTaskException(result.diagnostics());
      }
      synchronized (tasks) {
        tasks.put(execution.taskText(), result.task());
      }
      return result.task();
    }
  }
}
