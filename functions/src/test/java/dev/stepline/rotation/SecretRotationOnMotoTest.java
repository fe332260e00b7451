package dev.stepline.rotation;

import static dev.stepline.rotation.SecretRotator.CURRENT;
import static dev.stepline.rotation.SecretRotator.PENDING;
import static dev.stepline.rotation.SecretRotator.PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stepline.aws.MotoServer;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** The rotation protocol with the generated and HTTP API key strategies, on moto's server. */
@ExtendWith(MotoServer.class)
class SecretRotationOnMotoTest {
  private final SecretsManagerClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  SecretRotationOnMotoTest(MotoServer.Endpoint moto) {
    this.client = moto.secretsManager();
  }

  private String createSecret(String value, Map<String, String> tags) {
    String id = "stepline/" + UUID.randomUUID() + "/KEY";
    client.createSecret(
        r ->
            r.name(id)
                .secretString(value)
                .tags(
                    tags.entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .toList()));
    return id;
  }

  private RotationRunner runner(SecretsManagerClient through) {
    return new RotationRunner(through, new RotationStrategies(client, http));
  }

  @Test
  void generatedRotationChangesValueAndKeepsOldAsPrevious() {
    String id =
        createSecret(
            "old-signing-key",
            Map.of("stepline:rotation", "generated", "stepline:rotation:length", "24"));

    String token = runner(client).rotate(id);

    SecretVersions versions = new SecretVersions(client, id);
    String current = versions.value(CURRENT);
    assertThat(current).isNotEqualTo("old-signing-key").hasSize(24).matches("[A-Za-z0-9]+");
    assertThat(versions.value(PREVIOUS)).isEqualTo("old-signing-key");
    assertThat(versions.versionWith(CURRENT)).isEqualTo(token);
  }

  @Test
  void generatedAlphabetIsConfigurable() {
    String id =
        createSecret(
            "old",
            Map.of(
                "stepline:rotation", "generated",
                "stepline:rotation:alphabet", "0123456789abcdef"));

    runner(client).rotate(id);

    assertThat(new SecretVersions(client, id).value(CURRENT)).matches("[0-9a-f]{40}");
  }

  @Test
  void secondRotationMovesPreviousOn() {
    String id = createSecret("first", Map.of("stepline:rotation", "generated"));
    runner(client).rotate(id);
    SecretVersions versions = new SecretVersions(client, id);
    String second = versions.value(CURRENT);

    runner(client).rotate(id);

    assertThat(versions.value(PREVIOUS)).isEqualTo(second);
    assertThat(versions.value(CURRENT)).isNotIn("first", second);
  }

  @Test
  void apiKeyRotationIssuesTestsAndRevokes() throws Exception {
    try (ApiKeyProvider provider = new ApiKeyProvider("key-old")) {
      String id = createSecret("key-old", apiKeyTags(provider));

      runner(client).rotate(id);

      SecretVersions versions = new SecretVersions(client, id);
      String current = versions.value(CURRENT);
      assertThat(current).startsWith("key-").isNotEqualTo("key-old");
      assertThat(versions.value(PREVIOUS)).isEqualTo("key-old");
      assertThat(provider.liveKeys).containsExactly(current);
    }
  }

  @Test
  void apiKeyTestFailsWhenProviderRejectsPendingKey() throws Exception {
    try (ApiKeyProvider provider = new ApiKeyProvider("key-old")) {
      String id = createSecret("key-old", apiKeyTags(provider));
      SecretRotator rotator =
          new SecretRotator(client, new RotationStrategies(client, http), false);
      String token = UUID.randomUUID().toString();
      rotator.run(id, token, RotationStep.CREATE_SECRET);
      provider.liveKeys.remove(provider.issuedByToken.get(token));

      assertThatThrownBy(() -> rotator.run(id, token, RotationStep.TEST_SECRET))
          .isInstanceOf(RotationException.class)
          .hasMessageStartingWith("Failed to test the pending key: provider answered HTTP 401");
      assertThat(new SecretVersions(client, id).value(CURRENT)).isEqualTo("key-old");
    }
  }

