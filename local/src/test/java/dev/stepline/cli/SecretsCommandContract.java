package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.runtime.secrets.SecretStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code stepline secrets} subcommand, run against one backend. Subclasses give the store and
 * the options that select it. Invalid names and duplicate names are checked too.
 */
abstract class SecretsCommandContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALUE = "tok-TEST-123";

  @TempDir Path dir;

  /** The store the command works on, opened fresh for each call. */
  abstract SecretStore store();

  /** The options before the subcommand that select the backend. */
  abstract List<String> backendOptions();

  record Result(int exitCode, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  Result secrets(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new SecretsCommand(command -> store()));
    commandLine.setExitCodeExceptionMapper(
        e -> e instanceof CommandLine.ParameterException ? 2 : 1);
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(backendOptions());
    all.addAll(List.of(args));
    int exitCode = commandLine.execute(all.toArray(String[]::new));
    return new Result(exitCode, out.toString(), err.toString());
  }

  @Test
  void getShowsAllButValue() throws Exception {
    Result created =
        secrets(
            "create",
            "WEATHER_KEY",
            "--value",
            VALUE,
            "--description",
            "weather API key",
            "--metadata",
            "team=data");
    Result described = secrets("get", "WEATHER_KEY");

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(described.exitCode()).as(described.err()).isZero();
    assertThat(described.json().get("name").asText()).isEqualTo("WEATHER_KEY");
    assertThat(described.json().get("description").asText()).isEqualTo("weather API key");
    assertThat(described.json().get("metadata").get("team").asText()).isEqualTo("data");
    assertThat(described.json().get("created_at").isNull()).isFalse();
    assertThat(created.out() + described.out()).doesNotContain(VALUE);
    assertThat(store().get("WEATHER_KEY")).isEqualTo(VALUE);
  }

  @Test
  void listShowsNamesSortedWithoutValues() throws Exception {
    secrets("create", "b_key", "--value", "value-of-b");
    secrets("create", "A_KEY", "--value", "value-of-a");

    Result listed = secrets("list");

    assertThat(listed.exitCode()).as(listed.err()).isZero();
    List<String> names = new ArrayList<>();
    listed.json().forEach(secret -> names.add(secret.get("name").asText()));
    assertThat(names).containsExactly("A_KEY", "b_key");
    assertThat(listed.out()).doesNotContain("value-of-a").doesNotContain("value-of-b");
  }

  @Test
  void valueFileIsRead() throws Exception {
    Path file = Files.writeString(dir.resolve("value.txt"), VALUE + "\n");

    Result created = secrets("create", "WEATHER_KEY", "--value-file", file.toString());

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(store().get("WEATHER_KEY")).isEqualTo(VALUE);
  }

  @Test
  void secondCreateIsConflict() {
    secrets("create", "WEATHER_KEY", "--value", VALUE);

    Result second = secrets("create", "WEATHER_KEY", "--value", "other-value");

    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err()).startsWith("error: ConflictError: secret already exists: WEATHER_KEY");
    assertThat(second.err()).doesNotContain("other-value");
    assertThat(store().get("WEATHER_KEY")).isEqualTo(VALUE);
  }

  @Test
  void invalidNamesAreRejected() {
    for (String name : List.of("weather-key", "1key")) {
      Result result = secrets("create", name, "--value", VALUE);

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).contains("error: ").contains(name).doesNotContain(VALUE);
    }
    assertThat(store().list()).isEmpty();
  }

  @Test
  void missingSecretIsNamed() {
    secrets("create", "WEATHER_KEY", "--value", VALUE);

    Result result = secrets("get", "weather_key");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("secret not found: weather_key").doesNotContain(VALUE);
  }

  @Test
  void updateChangesValueDescriptionAndMetadata() throws Exception {
    secrets("create", "WEATHER_KEY", "--value", VALUE, "--metadata", "team=data");

    Result updated =
        secrets(
            "update",
            "WEATHER_KEY",
            "--value",
            "tok-NEW-456",
            "--description",
            "rotated",
            "--metadata",
            "team=ops");

    assertThat(updated.exitCode()).as(updated.err()).isZero();
    assertThat(updated.out()).doesNotContain("tok-NEW-456");
    assertThat(store().get("WEATHER_KEY")).isEqualTo("tok-NEW-456");
    JsonNode described = secrets("get", "WEATHER_KEY").json();
    assertThat(described.get("description").asText()).isEqualTo("rotated");
    assertThat(described.get("metadata").get("team").asText()).isEqualTo("ops");
  }

  @Test
  void updateWithoutValueKeepsIt() {
    secrets("create", "WEATHER_KEY", "--value", VALUE);

    Result updated = secrets("update", "WEATHER_KEY", "--description", "still the same");

    assertThat(updated.exitCode()).as(updated.err()).isZero();
    assertThat(store().get("WEATHER_KEY")).isEqualTo(VALUE);
  }

  @Test
  void renameMovesValueAndMetadata() throws Exception {
    secrets("create", "WEATHER_KEY", "--value", VALUE, "--description", "weather API key");

    Result renamed = secrets("update", "WEATHER_KEY", "--new-name", "FORECAST_KEY");

    assertThat(renamed.exitCode()).as(renamed.err()).isZero();
    assertThat(renamed.json().get("name").asText()).isEqualTo("FORECAST_KEY");
    assertThat(store().find("WEATHER_KEY")).isEmpty();
    assertThat(store().get("FORECAST_KEY")).isEqualTo(VALUE);
    assertThat(secrets("get", "FORECAST_KEY").json().get("description").asText())
        .isEqualTo("weather API key");
  }

  @Test
  void renameOntoTakenNameIsConflict() {
    secrets("create", "WEATHER_KEY", "--value", VALUE);
    secrets("create", "FORECAST_KEY", "--value", "forecast-value");

    Result renamed = secrets("update", "WEATHER_KEY", "--new-name", "FORECAST_KEY");

    assertThat(renamed.exitCode()).isEqualTo(1);
    assertThat(renamed.err()).contains("ConflictError").contains("FORECAST_KEY");
    assertThat(store().get("WEATHER_KEY")).isEqualTo(VALUE);
  }

  @Test
  void deletedNameCanBeCreatedAgain() {
    secrets("create", "WEATHER_KEY", "--value", VALUE);

    Result deleted = secrets("delete", "WEATHER_KEY");
    Result again = secrets("create", "WEATHER_KEY", "--value", "tok-AGAIN-789");

    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(store().get("WEATHER_KEY")).isEqualTo("tok-AGAIN-789");
  }

  @Test
  void deleteOfMissingSecretFails() {
    Result deleted = secrets("delete", "WEATHER_KEY");

    assertThat(deleted.exitCode()).isEqualTo(1);
    assertThat(deleted.err()).contains("secret not found: WEATHER_KEY");
  }

  @Test
  void rotationFlowKeepsTheName() {
    secrets("create", "WEATHER_KEY", "--value", VALUE);

    secrets("create", "WEATHER_KEY_NEXT", "--value", "tok-NEXT-456");
    Result deleted = secrets("delete", "WEATHER_KEY");
    Result renamed = secrets("update", "WEATHER_KEY_NEXT", "--new-name", "WEATHER_KEY");

    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(renamed.exitCode()).as(renamed.err()).isZero();
    assertThat(store().get("WEATHER_KEY")).isEqualTo("tok-NEXT-456");
    assertThat(store().find("WEATHER_KEY_NEXT")).isEmpty();
  }

  /** The value labelled AWSPREVIOUS, read straight from the backend. */
  abstract String previousValue(String name);

  @Test
  void rotateReplacesValueAndKeepsOldAsPrevious() throws Exception {
    secrets("create", "SIGNING_KEY", "--value", VALUE, "--metadata", "stepline:rotation=generated");

    Result rotated = secrets("rotate", "SIGNING_KEY");

    assertThat(rotated.exitCode()).as(rotated.err()).isZero();
    assertThat(rotated.json().get("rotated").asText()).isEqualTo("SIGNING_KEY");
    assertThat(rotated.json().get("resumed").asBoolean()).isFalse();
    String current = store().get("SIGNING_KEY");
    assertThat(current).isNotEqualTo(VALUE).matches("[A-Za-z0-9]{40}");
    assertThat(previousValue("SIGNING_KEY")).isEqualTo(VALUE);
    assertThat(rotated.out()).doesNotContain(VALUE).doesNotContain(current);

    Result again = secrets("rotate", "SIGNING_KEY");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(previousValue("SIGNING_KEY")).isEqualTo(current);
    assertThat(store().get("SIGNING_KEY")).isNotIn(VALUE, current);
  }

  @Test
  void rotateOfMissingSecretFails() {
    Result result = secrets("rotate", "NO_SUCH_KEY");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: KeyError: secret not found: NO_SUCH_KEY\n");
  }

  @Test
  void rotateOfInvalidNameFails() {
    Result result = secrets("rotate", "signing-key");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: ").contains("signing-key");
  }

  @Test
  void rotateWithoutStrategyChangesNothing() {
    secrets("create", "PLAIN_KEY", "--value", VALUE, "--metadata", "team=data");

    Result result = secrets("rotate", "PLAIN_KEY");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("error: RotationError: secret ")
        .contains(
            "PLAIN_KEY names no rotation strategy; set its tag (metadata in a local secrets file)"
                + " stepline:rotation to generated, http-api-key or database")
        .doesNotContain(VALUE);
    assertThat(store().get("PLAIN_KEY")).isEqualTo(VALUE);
  }
}
