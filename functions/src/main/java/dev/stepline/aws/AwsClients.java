package dev.stepline.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Factory of the SDK clients of a Lambda container or of the CLI, configured from an environment.
 * Each call builds a new client, so callers build each client once and keep it. The clients use the
 * url-connection HTTP client: as fast to a first response as Apache's, faster than CRT's, and the
 * smallest in the jar (docs/benchmarks.md).
 *
 * <p>No lookup here calls the EC2 instance metadata service, unlike the SDK's default chains. The
 * region comes from {@code AWS_REGION}, else from the AWS config file, else {@link
 * MissingRegionException}. In Lambda (where {@code AWS_LAMBDA_FUNCTION_NAME} is set), credentials
 * come from the container credentials endpoint that SnapStart functions use, else from the {@code
 * AWS_ACCESS_KEY_ID} variables that other functions get. Elsewhere they come from the {@code
 * aws.accessKeyId} system properties, the {@code AWS_ACCESS_KEY_ID} variables or the AWS profile
 * files, in that order. The SDK reads {@code AWS_ENDPOINT_URL} itself, which points every client at
 * LocalStack or moto.
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

  /**
   * Returns the region from {@code AWS_REGION}, else from the AWS config file.
   *
   * @throws MissingRegionException when neither sets one
   */
  public Region region() {
    String region = environment.get("AWS_REGION");
    if (region != null && !region.isBlank()) {
      return Region.of(region.strip());
    }
    return profileRegion().orElseThrow(MissingRegionException::new);
  }

  /** Returns the credentials providers that the clients try, in order. */
  List<AwsCredentialsProvider> credentialsProviders() {
    if (environment.containsKey("AWS_LAMBDA_FUNCTION_NAME")) {
      if (environment.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
        return List.of(ContainerCredentialsProvider.create());
      }
      return List.of(EnvironmentVariableCredentialsProvider.create());
    }
    return List.of(
        SystemPropertyCredentialsProvider.create(),
        EnvironmentVariableCredentialsProvider.create(),
        ProfileCredentialsProvider.create());
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder) {
    builder.region(region());
    builder.credentialsProvider(credentials());
    builder.httpClientBuilder(UrlConnectionHttpClient.builder());
    return builder;
  }

  private AwsCredentialsProvider credentials() {
    List<AwsCredentialsProvider> providers = credentialsProviders();
    if (providers.size() == 1) {
      return providers.get(0);
    }
    return AwsCredentialsProviderChain.builder().credentialsProviders(providers).build();
  }

  private static Optional<Region> profileRegion() {
    try {
      return Optional.ofNullable(new AwsProfileRegionProvider().getRegion());
    } catch (SdkClientException e) {
      // The provider throws when the config file is missing or names no region.
      return Optional.empty();
    }
  }
}
