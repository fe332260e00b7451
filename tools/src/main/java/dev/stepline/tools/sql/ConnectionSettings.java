package dev.stepline.tools.sql;

import dev.stepline.tools.Fields;
import dev.stepline.tools.ToolErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The target and credentials of a database connection: engine, host, port, database, user and
 * password, plus driver options. The field names accept both the common spelling ({@code user},
 * {@code database}) and that of an Amazon RDS secret ({@code username}, {@code dbname}, {@code
 * engine}), so a secret can be the whole connection.
 */
record ConnectionSettings(
    Engine engine,
    String host,
    int port,
    String database,
    String user,
    String password,
    Map<String, String> options,
    boolean readOnly) {

  enum Engine {
    POSTGRESQL("postgresql", "org.postgresql.Driver", 5432),
    MARIADB("mariadb", "org.mariadb.jdbc.Driver", 3306);

    final String jdbcName;
    final String driverClass;
    final int defaultPort;

    Engine(String jdbcName, String driverClass, int defaultPort) {
      this.jdbcName = jdbcName;
      this.driverClass = driverClass;
      this.defaultPort = defaultPort;
    }

    static Engine parse(String toolName, String name) {
      if (name == null) {
        return POSTGRESQL;
      }
      switch (name.toLowerCase(Locale.ROOT)) {
        case "postgres":
        case "postgresql":
        case "aurora-postgresql":
          return POSTGRESQL;
        case "mysql":
        case "mariadb":
        case "aurora-mysql":
        case "aurora":
          return MARIADB;
        default:
          throw ToolErrors.invalid(
              toolName, "unknown database engine '" + name + "'; use postgresql, mysql or mariadb");
      }
    }
  }

  static ConnectionSettings read(Fields fields, boolean readOnly) {
    Engine engine = Engine.parse(fields.toolName(), fields.string("engine", "driver", "dialect"));
    Long port = fields.integer("port");
    if (port != null && (port < 1 || port > 65535)) {
      throw ToolErrors.invalid(fields.toolName(), "'port' must be between 1 and 65535");
    }
    Map<String, String> options = new TreeMap<>();
    fields.map("options").forEach((name, value) -> options.put(name, String.valueOf(value)));
    String sslmode = fields.string("sslmode", "ssl_mode");
    if (sslmode != null) {
      options.put(engine == Engine.POSTGRESQL ? "sslmode" : "sslMode", sslmode);
    }
    return new ConnectionSettings(
        engine,
        fields.requiredString("host"),
        port == null ? engine.defaultPort : port.intValue(),
        fields.requiredString("database", "dbname", "db"),
        fields.requiredString("user", "username"),
        fields.string("password"),
        options,
        readOnly);
  }

  String jdbcUrl() {
    String hostPart = host.contains(":") ? "[" + host + "]" : host;
    StringBuilder url =
        new StringBuilder("jdbc:")
            .append(engine.jdbcName)
            .append("://")
            .append(hostPart)
            .append(':')
            .append(port)
            .append('/')
            .append(database);
    return url.toString();
  }

  /**
   * Identifies a pool. The password enters as a SHA-256 digest, so a rotated password opens a new
   * pool and the key never contains the secret.
   */
  String poolKey() {
    return String.join(
        "\n",
        jdbcUrl(),
        user,
        digest(password == null ? "" : password),
        options.toString(),
        String.valueOf(readOnly));
  }

  /** Describes the target without secrets, for messages and pool names. */
  String describe() {
    return engine.jdbcName + "://" + user + "@" + host + ":" + port + "/" + database;
  }

  private static String digest(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
