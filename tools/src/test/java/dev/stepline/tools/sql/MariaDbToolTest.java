package dev.stepline.tools.sql;

import static dev.stepline.tools.Requests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.tools.LocalMariaDb;
import dev.stepline.tools.ToolsConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the database tool against a real MariaDB server. It is skipped where {@code mariadbd} is not
 * installed (Debian's mariadb-server package provides it).
 */
class MariaDbToolTest {
  private static LocalMariaDb mariadb;
  private static DatabaseToolProvider database;

  @BeforeAll
  static void startMariaDb() throws Exception {
    LocalMariaDb.assumeInstalled();
    mariadb = LocalMariaDb.start();
    String url = "jdbc:mariadb://127.0.0.1:" + mariadb.port + "/";
    try (Connection root = DriverManager.getConnection(url, "root", "");
        Statement statement = root.createStatement()) {
      statement.execute("CREATE DATABASE shop");
      statement.execute("CREATE USER 'app'@'%' IDENTIFIED BY 'maria-pass'");
      statement.execute("GRANT ALL ON shop.* TO 'app'@'%'");
      statement.execute(
          "CREATE TABLE shop.users (id INT PRIMARY KEY, name VARCHAR(40), score DECIMAL(5,2), created DATETIME)");
      statement.execute(
          "INSERT INTO shop.users VALUES (1, 'Ada', 12.50, '2026-01-02 03:04:05'), (2, 'Grace', 7.25, NULL)");
    }
    database = new DatabaseToolProvider(ToolsConfig.defaults());
  }

  @AfterAll
  static void stopMariaDb() throws Exception {
    if (database != null) {
      database.close();
    }
    if (mariadb != null) {
      mariadb.close();
    }
  }

  private static Map<String, Object> connection(String password) {
    return map(
        "engine",
        "mariadb",
        "host",
        "127.0.0.1",
        "port",
        mariadb.port,
        "user",
        "app",
        "password",
        password,
        "database",
        "shop");
  }

  private static Object call(Map<String, Object> spec, Map<String, Object> arguments) {
    return database.call(
        new ToolRequest("database", "database", spec, "query", arguments, null, false));
  }

  @Test
  void selectWithNamedParameters() {
    Object rows =
        call(
            map(),
            map(
                "query",
                "SELECT id, name, score, created FROM users WHERE id = :id",
                "parameters",
                map("id", 1L),
                "connection",
                connection("maria-pass")));

    assertThat(rows)
        .isEqualTo(
            List.of(map("id", 1L, "name", "Ada", "score", 12.5, "created", "2026-01-02T03:04:05")));
  }

  @Test
  void readOnlyRejectsWrites() {
    Map<String, Object> arguments =
        map("query", "UPDATE users SET name = 'x'", "connection", connection("maria-pass"));

    assertThatThrownBy(() -> call(map("read_only", true), arguments))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("DatabaseError");
              assertThat(error.getMessage()).contains("READ ONLY");
            });
    assertThat(
            call(
                map(),
                map(
                    "query",
                    "SELECT name FROM users WHERE id = 1",
                    "connection",
                    connection("maria-pass"))))
        .isEqualTo(List.of(map("name", "Ada")));
  }

  @Test
  void wrongPasswordIsAuthenticationError() {
    assertThatThrownBy(
            () -> call(map(), map("query", "SELECT 1", "connection", connection("wrong-pass"))))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("AuthenticationError");
              assertThat(error.getMessage()).doesNotContain("wrong-pass");
            });
  }
}
