package dev.stepline.lambda;

import dev.stepline.aws.AwsClients;
import dev.stepline.aws.BedrockModelClient;
import dev.stepline.aws.DynamoDbExecutionStore;
import dev.stepline.aws.SecretsManagerSecretStore;
import dev.stepline.aws.TenantSecretStores;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.TextTaskResolver;
import dev.stepline.runtime.spi.ModelClient;
import dev.stepline.tools.ToolRegistry;
import dev.stepline.tools.ToolsConfig;
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
  private final boolean deployed;

  public LambdaWiring(
      LambdaSettings settings,
      Map<String, String> environment,
      DynamoDbClient dynamoDb,
      SecretsManagerClient secretsManager) {
    this(settings, environment, dynamoDb, secretsManager, true);
  }

  private LambdaWiring(
      LambdaSettings settings,
      Map<String, String> environment,
      DynamoDbClient dynamoDb,
      SecretsManagerClient secretsManager,
      boolean deployed) {
    this.settings = settings;
    this.environment = Map.copyOf(environment);
    this.dynamoDb = dynamoDb;
    this.secretsManager = secretsManager;
    this.deployed = deployed;
  }

  /**
   * Returns this wiring with tools that may call loopback addresses, as on a local run, for tests
   * whose services listen on 127.0.0.1. A Lambda container never uses it: there, loopback reaches
   * only the platform's own agents.
   */
  public LambdaWiring allowingLoopback() {
    return new LambdaWiring(settings, environment, dynamoDb, secretsManager, false);
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
        .tenantSecrets(
            new TenantSecretStores(
                secretsManager, settings.secretPrefix(), settings.secretCacheTtl()))
        .tasks(new TextTaskResolver(MAX_CACHED_TASKS))
        .deployed(deployed);
  }
}
