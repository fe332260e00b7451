package dev.stepline.cli;

import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.secrets.SecretStore;
import java.util.List;
import java.util.Map;

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
}
