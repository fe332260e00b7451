package dev.stepline.rotation;

import static dev.stepline.rotation.SecretRotator.CURRENT;
import static dev.stepline.rotation.SecretRotator.PENDING;
import static dev.stepline.rotation.SecretRotator.PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.secrets.SecretStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The versions of the local secrets file follow Secrets Manager's rules (CASES.md C08, C09). */
class LocalSecretVersionsTest {
  @TempDir Path dir;

  private LocalSecretVersions versions(String value) {
    LocalSecretStore store = new LocalSecretStore(dir.resolve("secrets.yaml"), Map.of());
    store.create("KEY", value, null, Map.of("stepline:rotation", "generated"));
    return new LocalSecretVersions(store);
  }

  /**
   * C09 with the local file: token T with v2 is version T, the same call again adds nothing, and T
   * with v3 fails while v2 stays, as on AWS (moto 5.2.1 accepts v3; see SecretRotationOnMotoTest).
   */
  @Test
  void c09TokenIsImmutableVersionId() {
    LocalSecretVersions versions = versions("v1");

    versions.putPending("KEY", "T", "v2");
    versions.putPending("KEY", "T", "v2");

    assertThat(versions.describe("KEY").versions())
        .isEqualTo(Map.of("initial", List.of(CURRENT), "T", List.of(PENDING)));
    assertThatThrownBy(() -> versions.putPending("KEY", "T", "v3"))
        .isInstanceOf(RotationException.class)
        .hasMessage("version T of secret KEY already has another value");
    assertThat(versions.value("KEY", "T", PENDING)).contains("v2");
  }

  /**
   * C08 with the local file: the token's version has no value before createSecret, so createSecret
   * writes one. After finishSecret the value has changed and the old one is AWSPREVIOUS.
   */
  @Test
  void c08RotationChangesValue() {
    LocalSecretVersions versions = versions("old-key");
    SecretRotator rotator =
        new SecretRotator(
            versions, new RotationStrategies(versions, HttpClient.newHttpClient()), false);
    assertThat(versions.value("KEY", "T", PENDING)).isEmpty();

    for (RotationStep step : RotationStep.values()) {
      rotator.run("KEY", "T", step);
    }

    assertThat(versions.value("KEY", null, CURRENT)).get().isNotEqualTo("old-key");
    assertThat(versions.value("KEY", null, PREVIOUS)).contains("old-key");
    assertThat(versions.describe("KEY").versions())
        .isEqualTo(Map.of("T", List.of(CURRENT), "initial", List.of(PREVIOUS)));
  }

  /** A value set by hand supersedes the rotation's versions, so they are dropped with it. */
  @Test
  void manualValueChangeDropsVersions() {
    LocalSecretStore store = new LocalSecretStore(dir.resolve("secrets.yaml"), Map.of());
    store.create("KEY", "old-key", null, Map.of("stepline:rotation", "generated"));
    LocalSecretVersions versions = new LocalSecretVersions(store);
    new RotationRunner(versions, new RotationStrategies(versions, HttpClient.newHttpClient()))
        .rotate("KEY", "T");

    store.update("KEY", new SecretStore.SecretUpdate("by-hand", null, null, null));

    assertThat(versions.describe("KEY").versions()).isEqualTo(Map.of("initial", List.of(CURRENT)));
    assertThat(versions.value("KEY", null, PREVIOUS)).isEmpty();
    assertThat(store.get("KEY")).isEqualTo("by-hand");
  }
}
