package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.secrets.InvalidSecretNameException;
import dev.stepline.runtime.secrets.SecretConflictException;
import dev.stepline.runtime.secrets.SecretException;
import dev.stepline.runtime.secrets.SecretMasker;
import dev.stepline.runtime.secrets.SecretMetadata;
import dev.stepline.runtime.secrets.SecretNotFoundException;
import dev.stepline.runtime.secrets.SecretStore.SecretUpdate;
import dev.stepline.runtime.secrets.SecretsMapping;
import dev.stepline.runtime.spi.ToolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Every operation of the Secrets Manager backend, on moto's server. */
@ExtendWith(MotoServer.class)
class SecretsManagerSecretStoreTest {
  private static final Duration TTL = Duration.ofMinutes(5);

  private final SecretsManagerClient client;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final List<Duration> pauses = new ArrayList<>();
  private String prefix;
  private SecretsManagerSecretStore store;

  SecretsManagerSecretStoreTest(MotoServer.Endpoint moto) {
    this.client = moto.secretsManager();
  }

  @BeforeEach
  void newPrefix() {
    prefix = "stepline/" + UUID.randomUUID() + "/";
    store = new SecretsManagerSecretStore(client, prefix, TTL, clock, pauses::add);
  }

  @Test
  void createThenGetAndDescribe() {
    SecretMetadata created =
        store.create("WEATHER_KEY", "tok-TEST-123", "weather API key", Map.of("team", "data"));

    assertThat(store.get("WEATHER_KEY")).isEqualTo("tok-TEST-123");
    assertThat(created.name()).isEqualTo("WEATHER_KEY");
    assertThat(created.description()).isEqualTo("weather API key");
    assertThat(created.metadata()).containsExactly(Map.entry("team", "data"));
    assertThat(created.source()).isEqualTo("secretsmanager");
    assertThat(created.createdAt()).isNotNull();
    assertThat(store.describe("WEATHER_KEY")).contains(created);
    assertThat(client.describeSecret(r -> r.secretId(prefix + "WEATHER_KEY")).name())
        .isEqualTo(prefix + "WEATHER_KEY");
  }

  @Test
  void metadataNeverContainsValue() {
    store.create("WEATHER_KEY", "tok-TEST-123", "key", Map.of());

    assertThat(store.describe("WEATHER_KEY").orElseThrow().toString())
        .doesNotContain("tok-TEST-123");
    assertThat(store.list().toString()).doesNotContain("tok-TEST-123");
  }

  @Test
  void duplicateCreateIsConflict() {
    store.create("WEATHER_KEY", "tok-TEST-123", null, Map.of());

    assertThatThrownBy(() -> store.create("WEATHER_KEY", "other-value", null, Map.of()))
        .isInstanceOf(SecretConflictException.class)
        .hasMessage("secret already exists: WEATHER_KEY; choose another name or update it")
        .hasMessageNotContaining("other-value");
    assertThat(store.get("WEATHER_KEY")).isEqualTo("tok-TEST-123");
  }

  @Test
  void invalidNamesAreRejected() {
    for (String name : List.of("weather-key", "1key", "", "a/b")) {
      assertThatThrownBy(() -> store.create(name, "v", null, Map.of()))
          .as("name %s", name)
          .isInstanceOf(InvalidSecretNameException.class);
      assertThatThrownBy(() -> store.find(name))
          .as("name %s", name)
          .isInstanceOf(InvalidSecretNameException.class);
    }
    assertThat(store.list()).isEmpty();
  }

  @Test
  void missingSecretIsNotFound() {
    store.create("WEATHER_KEY", "tok-TEST-123", null, Map.of());

    assertThat(store.find("weather_key")).isEmpty();
    assertThatThrownBy(() -> store.get("weather_key"))
        .isInstanceOf(SecretNotFoundException.class)
        .hasMessage("secret not found: weather_key");
    assertThat(store.describe("weather_key")).isEmpty();
    assertThatThrownBy(() -> store.delete("weather_key"))
        .isInstanceOf(SecretNotFoundException.class);
    assertThatThrownBy(() -> store.update("weather_key", new SecretUpdate("v", null, null, null)))
        .isInstanceOf(SecretNotFoundException.class);
  }

  @Test
  void listShowsOnlyNamesUnderPrefix() {
    store.create("B_KEY", "b", null, Map.of());
    store.create("A_KEY", "a", "first", Map.of());
    client.createSecret(r -> r.name(prefix + "not-a-name").secretString("x"));
    client.createSecret(r -> r.name(prefix + "nested/C_KEY").secretString("x"));
    client.createSecret(r -> r.name("other/" + prefix + "D_KEY").secretString("x"));
    new SecretsManagerSecretStore(client, prefix.replace("/", "-"), TTL)
        .create("E_KEY", "e", null, Map.of());

    assertThat(store.list()).extracting(SecretMetadata::name).containsExactly("A_KEY", "B_KEY");
    assertThat(store.list().get(0).description()).isEqualTo("first");
  }

