package dev.stepline.tools.sql;

import static dev.stepline.tools.Requests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.tools.ToolsConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the database tool against a real PostgreSQL that checks passwords (SCRAM-SHA-256). */
class DatabaseToolProviderTest {
  private static final String PASSWORD = "app-pass-1";
  private static Path dataDirectory;
  private static EmbeddedPostgres postgres;
  private static DatabaseToolProvider database;

  @BeforeAll
  static void startPostgres() throws Exception {
    dataDirectory = Files.createTempDirectory("stepline-pg");
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(true)
            .start();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE app LOGIN PASSWORD '" + PASSWORD + "'");
      statement.execute("CREATE DATABASE shop OWNER app");
    }
    try (Connection shop = postgres.getDatabase("postgres", "shop").getConnection();
        Statement statement = shop.createStatement()) {
      statement.execute("SET ROLE app");
      statement.execute(
          "CREATE TABLE users (id int PRIMARY KEY, name text, active boolean, score numeric(5,2),"
              + " created timestamp, meta jsonb, uid uuid, tags text[], note text)");
      statement.execute(
          "INSERT INTO users SELECT i, 'user' || i, i % 2 = 0, i * 1.5, timestamp '2026-01-02 03:04:05',"
              + " jsonb_build_object('n', i), ('00000000-0000-0000-0000-00000000000' || (i % 10))::uuid,"
              + " ARRAY['a', 'b'], NULL FROM generate_series(1, 12) AS i");
      statement.execute("UPDATE users SET name = 'Ada' WHERE id = 1");
      statement.execute("CREATE TABLE counters (name text PRIMARY KEY, value int)");
      statement.execute("INSERT INTO counters VALUES ('visits', 0)");
    }
    // Only the administrator keeps password-less access; the application role must log in.
    Files.writeString(
        dataDirectory.resolve("pg_hba.conf"),
        "local all all trust\n"
            + "host all postgres 127.0.0.1/32 trust\n"
            + "host all postgres ::1/128 trust\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n"
            + "host all all ::1/128 scram-sha-256\n");
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("SELECT pg_reload_conf()");
    }
    database = new DatabaseToolProvider(ToolsConfig.defaults());
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    database.close();
    postgres.close();
  }

  private static Map<String, Object> connection(String password) {
    return map(
        "host",
        "127.0.0.1",
        "port",
        String.valueOf(postgres.getPort()),
        "user",
        "app",
        "password",
        password,
        "database",
        "shop");
  }

  private static Object query(Map<String, Object> spec, Map<String, Object> arguments) {
    return database.call(
        new ToolRequest("database", "database", spec, "query", arguments, null, false));
  }

  private static Object query(String sql, Object parameters) {
    return query(
        map(), map("query", sql, "parameters", parameters, "connection", connection(PASSWORD)));
  }

  @Test
  void selectWithLimitReturnsRowsAsMaps() {
    Object rows = query("SELECT id, name FROM users ORDER BY id LIMIT 10", null);

    assertThat((List<?>) rows).hasSize(10);
    assertThat(((List<?>) rows).get(0)).isEqualTo(map("id", 1L, "name", "Ada"));
    assertThat(((List<?>) rows).get(9)).isEqualTo(map("id", 10L, "name", "user10"));
  }

  @Test
  void namedParametersAreBound() {
    Object rows =
        query(
            "SELECT id FROM users WHERE name = :name AND active = :active OR id = :id",
            map("name", "user4", "active", true, "id", 7L));

    assertThat(rows).isEqualTo(List.of(map("id", 4L), map("id", 7L)));
  }

  @Test
  void positionalParametersAreBound() {
    Object rows = query("SELECT name FROM users WHERE id IN (?, ?) ORDER BY id", List.of(1L, 2L));

    assertThat(rows).isEqualTo(List.of(map("name", "Ada"), map("name", "user2")));
  }

  @Test
  void injectedQuoteStaysAValue() {
    Object rows = query("SELECT id FROM users WHERE name = :name", map("name", "x' OR '1'='1"));

    assertThat(rows).isEqualTo(List.of());
  }

  @Test
  void valuesAreJsonFriendly() {
    Object rows =
        query(
            "SELECT id, active, score, created, meta, uid, tags, note, now()::date IS NOT NULL AS today FROM users WHERE id = 3",
            null);

    assertThat(rows)
        .isEqualTo(
            List.of(
                map(
                    "id",
                    3L,
                    "active",
                    false,
                    "score",
                    4.5,
                    "created",
                    "2026-01-02T03:04:05",
                    "meta",
                    map("n", 3L),
                    "uid",
                    "00000000-0000-0000-0000-000000000003",
                    "tags",
                    List.of("a", "b"),
                    "note",
                    null,
                    "today",
                    true)));
  }

  @Test
  void writeReturnsRowCount() {
    Object result =
        query("UPDATE counters SET value = value + 1 WHERE name = :name", map("name", "visits"));

    assertThat(result).isEqualTo(map("row_count", 1L));
  }

  @Test
  void readOnlyToolRejectsWrites() {
    Map<String, Object> spec = map("read_only", true);
    Map<String, Object> arguments =
        map(
            "query",
            "UPDATE counters SET value = 99",
            "connection",
            connection(PASSWORD),
            "read_only",
            false);

    assertThatThrownBy(() -> query(spec, arguments))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("DatabaseError");
              assertThat(error.getMessage())
                  .contains("(SQLSTATE 25006)")
                  .contains("read-only transaction");
            });
    assertThat(query("SELECT value FROM counters WHERE name = 'visits'", null))
        .isNotEqualTo(List.of(map("value", 99L)));
  }

  @Test
  void wrongPasswordIsAuthenticationError() {
    Map<String, Object> arguments =
        map("query", "SELECT 1", "connection", connection("not-the-password"));

    assertThatThrownBy(() -> query(map(), arguments))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("AuthenticationError");
              assertThat(error.getMessage())
                  .startsWith(
                      "tool 'database': the database postgresql://app@127.0.0.1:"
                          + postgres.getPort()
                          + "/shop rejected the credentials: ")
                  .endsWith("; check the user and password")
                  .doesNotContain("not-the-password");
            });
  }

  @Test
  void slowStatementIsTimeoutError() {
    Map<String, Object> arguments =
        map("query", "SELECT pg_sleep(5)", "timeout", 1L, "connection", connection(PASSWORD));

    assertThatThrownBy(() -> query(map(), arguments)).extracting("type").isEqualTo("TimeoutError");
  }

  @Test
  void tooManyRowsIsDatabaseError() {
    Map<String, Object> arguments =
        map("query", "SELECT id FROM users", "max_rows", 3L, "connection", connection(PASSWORD));

    assertThatThrownBy(() -> query(map(), arguments))
        .hasMessage(
            "tool 'database': the query returned more than 3 rows; add a LIMIT or page through the results")
        .extracting("type")
        .isEqualTo("DatabaseError");
    assertThat(
            (List<?>)
                query(
                    map(),
                    map(
                        "query",
                        "SELECT id FROM users LIMIT 3",
                        "max_rows",
                        3L,
                        "connection",
                        connection(PASSWORD))))
        .hasSize(3);
  }

  @Test
  void missingNamedParameterIsValueError() {
    assertThatThrownBy(() -> query("SELECT :a::text, :b", map("a", "x")))
        .hasMessage("tool 'database': the query uses :b but 'parameters' has no 'b'")
        .extracting("type")
        .isEqualTo("ValueError");
  }

  @Test
  void poolIsReusedAcrossCalls() {
    try (DatabaseToolProvider fresh = new DatabaseToolProvider(ToolsConfig.defaults())) {
      ToolRequest request =
          new ToolRequest(
              "database",
              "database",
              map(),
              null,
              map("query", "SELECT 1 AS one", "connection", connection(PASSWORD)),
              null,
              false);
      fresh.call(request);
      fresh.call(request);

      assertThat(fresh.poolCount()).isEqualTo(1);
    }
  }

  @Test
  void rdsShapedSecretIsTheConnection() {
    Map<String, Object> secret =
        map(
            "engine",
            "postgres",
            "host",
            "127.0.0.1",
            "port",
            postgres.getPort(),
            "username",
            "app",
            "password",
            PASSWORD,
            "dbname",
            "shop");

    Object rows =
        database.call(
            new ToolRequest(
                "database",
                "database",
                map(),
                null,
                map("query", "SELECT name FROM users WHERE id = 1"),
                secret,
                false));

    assertThat(rows).isEqualTo(List.of(map("name", "Ada")));
  }

  @Test
  void loopbackIsRefusedWhenDeployed() {
    ToolRequest request =
        new ToolRequest(
            "database",
            "database",
            map(),
            null,
            map("query", "SELECT 1", "connection", connection(PASSWORD)),
            null,
            true);

    assertThatThrownBy(() -> database.call(request))
        .extracting("type")
        .isEqualTo("ConnectionError");
  }

  @Test
  void unknownEngineIsValueError() {
    Map<String, Object> connection = connection(PASSWORD);
    connection.put("engine", "oracle");

    assertThatThrownBy(() -> query(map(), map("query", "SELECT 1", "connection", connection)))
        .hasMessage(
            "tool 'database': unknown database engine 'oracle'; use postgresql, mysql or mariadb");
  }
}
