package dev.stepline.lambda;

import dev.stepline.aws.AwsClients;
import dev.stepline.aws.BedrockModelClient;
import dev.stepline.aws.DynamoDbExecutionStore;
import dev.stepline.aws.KmsSealer;
import dev.stepline.aws.SecretsManagerSecretStore;
import dev.stepline.aws.TenantSecretStores;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.TextTaskResolver;
import dev.stepline.runtime.seal.AesGcmSealer;
import dev.stepline.runtime.seal.Sealer;
import dev.stepline.runtime.spi.ModelClient;
import dev.stepline.tools.ToolRegistry;
import dev.stepline.tools.ToolsConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the {@link StepRunner} of a Lambda container from its SDK clients and settings. A
 * handler's no-argument constructor builds one from the environment, once per container, so SDK
 * clients, connection pools, the secret cache and parsed tasks outlive one invocation (and, with
 * SnapStart, are part of the snapshot).
 */
public final class LambdaWiring {
  private static final int MAX_CACHED_TASKS = 32;

  /**
   * The key of the KMS encryption context of sealing, whose value is the execution table's name;
   * template.yaml grants kms:GenerateDataKey and kms:Decrypt only with this context.
   */
  public static final String ENCRYPTION_CONTEXT_KEY = "stepline-table";

  private final LambdaSettings settings;
  private final Map<String, String> environment;
  private final DynamoDbClient dynamoDb;
  private final SecretsManagerClient secretsManager;
  private final Sealer sealer;
  private final boolean deployed;

  public LambdaWiring(
      LambdaSettings settings,
      Map<String, String> environment,
      DynamoDbClient dynamoDb,
      SecretsManagerClient secretsManager) {
    this(settings, environment, dynamoDb, secretsManager, null);
  }

  /**
   * @param kms the KMS client of sealing, or {@code null} to build one from the environment when
   *     {@code STEPLINE_SEALING_KEY_ID} is set
   */
  public LambdaWiring(
      LambdaSettings settings,
      Map<String, String> environment,
      DynamoDbClient dynamoDb,
      SecretsManagerClient secretsManager,
      KmsClient kms) {
    this.settings = settings;
    this.environment = Map.copyOf(environment);
    this.dynamoDb = dynamoDb;
    this.secretsManager = secretsManager;
    this.sealer = sealer(SealingSettings.fromEnvironment(environment), kms);
    this.deployed = true;
  }

  private LambdaWiring(LambdaWiring deployedWiring, boolean deployed) {
    this.settings = deployedWiring.settings;
    this.environment = deployedWiring.environment;
    this.dynamoDb = deployedWiring.dynamoDb;
    this.secretsManager = deployedWiring.secretsManager;
    this.sealer = deployedWiring.sealer;
    this.deployed = deployed;
  }

  /**
   * Returns this wiring with tools that may call loopback addresses, as on a local run, for tests
   * whose services listen on 127.0.0.1. A Lambda container never uses it: there, loopback reaches
   * only the platform's own agents.
   */
  public LambdaWiring allowingLoopback() {
    return new LambdaWiring(this, false);
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

  // One sealer per container, so its runners share the cached data key.
  private Sealer sealer(SealingSettings sealing, KmsClient kms) {
    if (!sealing.usesKms()) {
      return AesGcmSealer.withRandomKey();
    }
    KmsClient client = kms != null ? kms : new AwsClients(environment).kms();
    Map<String, String> context = Map.of(ENCRYPTION_CONTEXT_KEY, settings.tableName());
    return new KmsSealer(
        client, sealing.keyId(), context, sealing.dataKeyLifetime(), Clock.systemUTC());
  }

  private StepRunner.Builder builder() {
    return StepRunner.builder()
        .store(new DynamoDbExecutionStore(dynamoDb, settings.tableName(), settings.timeToLive()))
        .sealer(sealer)
        .secrets(
            new SecretsManagerSecretStore(
                secretsManager, settings.secretPrefix(), settings.secretCacheTtl()))
        .tenantSecrets(
            new TenantSecretStores(
                secretsManager, settings.secretPrefix(), settings.secretCacheTtl()))
        .tasks(TextTaskResolver.forValidatedTasks(MAX_CACHED_TASKS))
        .deployed(deployed);
  }
}
