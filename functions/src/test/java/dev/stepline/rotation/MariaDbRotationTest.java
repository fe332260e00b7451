package dev.stepline.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.aws.MotoServer;
import dev.stepline.tools.LocalMariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL-family password rotation against a MariaDB server started on loopback. Skipped, saying why,
 * where {@code mariadbd} is not installed; see {@link LocalMariaDb#assumeInstalled}.
 */
class MariaDbRotationTest extends DatabaseRotationContract {
  private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
  private static LocalMariaDb mariadb;

  MariaDbRotationTest(MotoServer.Endpoint moto) {
    super(moto);
  }

  @BeforeAll
  static void startMariaDb() throws Exception {
    LocalMariaDb.assumeInstalled();
    mariadb = LocalMariaDb.start();
    try (Connection root =
            DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + mariadb.port + "/", "root", "");
        Statement statement = root.createStatement()) {
      statement.execute("CREATE DATABASE shop");
      statement.execute("CREATE TABLE shop." + PROBE_TABLE + " (id INT)");
      statement.execute("CREATE USER 'admin'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "'");
      statement.execute("GRANT ALL ON *.* TO 'admin'@'%' WITH GRANT OPTION");
    }
  }

  @AfterAll
  static void stopMariaDb() throws Exception {
    if (mariadb != null) {
      mariadb.close();
    }
  }

  @Override
  String engine() {
    return "mariadb";
  }

  @Override
  int port() {
    return mariadb.port;
  }

  @Override
  String dbname() {
    return "shop";
  }

  @Override
  String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port() + "/shop";
  }

  @Override
  String adminUser() {
    return "admin";
  }

  @Override
  String adminPassword() {
    return ADMIN_PASSWORD;
  }

  @Override
  String[] createUser(String user, String password) {
    return new String[] {
      "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
      "GRANT SELECT ON shop." + PROBE_TABLE + " TO '" + user + "'@'%'",
      "GRANT INSERT (id) ON shop." + PROBE_TABLE + " TO '" + user + "'@'%'"
    };
  }

  /**
   * The clone gets every grant of the first user, column grants included, but not its password:
   * MariaDB's SHOW GRANTS prints the password hash, which the copy must leave out.
   */
  @Test
  void cloneCopiesGrantsButNotPassword() throws Exception {
    String user = "app_" + UUID.randomUUID().toString().substring(0, 8);
    sql(createUser(user, "first-password"));
    String id = databaseSecret(user, "first-password", adminSecret());

    new RotationRunner(client).rotate(id);

    assertThat(worksFor(staged(id, SecretRotator.CURRENT))).as("clone's new password").isTrue();
    List<String> grants = new ArrayList<>();
    try (Connection admin = DriverManager.getConnection(jdbcUrl(), "admin", ADMIN_PASSWORD);
        Statement statement = admin.createStatement();
        ResultSet rows = statement.executeQuery("SHOW GRANTS FOR '" + user + "_clone'@'%'")) {
      while (rows.next()) {
        grants.add(rows.getString(1));
      }
    }
    assertThat(grants).anyMatch(g -> g.contains("INSERT (`id`) ON `shop`.`rotation_probe`"));
  }
}
