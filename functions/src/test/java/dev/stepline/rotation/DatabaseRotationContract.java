package dev.stepline.rotation;

import static dev.stepline.rotation.SecretRotator.CURRENT;
import static dev.stepline.rotation.SecretRotator.PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.aws.MotoServer;
import dev.stepline.aws.SecretsManagerSecretStore;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.spi.ToolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Database password rotation, single user and alternating users, against a real server, with the
 * secrets on moto's server. Each engine's test names its server, its SQL and its administrator.
 * Logging in counts only when the user can also read a table granted to the first user, so an
 * alternating user that lacks the first one's privileges fails.
 */
@ExtendWith(MotoServer.class)
abstract class DatabaseRotationContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PROBE_TABLE = "rotation_probe";

  final SecretsManagerClient client;
  private final RotationRunner runner;

  DatabaseRotationContract(MotoServer.Endpoint moto) {
    this.client = moto.secretsManager();
    this.runner =
        new RotationRunner(client, new RotationStrategies(client, HttpClient.newHttpClient()));
  }

  /** The {@code engine} field of the secret. */
  abstract String engine();

  abstract int port();

  /** The {@code dbname} field of the secret, which contains {@link #PROBE_TABLE}. */
  abstract String dbname();

  abstract String jdbcUrl();

  abstract String adminUser();

  abstract String adminPassword();

  /** The statements that create a login user with a password and read access to the probe. */
  abstract String[] createUser(String user, String password);

  void sql(String... statements) throws SQLException {
    try (Connection admin = login(adminUser(), adminPassword());
        Statement s = admin.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private Connection login(String user, String password) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user, password);
  }

  /** True when the secret's user logs in and reads the probe table. */
  boolean worksFor(JsonNode secret) {
    try (Connection connection =
            login(secret.get("username").asText(), secret.get("password").asText());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + PROBE_TABLE)) {
      return rows.next();
    } catch (SQLException e) {
      return false;
    }
  }

  private String newUser() throws SQLException {
    String user = "app_" + UUID.randomUUID().toString().substring(0, 8);
    sql(createUser(user, "first-password"));
    return user;
  }

  String databaseSecret(String user, String password, String masterArn) {
    return databaseSecret("stepline/" + UUID.randomUUID() + "/DB", user, password, masterArn);
  }

  private String databaseSecret(String id, String user, String password, String masterArn) {
    String value = databaseValue(user, password, masterArn);
    client.createSecret(r -> r.name(id).secretString(value));
    return id;
  }

  /** Returns a database secret's JSON as AWS's rotation templates lay it out. */
  private String databaseValue(String user, String password, String masterArn) {
    var value =
        JSON.createObjectNode()
            .put("engine", engine())
            .put("host", "127.0.0.1")
            .put("port", port())
            .put("username", user)
            .put("password", password)
            .put("dbname", dbname());
    if (masterArn != null) {
      value.put("masterarn", masterArn);
    }
    return value.toString();
  }

  private String adminValue() {
    return JSON.createObjectNode()
        .put("username", adminUser())
        .put("password", adminPassword())
        .toString();
  }

  String adminSecret() {
    String id = "stepline/" + UUID.randomUUID() + "/DB_ADMIN";
    client.createSecret(r -> r.name(id).secretString(adminValue()));
    return id;
  }

  JsonNode staged(String id, String stage) throws Exception {
    return JSON.readTree(new SecretVersions(client, id).value(stage));
  }

  @Test
  void singleUserRotationRetiresOldPassword() throws Exception {
    String user = newUser();
    String id = databaseSecret(user, "first-password", null);

    runner.rotate(id);

    JsonNode current = staged(id, CURRENT);
    JsonNode previous = staged(id, PREVIOUS);
    assertThat(current.get("username").asText()).isEqualTo(user);
    assertThat(current.get("password").asText()).isNotEqualTo("first-password");
    assertThat(previous.get("password").asText()).isEqualTo("first-password");
    assertThat(worksFor(current)).isTrue();
    assertThat(worksFor(previous)).isFalse();
  }

  @Test
  void singleUserRotationResumesAfterPasswordChanged() throws Exception {
    String user = newUser();
    String id = databaseSecret(user, "first-password", null);
    SecretRotator rotator =
        new SecretRotator(
            client, new RotationStrategies(client, HttpClient.newHttpClient()), false);
    String token = UUID.randomUUID().toString();
    rotator.run(id, token, RotationStep.CREATE_SECRET);
    rotator.run(id, token, RotationStep.SET_SECRET);

    runner.rotate(id, token);

    assertThat(worksFor(staged(id, CURRENT))).isTrue();
    assertThat(new SecretVersions(client, id).versionWith(CURRENT)).isEqualTo(token);
  }

  @Test
  void alternatingUsersKeepOldLoginUntilNextRotation() throws Exception {
    String user = newUser();
    String id = databaseSecret(user, "first-password", adminSecret());

    runner.rotate(id);

    JsonNode first = staged(id, CURRENT);
    JsonNode original = staged(id, PREVIOUS);
    assertThat(first.get("username").asText()).isEqualTo(user + "_clone");
    assertThat(worksFor(first)).as("the clone logs in and has the first user's grants").isTrue();
    assertThat(worksFor(original)).isTrue();

    runner.rotate(id);

    JsonNode second = staged(id, CURRENT);
    assertThat(staged(id, PREVIOUS)).isEqualTo(first);
    assertThat(second.get("username").asText()).isEqualTo(user);
    assertThat(second.get("password").asText()).isNotEqualTo("first-password");
    assertThat(worksFor(second)).isTrue();
    assertThat(worksFor(first)).isTrue();
    assertThat(worksFor(original)).as("first password after the second rotation").isFalse();
  }

  /**
   * A task that reads the secret through {@link SecretsManagerSecretStore} and queries the database
   * in a loop keeps succeeding while alternating users rotate three times underneath it: a login
   * rejected with the cached value refreshes the secret and retries once.
   */
  @Test
  void queryLoopSurvivesAlternatingRotations() throws Exception {
    String prefix = "stepline/" + UUID.randomUUID() + "/";
    databaseSecret(prefix + "DB", newUser(), "first-password", adminSecret());
    SecretsManagerSecretStore store =
        new SecretsManagerSecretStore(client, prefix, Duration.ofHours(1));
    AtomicBoolean rotating = new AtomicBoolean(true);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    Set<String> valuesUsed = ConcurrentHashMap.newKeySet();
    Thread task =
        new Thread(
            () -> {
              while (rotating.get()) {
                try {
                  valuesUsed.add(store.withRefreshOnAuthenticationError("DB", this::query));
                } catch (RuntimeException e) {
                  failures.add(e);
                  return;
                }
              }
            });
    task.start();

    for (int i = 0; i < 3; i++) {
      runner.rotate(prefix + "DB");
      // Rotations lie days apart: wait until the task has used the new value before the next.
      String current = store.refresh("DB").orElseThrow();
      while (!valuesUsed.contains(current) && task.isAlive()) {
        Thread.onSpinWait();
      }
    }
    rotating.set(false);
    task.join();

    assertThat(failures).isEmpty();
    assertThat(valuesUsed).hasSizeGreaterThanOrEqualTo(4);
  }

  /**
   * Single user: the cached password stops working when the rotation finishes, and the task's next
   * query refreshes the secret and succeeds. Between setSecret and finishSecret, the database has
   * the new password while AWSCURRENT still has the old one, so a login in that window fails even
   * after the refresh (docs/rotation.md). Alternating users have no such window.
   */
  @Test
  void singleUserCachedPasswordRefreshes() throws Exception {
    String prefix = "stepline/" + UUID.randomUUID() + "/";
    databaseSecret(prefix + "DB", newUser(), "first-password", null);
    SecretsManagerSecretStore store =
        new SecretsManagerSecretStore(client, prefix, Duration.ofHours(1));
    String cached = store.withRefreshOnAuthenticationError("DB", this::query);

    runner.rotate(prefix + "DB");
    List<String> tried = new ArrayList<>();
    String used =
        store.withRefreshOnAuthenticationError(
            "DB",
            value -> {
              tried.add(value);
              return query(value);
            });

    assertThat(tried).containsExactly(cached, used);
    assertThat(used).isEqualTo(new SecretVersions(client, prefix + "DB").value(CURRENT));
  }

  /**
   * The same rotation on the local secrets file, where {@code masterarn} names another secret of
   * the file, as {@code stepline secrets rotate --backend local} runs it.
   */
  @Test
  void alternatingUsersRotateInLocalFile(@TempDir Path dir) throws Exception {
    LocalSecretStore store = new LocalSecretStore(dir.resolve("secrets.yaml"), Map.of());
    store.create("DB_ADMIN", adminValue(), null, Map.of());
    String user = newUser();
    String first = databaseValue(user, "first-password", "DB_ADMIN");
    store.create("DB", first, null, Map.of("stepline:rotation", "database"));
    LocalSecretVersions versions = new LocalSecretVersions(store);

    new RotationRunner(versions, new RotationStrategies(versions, HttpClient.newHttpClient()))
        .rotate("DB");

    JsonNode current = JSON.readTree(store.get("DB"));
    assertThat(current.get("username").asText()).isEqualTo(user + "_clone");
    assertThat(worksFor(current)).isTrue();
    assertThat(versions.value("DB", null, PREVIOUS)).contains(first);
    assertThat(worksFor(JSON.readTree(first))).isTrue();
  }

  /** Logs in with a secret's value and reads the probe; a rejected login is AuthenticationError. */
  private String query(String value) {
    JsonNode secret;
    try {
      secret = JSON.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Connection connection =
            login(secret.get("username").asText(), secret.get("password").asText());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + PROBE_TABLE)) {
      rows.next();
      return value;
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
        throw new ToolException("AuthenticationError", "database rejected the login");
      }
      throw new IllegalStateException(e);
    }
  }
}
