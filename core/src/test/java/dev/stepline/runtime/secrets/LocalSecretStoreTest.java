package dev.stepline.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretStoreTest {
  @TempDir Path dir;

  @Test
  void readsStringAndObjectEntries() throws Exception {
    Path file = dir.resolve("secrets.json");
    Files.writeString(
        file,
        """
        {"WEATHER_KEY": "tok-TEST-123",
         "db": {"value": {"user": "app", "password": "pw-1"}, "description": "database"}}
        """);
    LocalSecretStore store = new LocalSecretStore(file, Map.of());

    assertThat(store.get("WEATHER_KEY")).isEqualTo("tok-TEST-123");
    assertThat(store.get("db")).isEqualTo("{\"user\":\"app\",\"password\":\"pw-1\"}");
    assertThat(store.describe("db").orElseThrow().description()).isEqualTo("database");
  }

  @Test
  void readsYamlFile() throws Exception {
    Path file = dir.resolve("secrets.yaml");
    Files.writeString(file, "API_KEY: abc-123\n");

    assertThat(new LocalSecretStore(file, Map.of()).get("API_KEY")).isEqualTo("abc-123");
  }

  @Test
  void environmentVariableWinsOverFile() throws Exception {
    Path file = dir.resolve("secrets.json");
    Files.writeString(file, "{\"TOKEN\": \"from-file\"}");
    LocalSecretStore store =
        new LocalSecretStore(file, Map.of("STEPLINE_SECRET_TOKEN", "from-env", "PATH", "/bin"));

    assertThat(store.get("TOKEN")).isEqualTo("from-env");
    assertThat(store.describe("TOKEN").orElseThrow().source()).isEqualTo("environment");
    assertThat(store.list()).extracting(SecretMetadata::name).containsExactly("TOKEN");
  }

  @Test
  void missingSecretNamesItAndNoValue() {
    LocalSecretStore store =
        new LocalSecretStore(null, Map.of("STEPLINE_SECRET_WEATHER_KEY", "tok-TEST-123"));

    assertThatThrownBy(() -> store.get("weather_key"))
        .isInstanceOf(SecretNotFoundException.class)
        .hasMessage("secret not found: weather_key")
        .hasMessageNotContaining("tok-TEST-123");
  }

  @Test
  void invalidNamesAreRejected() {
    LocalSecretStore store = new LocalSecretStore(null, Map.of());

    for (String name : new String[] {"weather-key", "1key", "", "_x"}) {
      assertThatThrownBy(() -> store.find(name))
          .isInstanceOf(InvalidSecretNameException.class)
          .hasMessageContaining("found '" + name + "'");
    }
  }

  @Test
  void createListUpdateDelete() {
    Path file = dir.resolve("nested/secrets.json");
    LocalSecretStore store = new LocalSecretStore(file, Map.of());

    store.create("WEATHER_KEY", "tok-1", "weather API", Map.of("team", "data"));
    assertThatThrownBy(() -> store.create("WEATHER_KEY", "tok-2", null, Map.of()))
        .isInstanceOf(SecretConflictException.class)
        .hasMessageContaining("WEATHER_KEY")
        .hasMessageNotContaining("tok-2");

    store.update("WEATHER_KEY", new SecretStore.SecretUpdate("tok-3", null, null, "WEATHER_V2"));
    assertThat(store.find("WEATHER_KEY")).isEmpty();
    assertThat(store.get("WEATHER_V2")).isEqualTo("tok-3");
    SecretMetadata renamed = store.describe("WEATHER_V2").orElseThrow();
    assertThat(renamed.description()).isEqualTo("weather API");
    assertThat(renamed.metadata()).containsEntry("team", "data");
    assertThat(renamed.createdAt()).isNotNull();

    store.delete("WEATHER_V2");
    assertThat(store.list()).isEmpty();
    store.create("WEATHER_V2", "tok-4", null, Map.of());
    assertThat(new LocalSecretStore(file, Map.of()).get("WEATHER_V2")).isEqualTo("tok-4");
  }

  @Test
  void createWithoutMetadata() {
    LocalSecretStore store = new LocalSecretStore(dir.resolve("secrets.json"), Map.of());

    store.create("NEW_KEY", "tok-5", "rotation", null);

    assertThat(store.get("NEW_KEY")).isEqualTo("tok-5");
    assertThat(store.describe("NEW_KEY").orElseThrow().metadata()).isEmpty();
  }

  @Test
  void environmentSecretsAreReadOnly() {
    LocalSecretStore store =
        new LocalSecretStore(dir.resolve("s.json"), Map.of("STEPLINE_SECRET_TOKEN", "v-1"));

    assertThatThrownBy(() -> store.delete("TOKEN"))
        .hasMessageContaining("STEPLINE_SECRET_TOKEN")
        .hasMessageNotContaining("v-1");
    assertThatThrownBy(() -> store.create("TOKEN", "x", null, Map.of()))
        .isInstanceOf(SecretConflictException.class);
  }

  @Test
  void invalidJsonFileDoesNotEchoContent() throws Exception {
    Path file = dir.resolve("secrets.json");
    Files.writeString(file, "{\"TOKEN\": \"very-secret-value\" oops}");

    assertThatThrownBy(() -> new LocalSecretStore(file, Map.of()).get("TOKEN"))
        .hasMessageContaining("invalid secrets file: not valid JSON at line 1")
        .hasMessageNotContaining("very-secret-value");
  }

  @Test
  void invalidYamlFileNamesPositionNotContent() throws Exception {
    Path file = dir.resolve("secrets.yaml");
    Files.writeString(file, "A: first-secret\nB: [very-secret-value\n");

    assertThatThrownBy(() -> new LocalSecretStore(file, Map.of()).get("A"))
        .hasMessageEndingWith("invalid secrets file: not valid YAML at line 3, column 1")
        .hasMessageNotContaining("secret-value");
  }

  @Test
  void tooDeepJsonFileIsInvalid() throws Exception {
    Path file = dir.resolve("secrets.json");
    Files.writeString(file, "[".repeat(5000) + "]".repeat(5000));

    assertThatThrownBy(() -> new LocalSecretStore(file, Map.of()).get("TOKEN"))
        .hasMessageContaining("invalid secrets file: not valid JSON: nested more than 1000 levels");
  }

  @Test
  void duplicateNameInYamlFileIsConflict() throws Exception {
    Path file = dir.resolve("secrets.yaml");
    Files.writeString(file, "WEATHER_KEY: first-value\nWEATHER_KEY: second-value\n");

    assertThatThrownBy(() -> new LocalSecretStore(file, Map.of()).get("WEATHER_KEY"))
        .hasMessageContaining("invalid secrets file: found duplicate key WEATHER_KEY at line 2")
        .hasMessageNotContaining("first-value")
        .hasMessageNotContaining("second-value");
  }

  @Test
  void duplicateNameInJsonFileIsConflict() throws Exception {
    Path file = dir.resolve("secrets.json");
    Files.writeString(file, "{\"WEATHER_KEY\": \"first-value\",\n \"WEATHER_KEY\": \"x\"}");

    assertThatThrownBy(() -> new LocalSecretStore(file, Map.of()).get("WEATHER_KEY"))
        .hasMessageContaining("invalid secrets file: Duplicate field 'WEATHER_KEY' at line 2")
        .hasMessageNotContaining("first-value");
  }

  @Test
  void checkNamesLineOfBadYamlName() throws Exception {
    Path file = dir.resolve("secrets.yaml");
    Files.writeString(file, "GOOD_KEY: fine\nweather-key: hidden-value\n");

    assertThatThrownBy(() -> new LocalSecretStore(file, Map.of()).check())
        .isInstanceOf(SecretException.class)
        .hasMessageStartingWith(file + ": error: invalid secrets file: line 2: ")
        .hasMessageContaining("weather-key")
        .hasMessageNotContaining("hidden-value");
  }

  @Test
  void checkNamesLineOfBadJsonValue() throws Exception {
    Path file = dir.resolve("secrets.json");
    Files.writeString(file, "{\n  \"GOOD_KEY\": \"fine\",\n  \"COUNT\": 12345\n}\n");

    assertThatThrownBy(() -> new LocalSecretStore(file, Map.of()).check())
        .hasMessage(
            file
                + ": error: invalid secrets file: line 3: secret COUNT must be a string or an"
                + " object with a value field; see docs/runtime.md")
        .hasMessageNotContaining("12345");
  }

  @Test
  void checkAcceptsValidFile() throws Exception {
    Path file = dir.resolve("secrets.yaml");
    Files.writeString(file, "API_KEY: abc\n");

    new LocalSecretStore(file, Map.of()).check();

    assertThat(new LocalSecretStore(file, Map.of()).get("API_KEY")).isEqualTo("abc");
  }
}