  @Test
  void updateChangesValueDescriptionAndMetadata() {
    store.create("DB", "old", "before", Map.of("a", "1", "b", "2"));

    SecretMetadata updated =
        store.update("DB", new SecretUpdate("new", "after", Map.of("b", "3", "c", "4"), null));

    assertThat(store.get("DB")).isEqualTo("new");
    assertThat(updated.description()).isEqualTo("after");
    assertThat(updated.metadata()).containsOnly(Map.entry("b", "3"), Map.entry("c", "4"));
  }

  @Test
  void updateWithNullFieldsKeepsThem() {
    store.create("DB", "old", "before", Map.of("a", "1"));

    SecretMetadata updated = store.update("DB", new SecretUpdate(null, "after", null, null));

    assertThat(store.get("DB")).isEqualTo("old");
    assertThat(updated.description()).isEqualTo("after");
    assertThat(updated.metadata()).containsExactly(Map.entry("a", "1"));
  }

  @Test
  void renameCreatesNewAndDeletesOld() {
    store.create("OLD_NAME", "value-1", "desc", Map.of("k", "v"));

    SecretMetadata renamed =
        store.update("OLD_NAME", new SecretUpdate(null, null, null, "NEW_NAME"));

    assertThat(renamed.name()).isEqualTo("NEW_NAME");
    assertThat(renamed.description()).isEqualTo("desc");
    assertThat(renamed.metadata()).containsExactly(Map.entry("k", "v"));
    assertThat(store.get("NEW_NAME")).isEqualTo("value-1");
    assertThat(store.find("OLD_NAME")).isEmpty();
    assertThat(store.list()).extracting(SecretMetadata::name).containsExactly("NEW_NAME");
  }

  @Test
  void renameWithNewValue() {
    store.create("OLD_NAME", "value-1", null, Map.of());

    store.update("OLD_NAME", new SecretUpdate("value-2", null, null, "NEW_NAME"));

    assertThat(store.get("NEW_NAME")).isEqualTo("value-2");
  }

  @Test
  void renameOntoTakenNameIsConflict() {
    store.create("FIRST", "one", null, Map.of());
    store.create("SECOND", "two", null, Map.of());

    assertThatThrownBy(() -> store.update("FIRST", new SecretUpdate(null, null, null, "SECOND")))
        .isInstanceOf(SecretConflictException.class);
    assertThat(store.get("FIRST")).isEqualTo("one");
    assertThat(store.get("SECOND")).isEqualTo("two");
  }

  @Test
  void deletedNameCanBeReused() {
    store.create("API_KEY", "first", null, Map.of());
    store.get("API_KEY");

    store.delete("API_KEY");

    assertThat(store.find("API_KEY")).isEmpty();
    store.create("API_KEY", "second", null, Map.of());
    assertThat(store.get("API_KEY")).isEqualTo("second");
    assertThat(pauses).isEmpty();
  }

  @Test
  void rotationFlowKeepsTheName() {
    store.create("DB_PASSWORD", "old-password", "database", Map.of("owner", "ops"));

    store.create("DB_PASSWORD_NEXT", "new-password", "database", Map.of("owner", "ops"));
    assertThat(store.get("DB_PASSWORD_NEXT")).isEqualTo("new-password");
    store.delete("DB_PASSWORD");
    store.update("DB_PASSWORD_NEXT", new SecretUpdate(null, null, null, "DB_PASSWORD"));

    assertThat(store.get("DB_PASSWORD")).isEqualTo("new-password");
    assertThat(store.list()).extracting(SecretMetadata::name).containsExactly("DB_PASSWORD");
    assertThat(store.describe("DB_PASSWORD").orElseThrow().metadata())
        .containsExactly(Map.entry("owner", "ops"));
  }

  @Test
  void nameScheduledForDeletionExplainsFix() {
    store.create("API_KEY", "first", null, Map.of());
    client.deleteSecret(r -> r.secretId(prefix + "API_KEY").recoveryWindowInDays(7L));

    assertThat(store.find("API_KEY")).isEmpty();
    assertThat(store.describe("API_KEY")).isEmpty();
    assertThatThrownBy(() -> store.create("API_KEY", "second", null, Map.of()))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("secret API_KEY is scheduled for deletion in Secrets Manager")
        .hasMessageContaining("restore-secret --secret-id " + prefix + "API_KEY")
        .hasMessageContaining("--force-delete-without-recovery")
        .hasMessageNotContaining("second");
    assertThat(pauses).hasSize(5);
  }

