package dev.stepline.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.aws.MotoServer;
import dev.stepline.aws.SecretsManagerSecretStore;
import dev.stepline.runtime.spi.ToolException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * A task that calls an API with a key read through {@link SecretsManagerSecretStore} keeps
 * succeeding while the key is rotated underneath it: a call rejected with the cached, revoked key
 * refreshes the secret and retries once.
 */
@ExtendWith(MotoServer.class)
class ReadDuringRotationTest {
  private static final int ROTATIONS = 3;

  private final SecretsManagerClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  ReadDuringRotationTest(MotoServer.Endpoint moto) {
    this.client = moto.secretsManager();
  }

  @Test
  void loopKeepsSucceedingWhileKeyRotates() throws Exception {
    try (ApiKeyProvider provider = new ApiKeyProvider("key-start")) {
      String prefix = "stepline/" + UUID.randomUUID() + "/";
      client.createSecret(
          r ->
              r.name(prefix + "API_KEY")
                  .secretString("key-start")
                  .tags(
                      SecretRotationOnMotoTest.apiKeyTags(provider).entrySet().stream()
                          .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                          .toList()));
      // A long cache: every value change reaches the loop through the refresh hook.
      SecretsManagerSecretStore store =
          new SecretsManagerSecretStore(client, prefix, Duration.ofHours(1));
      AtomicBoolean rotating = new AtomicBoolean(true);
      List<Throwable> failures = new ArrayList<>();
      Set<String> keysUsed = ConcurrentHashMap.newKeySet();
      int[] calls = {0};
      Thread task =
          new Thread(
              () -> {
                while (rotating.get() || calls[0] < 5) {
                  try {
                    store.withRefreshOnAuthenticationError(
                        "API_KEY", key -> callApi(provider, key, keysUsed));
                    calls[0]++;
                  } catch (RuntimeException e) {
                    failures.add(e);
                    return;
                  }
                }
              });
      task.start();

      RotationRunner runner = new RotationRunner(client, new RotationStrategies(client, http));
      for (int i = 0; i < ROTATIONS; i++) {
        runner.rotate(prefix + "API_KEY");
        // Rotations lie hours apart, far more than one call and a refresh take: wait until the
        // task has used the new key before the next rotation revokes it.
        String current = store.refresh("API_KEY").orElseThrow();
        while (!keysUsed.contains(current) && task.isAlive()) {
          Thread.onSpinWait();
        }
      }
      rotating.set(false);
      task.join();

      assertThat(failures).isEmpty();
      assertThat(provider.liveKeys).doesNotContain("key-start").hasSize(1);
      assertThat(keysUsed).contains("key-start", provider.liveKeys.iterator().next());
    }
  }

  private String callApi(ApiKeyProvider provider, String key, Set<String> keysUsed) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(provider.uri("/whoami"))
                  .header("Authorization", "Bearer " + key)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 401) {
        throw new ToolException("AuthenticationError", "HTTP 401 from the API");
      }
      keysUsed.add(key);
      return response.body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