  /**
   * C08 and C09 under crashes: the rotation Lambda dies before or after every Secrets Manager call,
   * Secrets Manager runs the protocol again with the same token, and the secret converges to one
   * new current version with the old value in AWSPREVIOUS.
   */
  @Test
  void crashAtEveryCallConvergesGenerated() {
    CrashingClient crashing = new CrashingClient(client);
    String probe = createSecret("old", Map.of("stepline:rotation", "generated"));
    crashing.countOnly();
    runner(crashing.client()).rotate(probe);
    int calls = crashing.calls();
    assertThat(calls).isGreaterThanOrEqualTo(12);

    for (int call = 1; call <= calls; call++) {
      for (boolean after : new boolean[] {false, true}) {
        String id = createSecret("old", Map.of("stepline:rotation", "generated"));
        String token = UUID.randomUUID().toString();
        crashing.crashAt(call, after);
        assertThat(catchThrowable(() -> runner(crashing.client()).rotate(id, token)))
            .as("crash %s call %d of %d", after ? "after" : "before", call, calls)
            .isInstanceOf(CrashingClient.Crash.class);

        runner(client).rotate(id, token);

        assertConverged(id, token, "old");
      }
    }
  }

  @Test
  void crashAtEveryCallConvergesApiKey() throws Exception {
    try (ApiKeyProvider provider = new ApiKeyProvider("key-0")) {
      CrashingClient crashing = new CrashingClient(client);
      crashing.countOnly();
      runner(crashing.client()).rotate(createSecret("key-0", apiKeyTags(provider)));
      int calls = crashing.calls();

      for (int call = 1; call <= calls; call++) {
        for (boolean after : new boolean[] {false, true}) {
          String old = "key-" + UUID.randomUUID();
          provider.liveKeys.add(old);
          String id = createSecret(old, apiKeyTags(provider));
          String token = UUID.randomUUID().toString();
          crashing.crashAt(call, after);
          assertThat(catchThrowable(() -> runner(crashing.client()).rotate(id, token)))
              .as("crash %s call %d of %d", after ? "after" : "before", call, calls)
              .isInstanceOf(CrashingClient.Crash.class);

          runner(client).rotate(id, token);

          assertConverged(id, token, old);
          String current = new SecretVersions(client, id).value(CURRENT);
          assertThat(current).isEqualTo(provider.issuedByToken.get(token));
          assertThat(provider.liveKeys)
              .as("crash at call %d", call)
              .contains(current)
              .doesNotContain(old);
        }
      }
    }
  }

  private void assertConverged(String id, String token, String old) {
    SecretVersions versions = new SecretVersions(client, id);
    Map<String, List<String>> stages = versions.stages();
    assertThat(versions.versionWith(CURRENT)).isEqualTo(token);
    assertThat(versions.value(CURRENT)).isNotEqualTo(old);
    assertThat(versions.value(PREVIOUS)).isEqualTo(old);
    assertThat(stages).as("versions of %s", id).hasSize(2);
  }

  /**
   * C08: before createSecret, reading the token's version as AWSPENDING raises
   * ResourceNotFoundException, which is the signal to make a new value and write it under the
   * token. After finishSecret the value really changed and the old one is AWSPREVIOUS.
   *
   * <p>Where moto differs from AWS: on AWS, RotateSecret stages the token as an AWSPENDING version
   * without a value and invokes the rotation function, and it refuses a secret without one. moto
   * 5.2.1 accepts RotateSecret without a function and labels the empty version AWSCURRENT at once,
   * a state AWS never shows. So this test starts the rotation as {@link RotationRunner} does, with
   * a token that is no version yet, which raises the same ResourceNotFoundException.
   */
  @Test
  void c08MissingPendingValueTriggersCreate() {
    String id = createSecret("old-signing-key", Map.of("stepline:rotation", "generated"));
    String token = UUID.randomUUID().toString();
    SecretRotator rotator = new SecretRotator(client, new RotationStrategies(client, http), false);
    assertThatThrownBy(
            () -> client.getSecretValue(r -> r.secretId(id).versionId(token).versionStage(PENDING)))
        .isInstanceOf(ResourceNotFoundException.class);

    rotator.run(id, token, RotationStep.CREATE_SECRET);

    assertThat(
            client
                .getSecretValue(r -> r.secretId(id).versionId(token).versionStage(PENDING))
                .secretString())
        .isNotEqualTo("old-signing-key");

    for (RotationStep step : RotationStep.values()) {
      rotator.run(id, token, step);
    }

    SecretVersions versions = new SecretVersions(client, id);
    assertThat(versions.value(CURRENT)).isNotEqualTo("old-signing-key").hasSize(40);
    assertThat(versions.value(PREVIOUS)).isEqualTo("old-signing-key");
    assertThat(versions.versionWith(CURRENT)).isEqualTo(token);
    assertThat(versions.stages()).as("every write used the token").hasSize(2);
  }

