package dev.stepline.rotation;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads a secret's versions and staged values, for assertions. */
record SecretVersions(SecretsManagerClient client, String secretId) {

  String value(String stage) {
    return client.getSecretValue(r -> r.secretId(secretId).versionStage(stage)).secretString();
  }

  Map<String, List<String>> stages() {
    return client.describeSecret(r -> r.secretId(secretId)).versionIdsToStages();
  }

  String versionWith(String stage) {
    return stages().entrySet().stream()
        .filter(entry -> entry.getValue().contains(stage))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }
}
