package dev.stepline.cli;

import dev.stepline.aws.MotoServer;
import dev.stepline.aws.SecretsManagerSecretStore;
import dev.stepline.runtime.secrets.SecretStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code stepline secrets --backend aws} on moto's Secrets Manager. Each test uses its own id
 * prefix, so tests do not see each other's secrets.
 */
@ExtendWith(MotoServer.class)
class AwsSecretsCommandTest extends SecretsCommandContract {
  private final SecretsManagerClient client;
  private final String prefix = "stepline/" + UUID.randomUUID() + "/";

  AwsSecretsCommandTest(MotoServer.Endpoint moto) {
    this.client = moto.secretsManager();
  }

  @Override
  SecretStore store() {
    return new SecretsManagerSecretStore(client, prefix, Duration.ZERO);
  }

  @Override
  List<String> backendOptions() {
    return List.of("--backend", "aws", "--prefix", prefix);
  }

  @Override
  String previousValue(String name) {
    return client
        .getSecretValue(r -> r.secretId(prefix + name).versionStage("AWSPREVIOUS"))
        .secretString();
  }
}
