package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.rotation.LocalSecretVersions;
import dev.stepline.rotation.RotationStep;
import dev.stepline.rotation.RotationStrategies;
import dev.stepline.rotation.SecretRotator;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.secrets.SecretStore;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code stepline secrets} on the local backend: a JSON secrets file. */
class LocalSecretsCommandTest extends SecretsCommandContract {

  @Override
  SecretStore store() {
    return new LocalSecretStore(dir.resolve("secrets.json"), Map.of());
  }

  @Override
  List<String> backendOptions() {
    return List.of("--backend", "local", "--secrets", dir.resolve("secrets.json").toString());
  }

  @Override
  String previousValue(String name) {
    return ((LocalSecretStore) store())
        .versions(name).orElseThrow().others().stream()
            .filter(version -> version.stages().contains("AWSPREVIOUS"))
            .findFirst()
            .orElseThrow()
            .value();
  }

  /** A rotation that stopped after createSecret is finished by the next rotate, not abandoned. */
  @Test
  void rotateResumesRotationThatStopped() throws Exception {
    secrets(
        "create", "SIGNING_KEY", "--value", "old-key", "--metadata", "stepline:rotation=generated");
    LocalSecretVersions versions = new LocalSecretVersions((LocalSecretStore) store());
    new SecretRotator(versions, new RotationStrategies(versions, HttpClient.newHttpClient()), false)
        .run("SIGNING_KEY", "token-1", RotationStep.CREATE_SECRET);
    String pending = versions.value("SIGNING_KEY", "token-1", "AWSPENDING").orElseThrow();

    Result rotated = secrets("rotate", "SIGNING_KEY");

    assertThat(rotated.exitCode()).as(rotated.err()).isZero();
    assertThat(rotated.json().get("version").asText()).isEqualTo("token-1");
    assertThat(rotated.json().get("resumed").asBoolean()).isTrue();
    assertThat(store().get("SIGNING_KEY")).isEqualTo(pending);
    assertThat(previousValue("SIGNING_KEY")).isEqualTo("old-key");
    assertThat(Files.readString(dir.resolve("secrets.json"))).doesNotContain("AWSPENDING");
  }
}
