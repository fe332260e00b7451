package dev.stepline.api;

import dev.stepline.aws.AwsClients;
import dev.stepline.aws.DynamoDbApiStore;
import dev.stepline.aws.DynamoDbExecutionStore;
import dev.stepline.aws.SecretsManagerSecretStore;
import dev.stepline.aws.StepFunctionsStarter;
import dev.stepline.aws.TenantSecretStores;
import dev.stepline.lambda.LambdaSettings;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.TextTaskResolver;
import dev.stepline.runtime.secrets.SecretStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds the API of the Lambda function behind API Gateway: agents, tasks and executions in the
 * DynamoDB table, each tenant's secrets in Secrets Manager under {@code
 * <STEPLINE_SECRET_PREFIX>tenants/<tenant>/}, and runs on Step Functions. The tasks packed into the
 * jar ({@link BundledTasks}) show as read-only tasks of a built-in agent and start the state
 * machines {@code template.yaml} deployed for them.
 *
 * <p>Besides the variables of {@link LambdaSettings}, it reads {@code
 * STEPLINE_STATE_MACHINE_ARN_PREFIX} (the ARN of a state machine up to its name, with the name
 * prefix), {@code STEPLINE_STATE_MACHINE_ROLE_ARN}, the optional {@code
 * STEPLINE_STATE_MACHINE_LOG_GROUP_ARN}, the handler ARNs {@code STEPLINE_<KIND>_FUNCTION_ARN}, and
 * {@code STEPLINE_TENANT_CLAIM}, the JWT claim that names the tenant (default {@code sub}).
 */
public final class ApiWiring {
  private static final int MAX_CACHED_TASKS = 16;

  /** The handler substitution each variable fills, as docs/architecture.md names them. */
  private static final Map<String, String> HANDLER_VARIABLES =
      Map.of(
          "ExecutionFunctionArn", "STEPLINE_EXECUTION_FUNCTION_ARN",
          "EvaluateFunctionArn", "STEPLINE_EVALUATE_FUNCTION_ARN",
          "ControlFunctionArn", "STEPLINE_CONTROL_FUNCTION_ARN",
          "ToolFunctionArn", "STEPLINE_TOOL_FUNCTION_ARN",
          "PromptFunctionArn", "STEPLINE_PROMPT_FUNCTION_ARN",
          "WaitFunctionArn", "STEPLINE_WAIT_FUNCTION_ARN");

  private final SteplineApi api;
  private final String tenantClaim;

  /**
   * @throws IllegalStateException when a variable is missing, naming it
   */
  public ApiWiring(
      Map<String, String> environment,
      DynamoDbClient dynamoDb,
      SecretsManagerClient secretsManager,
      SfnClient stepFunctions) {
    LambdaSettings settings = LambdaSettings.fromEnvironment(environment);
    DynamoDbExecutionStore executions =
        new DynamoDbExecutionStore(dynamoDb, settings.tableName(), settings.timeToLive());
    Function<String, SecretStore> secrets =
        tenantSecrets(secretsManager, settings.secretPrefix(), settings.secretCacheTtl());
    StepRunner runner =
        StepRunner.builder()
            .store(executions)
            .secrets(
                new SecretsManagerSecretStore(
                    secretsManager, settings.secretPrefix(), settings.secretCacheTtl()))
            .tenantSecrets(secrets)
            .tasks(new TextTaskResolver(MAX_CACHED_TASKS))
            .deployed(true)
            .build();
    BundledTasks bundled = BundledTasks.fromClasspath();
    StepFunctionsStarter starter =
        new StepFunctionsStarter(stepFunctions, runner, starterSettings(environment), bundled);
    this.api =
        new SteplineApi(
            new ApiKeys(Map.of()),
            new BundledApiStore(new DynamoDbApiStore(dynamoDb, settings.tableName()), bundled),
            executions,
            secrets,
            starter);
    this.tenantClaim = environment.getOrDefault("STEPLINE_TENANT_CLAIM", "sub");
  }

  /** Returns the wiring of this container, with SDK clients built from its environment. */
  public static ApiWiring fromEnvironment(Map<String, String> environment) {
    AwsClients clients = new AwsClients(environment);
    return new ApiWiring(
        environment, clients.dynamoDb(), clients.secretsManager(), clients.stepFunctions());
  }

  public SteplineApi api() {
    return api;
  }

  public String tenantClaim() {
    return tenantClaim;
  }

  /** Returns the secret store of each tenant, as {@link TenantSecretStores} lays them out. */
  public static Function<String, SecretStore> tenantSecrets(
      SecretsManagerClient client, String prefix, Duration cacheTtl) {
    return new TenantSecretStores(client, prefix, cacheTtl);
  }

  private static StepFunctionsStarter.Settings starterSettings(Map<String, String> environment) {
    Map<String, String> handlerArns = new LinkedHashMap<>();
    HANDLER_VARIABLES.forEach(
        (substitution, variable) -> handlerArns.put(substitution, required(environment, variable)));
    return new StepFunctionsStarter.Settings(
        required(environment, "STEPLINE_STATE_MACHINE_ARN_PREFIX"),
        required(environment, "STEPLINE_STATE_MACHINE_ROLE_ARN"),
        handlerArns,
        environment.get("STEPLINE_STATE_MACHINE_LOG_GROUP_ARN"));
  }

  private static String required(Map<String, String> environment, String name) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          name + " is not set; set it as template.yaml does for the API function");
    }
    return value;
  }
}
