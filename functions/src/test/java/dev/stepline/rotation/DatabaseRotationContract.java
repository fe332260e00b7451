package dev.stepline.rotation;

import static dev.stepline.rotation.SecretRotator.CURRENT;
import static dev.stepline.rotation.SecretRotator.PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.aws.MotoServer;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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

  /** The {@code dbname} field of the secret, which holds {@link #PROBE_TABLE}. */
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
    String id = "stepline/" + UUID.randomUUID() + "/DB";
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
    client.createSecret(r -> r.name(id).secretString(value.toString()));
    return id;
  }

  private String adminSecret() {
    String id = "stepline/" + UUID.randomUUID() + "/DB_ADMIN";
    client.createSecret(
        r ->
            r.name(id)
                .secretString(
                    JSON.createObjectNode()
                        .put("username", adminUser())
                        .put("password", adminPassword())
                        .toString()));
    return id;
  }

  JsonNode staged(String id, String stage) throws Exception {
    return JSON.readTree(new SecretVersions(client, id).value(stage));
  }

  @Test
  void singleUserRotationChangesPasswordAndOldOneStops() throws Exception {
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
}