  /** C09: the rotator writes the pending value once per token, however often createSecret runs. */
  @Test
  void createSecretWritesOnceUnderOneToken() {
    String id = createSecret("old", Map.of("stepline:rotation", "generated"));
    CrashingClient counting = new CrashingClient(client);
    counting.countOnly();
    SecretRotator rotator =
        new SecretRotator(counting.client(), new RotationStrategies(client, http), false);
    String token = UUID.randomUUID().toString();

    rotator.run(id, token, RotationStep.CREATE_SECRET);
    String pending =
        client
            .getSecretValue(r -> r.secretId(id).versionId(token).versionStage(PENDING))
            .secretString();
    rotator.run(id, token, RotationStep.CREATE_SECRET);

    assertThat(
            client
                .getSecretValue(r -> r.secretId(id).versionId(token).versionStage(PENDING))
                .secretString())
        .isEqualTo(pending);
    assertThat(new SecretVersions(client, id).stages()).hasSize(2);
  }

  /**
   * C09 on moto, with PutSecretValue in the form createSecret uses (VersionStages AWSPENDING):
   * token T with value v2 returns version T, and the identical call again adds no version, as on
   * AWS. AWS rejects T with a different value v3 (ResourceExistsException) and keeps v2; moto 5.2.1
   * accepts it without an error (CASES.md C09). This test asserts moto's answer so that it fails
   * when moto changes; the rotator relies on neither, because createSecret reads the pending
   * version before it writes (createSecretWritesOnceUnderOneToken).
   */
  @Test
  void reusedTokenWithNewValueOnMoto() {
    String id = createSecret("v1", Map.of());
    String token = UUID.randomUUID().toString();

    String version = putPending(id, token, "v2");
    putPending(id, token, "v2");

    assertThat(version).isEqualTo(token);
    assertThat(new SecretVersions(client, id).stages()).hasSize(2);
    // Differs from AWS, which throws ResourceExistsException here.
    assertThat(catchThrowable(() -> putPending(id, token, "v3"))).isNull();
    assertThat(new SecretVersions(client, id).stages()).hasSize(2);
  }

  private String putPending(String id, String token, String value) {
    return client
        .putSecretValue(
            r ->
                r.secretId(id).clientRequestToken(token).secretString(value).versionStages(PENDING))
        .versionId();
  }

  @Test
  void lambdaRefusesSecretWithoutRotationEnabled() {
    String id = createSecret("old", Map.of("stepline:rotation", "generated"));
    SecretRotationHandler handler = new SecretRotationHandler(client, http);
    Map<String, Object> event =
        Map.of("SecretId", id, "ClientRequestToken", "t-1", "Step", "createSecret");

    assertThatThrownBy(() -> handler.handle(event))
        .isInstanceOf(RotationException.class)
        .hasMessage(
            "secret " + id + " does not have rotation enabled; turn it on with rotate-secret");
  }

  @Test
  void unknownTokenIsRefused() {
    String id = createSecret("old", Map.of("stepline:rotation", "generated"));
    SecretRotator rotator = new SecretRotator(client, new RotationStrategies(client, http), false);

    assertThatThrownBy(() -> rotator.run(id, "no-such-token", RotationStep.SET_SECRET))
        .isInstanceOf(RotationException.class)
        .hasMessage("token no-such-token is no version of secret " + id + "; start a new rotation");
  }

  @Test
  void unknownStepIsRefused() {
    assertThatThrownBy(() -> RotationStep.of("rotate"))
        .isInstanceOf(RotationException.class)
        .hasMessage(
            "unknown rotation step (found 'rotate'); expected createSecret, setSecret, testSecret"
                + " or finishSecret");
  }

  static Map<String, String> apiKeyTags(ApiKeyProvider provider) {
    return Map.of(
        "stepline:rotation", "http-api-key",
        "stepline:rotation:create-url", provider.uri("/keys").toString(),
        "stepline:rotation:test-url", provider.uri("/whoami").toString(),
        "stepline:rotation:revoke-url", provider.uri("/revoke").toString());
  }
}
