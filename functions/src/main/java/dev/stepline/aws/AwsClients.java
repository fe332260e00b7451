package dev.stepline.aws;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds the SDK clients of a Lambda container from its environment, each once, with the
 * url-connection HTTP client (the lightest the SDK offers; see docs/benchmarks.md).
 *
 * <p>The region comes from {@code AWS_REGION}, and credentials from the provider that fits the
 * environment without walking the whole default chain: the container credentials endpoint that
 * SnapStart functions use, else the {@code AWS_ACCESS_KEY_ID} variables that other functions get,
 * else the default chain (for the CLI on a workstation). The SDK reads {@code AWS_ENDPOINT_URL}
 * itself, which points every client at LocalStack or moto.
 */
public final class AwsClients {
  private final Map<String, String> environment;

  public AwsClients(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public DynamoDbClient dynamoDb() {
    return configure(DynamoDbClient.builder()).build();
  }

  public SecretsManagerClient secretsManager() {
    return configure(SecretsManagerClient.builder()).build();
  }

  public KmsClient kms() {
    return configure(KmsClient.builder()).build();
  }

  public SfnClient stepFunctions() {
    return configure(SfnClient.builder()).build();
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder) {
    String region = environment.get("AWS_REGION");
    if (region != null && !region.isBlank()) {
      builder.region(Region.of(region));
    }
    builder.credentialsProvider(credentials());
    builder.httpClientBuilder(UrlConnectionHttpClient.builder());
    return builder;
  }

  private AwsCredentialsProvider credentials() {
    if (environment.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
      return ContainerCredentialsProvider.create();
    }
    if (environment.containsKey("AWS_ACCESS_KEY_ID")) {
      return EnvironmentVariableCredentialsProvider.create();
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