  @Test
  void jsonObjectSecretIsMapping() {
    store.create(
        "DB",
        "{\"user\": \"app\", \"password\": \"pw-secret\", \"opts\": {\"ssl\": true}}",
        null,
        Map.of());
    store.create("LIST", "[1, 2]", null, Map.of());
    SecretMasker masker = new SecretMasker();
    SecretsMapping secrets = new SecretsMapping(store, masker);

    Object db = secrets.resolve("DB");

    assertThat(db).isInstanceOf(Map.class);
    Map<?, ?> mapping = (Map<?, ?>) db;
    assertThat(mapping.get("password")).isEqualTo("pw-secret");
    assertThat(mapping.get("user")).isEqualTo("app");
    assertThat(secrets.resolve("LIST")).isEqualTo("[1, 2]");
    assertThat(masker.mask("login pw-secret")).isEqualTo("login ***");
  }

  @Test
  void binarySecretIsRejectedWithoutValue() {
    client.createSecret(
        r -> r.name(prefix + "BLOB").secretBinary(SdkBytes.fromUtf8String("binary-value")));

    assertThatThrownBy(() -> store.get("BLOB"))
        .isInstanceOf(SecretException.class)
        .hasMessage(
            "secret BLOB contains binary data; Stepline reads secrets stored as text"
                + " (SecretString)");
  }

  @Test
  void cacheServesValueUntilTtlEnds() {
    store.create("TOKEN", "v1", null, Map.of());
    assertThat(store.get("TOKEN")).isEqualTo("v1");
    client.putSecretValue(r -> r.secretId(prefix + "TOKEN").secretString("v2"));

    clock.advance(TTL.minusSeconds(1));
    assertThat(store.get("TOKEN")).isEqualTo("v1");

    clock.advance(Duration.ofSeconds(1));
    assertThat(store.get("TOKEN")).isEqualTo("v2");
  }

  @Test
  void refreshReadsNewValueAtOnce() {
    store.create("TOKEN", "v1", null, Map.of());
    store.get("TOKEN");
    client.putSecretValue(r -> r.secretId(prefix + "TOKEN").secretString("v2"));

    assertThat(store.refresh("TOKEN")).contains("v2");
    assertThat(store.get("TOKEN")).isEqualTo("v2");
  }

  @Test
  void zeroTtlTurnsCacheOff() {
    SecretsManagerSecretStore uncached =
        new SecretsManagerSecretStore(client, prefix, Duration.ZERO, clock, pauses::add);
    uncached.create("TOKEN", "v1", null, Map.of());
    uncached.get("TOKEN");
    client.putSecretValue(r -> r.secretId(prefix + "TOKEN").secretString("v2"));

    assertThat(uncached.get("TOKEN")).isEqualTo("v2");
  }

  @Test
  void updateThroughStoreDropsCachedValue() {
    store.create("TOKEN", "v1", null, Map.of());
    store.get("TOKEN");

    store.update("TOKEN", new SecretUpdate("v2", null, null, null));

    assertThat(store.get("TOKEN")).isEqualTo("v2");
  }

  @Test
  void authenticationErrorRefreshesAndRetriesOnce() {
    store.create("TOKEN", "v1", null, Map.of());
    store.get("TOKEN");
    client.putSecretValue(r -> r.secretId(prefix + "TOKEN").secretString("v2"));
    List<String> seen = new ArrayList<>();

    String result =
        store.withRefreshOnAuthenticationError(
            "TOKEN",
            value -> {
              seen.add(value);
              if (!value.equals("v2")) {
                throw new ToolException("AuthenticationError", "HTTP 401 from the API");
              }
              return "ok";
            });

    assertThat(result).isEqualTo("ok");
    assertThat(seen).containsExactly("v1", "v2");
  }

  @Test
  void unchangedSecretIsNotRetried() {
    store.create("TOKEN", "v1", null, Map.of());
    List<String> seen = new ArrayList<>();

    assertThatThrownBy(
            () ->
                store.withRefreshOnAuthenticationError(
                    "TOKEN",
                    value -> {
                      seen.add(value);
                      throw new ToolException("AuthenticationError", "HTTP 401 from the API");
                    }))
        .isInstanceOf(ToolException.class)
        .hasMessage("HTTP 401 from the API");
    assertThat(seen).containsExactly("v1");
  }

  @Test
  void otherToolErrorsAreNotRetried() {
    store.create("TOKEN", "v1", null, Map.of());
    store.get("TOKEN");
    client.putSecretValue(r -> r.secretId(prefix + "TOKEN").secretString("v2"));
    List<String> seen = new ArrayList<>();

    assertThatThrownBy(
            () ->
                store.withRefreshOnAuthenticationError(
                    "TOKEN",
                    value -> {
                      seen.add(value);
                      throw new ToolException("RateLimitError", "HTTP 429 from the API");
                    }))
        .isInstanceOf(ToolException.class);
    assertThat(seen).containsExactly("v1");
  }

  /** A clock that tests move forward by hand. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
