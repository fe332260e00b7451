package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Where {@link AwsClients} takes the region and credentials from; none is instance metadata. */
class AwsClientsTest {

  @Test
  void regionComesFromEnvironment() {
    AwsClients clients = new AwsClients(Map.of("AWS_REGION", "eu-west-2"));

    assertThat(clients.region()).isEqualTo(Region.EU_WEST_2);
  }

  @Test
  void blankRegionIsMissing() {
    // A config file on this machine could set a region; the test needs one that sets none.
    assumeTrue(
        Files.notExists(Path.of(System.getProperty("user.home"), ".aws", "config"))
            && System.getenv("AWS_CONFIG_FILE") == null);
    AwsClients clients = new AwsClients(Map.of("AWS_REGION", " "));

    assertThatThrownBy(clients::region)
        .isInstanceOf(MissingRegionException.class)
        .hasMessageContaining("AWS_REGION");
    assertThatThrownBy(clients::secretsManager).isInstanceOf(MissingRegionException.class);
  }

  @Test
  void cliCredentialsSkipInstanceMetadata() {
    AwsClients clients = new AwsClients(Map.of("AWS_REGION", "us-east-1"));

    assertThat(clients.credentialsProviders())
        .extracting(AwsCredentialsProvider::getClass)
        .containsExactly(
            SystemPropertyCredentialsProvider.class,
            EnvironmentVariableCredentialsProvider.class,
            ProfileCredentialsProvider.class);
  }

  @Test
  void lambdaCredentialsComeFromItsEnvironment() {
    AwsClients snapStart =
        new AwsClients(
            Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "f",
                "AWS_REGION", "us-east-1",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/credentials"));
    AwsClients plain =
        new AwsClients(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f", "AWS_REGION", "us-east-1"));

    assertThat(snapStart.credentialsProviders())
        .extracting(AwsCredentialsProvider::getClass)
        .containsExactly(ContainerCredentialsProvider.class);
    assertThat(plain.credentialsProviders())
        .extracting(AwsCredentialsProvider::getClass)
        .containsExactly(EnvironmentVariableCredentialsProvider.class);
  }
}
