package dev.stepline.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Function;

/**
 * A database password in a JSON secret laid out as AWS's rotation templates lay it out: {@code
 * engine}, {@code host}, {@code port}, {@code username}, {@code password}, {@code dbname}, and for
 * alternating users {@code masterarn}, the id of a secret holding an administrator's credentials.
 *
 * <p>Single user: the pending value has a new password, and setSecret changes the user's password
 * with {@code ALTER USER}, logged in as the user with the current (or previous) password. The old
 * password stops working at once.
 *
 * <p>Alternating users: the pending value names the other user of the pair ({@code app} and {@code
 * app_clone}) with a new password; setSecret, logged in as the administrator, creates that user if
 * it does not exist, gives it the privileges of the first one (on PostgreSQL by membership, on
 * MySQL by copying its grants), and sets its password. The user of the old value keeps working
 * until the next rotation changes its password.
 */
public final class DatabasePasswordStrategy implements RotationStrategy {
  static final String CLONE_SUFFIX = "_clone";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final int PASSWORD_LENGTH = 32;

  private final Dialect dialect;
  private final Function<String, String> masterSecret;

  /**
   * @param masterSecret reads the value of the secret that {@code masterarn} names
   */
  public DatabasePasswordStrategy(Dialect dialect, Function<String, String> masterSecret) {
    this.dialect = dialect;
    this.masterSecret = masterSecret;
  }

  /** The engines a password can be rotated on, with their SQL. */
  public enum Dialect {
    POSTGRES("jdbc:postgresql://%s:%d/%s", 5432),
    MYSQL("jdbc:mariadb://%s:%d/%s", 3306);

    private final String urlFormat;
    private final int defaultPort;

    Dialect(String urlFormat, int defaultPort) {
      this.urlFormat = urlFormat;
      this.defaultPort = defaultPort;
    }

    static Optional<Dialect> ofEngine(String engine) {
      return switch (engine) {
        case "postgres", "postgresql", "aurora-postgresql" -> Optional.of(POSTGRES);
        case "mysql", "mariadb", "aurora-mysql" -> Optional.of(MYSQL);
        default -> Optional.empty();
      };
    }

    String url(JsonNode secret) {
      int port = secret.hasNonNull("port") ? secret.get("port").asInt() : defaultPort;
      String dbname = secret.hasNonNull("dbname") ? secret.get("dbname").asText() : "";
      return urlFormat.formatted(secret.get("host").asText(), port, dbname);
    }

    /** Changes the password of the logged-in user, which needs no privilege on either engine. */
    void setOwnPassword(Connection connection, String user, String password) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        switch (this) {
          case POSTGRES ->
              statement.execute(
                  "ALTER USER " + identifier(user) + " WITH PASSWORD " + literal(password));
          case MYSQL -> MySqlUsers.setOwnPassword(connection, statement, password);
        }
      }
    }

    /**
     * Logged in as an administrator, gives {@code user} the password and the privileges of {@code
     * model}, creating it when it does not exist.
     */
    void copyUser(Connection connection, String model, String user, String password)
        throws SQLException {
      try (Statement statement = connection.createStatement()) {
        switch (this) {
          case POSTGRES -> {
            boolean exists =
                statement
                    .executeQuery("SELECT 1 FROM pg_roles WHERE rolname = " + literal(user))
                    .next();
            statement.execute(
                exists
                    ? "ALTER USER " + identifier(user) + " WITH PASSWORD " + literal(password)
                    : "CREATE ROLE "
                        + identifier(user)
                        + " WITH LOGIN PASSWORD "
                        + literal(password)
                        + " IN ROLE "
                        + identifier(model));
          }
          case MYSQL -> MySqlUsers.copyUser(statement, model, user, password);
        }
      }
    }

    private static String identifier(String name) {
      return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String text) {
      return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
  }

  /** True when the secret names an administrator secret, which selects alternating users. */
  static boolean isAlternating(JsonNode secret) {
    return secret.hasNonNull("masterarn");
  }

  @Override
  public String createValue(String current, String token) {
    ObjectNode next = parse(current).deepCopy();
    if (isAlternating(next)) {
      String user = next.get("username").asText();
      next.put(
          "username",
          user.endsWith(CLONE_SUFFIX)
              ? user.substring(0, user.length() - CLONE_SUFFIX.length())
              : user + CLONE_SUFFIX);
    }
    next.put("password", GeneratedSecretStrategy.randomString(PASSWORD_LENGTH, PASSWORD_ALPHABET));
    return next.toString();
  }

  @Override
  public void install(String current, String pending, String previous) {
    JsonNode next = parse(pending);
    if (canLogIn(next)) {
      return;
    }
    if (isAlternating(next)) {
      installAsAdministrator(parse(current), next);
    } else {
      installAsUser(parse(current), next, previous == null ? null : parse(previous));
    }
  }

  private void installAsUser(JsonNode current, JsonNode next, JsonNode previous) {
    String user = next.get("username").asText();
    String password = next.get("password").asText();
    // After a crash the password may already have changed once; the previous value then logs in.
    for (JsonNode login :
        previous == null ? new JsonNode[] {current} : new JsonNode[] {current, previous}) {
      try (Connection connection = connect(login)) {
        dialect.setOwnPassword(connection, user, password);
        return;
      } catch (SQLException e) {
        // Try the next login; the error below names the user.
      }
    }
    throw new RotationException(
        "Failed to set the pending password of database user "
            + user
            + ": neither the current nor the previous password logs in");
  }

  private void installAsAdministrator(JsonNode current, JsonNode next) {
    JsonNode admin =
        parse(masterSecret.apply(next.get("masterarn").asText()), "username", "password");
    ObjectNode adminLogin = ((ObjectNode) next.deepCopy());
    adminLogin.put("username", admin.get("username").asText());
    adminLogin.put("password", admin.get("password").asText());
    String user = next.get("username").asText();
    String password = next.get("password").asText();
    try (Connection connection = connect(adminLogin)) {
      dialect.copyUser(connection, current.get("username").asText(), user, password);
    } catch (SQLException e) {
      throw new RotationException(
          "Failed to set the password of database user " + user + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void test(String pending) {
    JsonNode next = parse(pending);
    try (Connection connection = connect(next);
        Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT 1").next();
    } catch (SQLException e) {
      throw new RotationException(
          "pending password of database user "
              + next.get("username").asText()
              + " does not log in: "
              + e.getMessage(),
          e);
    }
  }

  private boolean canLogIn(JsonNode login) {
    try (Connection connection = connect(login)) {
      return connection.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  private Connection connect(JsonNode login) throws SQLException {
    return DriverManager.getConnection(
        dialect.url(login), login.get("username").asText(), login.get("password").asText());
  }

  static JsonNode parse(String secret) {
    return parse(secret, "host", "username", "password");
  }

  private static JsonNode parse(String secret, String... required) {
    try {
      JsonNode node = JSON.readTree(secret);
      for (String field : required) {
        if (node == null || !node.hasNonNull(field)) {
          throw new RotationException(
              "database secret lacks the field '"
                  + field
                  + "'; store host, port, username,"
                  + " password and dbname as JSON");
        }
      }
      return node;
    } catch (IOException e) {
      throw new RotationException("database secret is not JSON; store it as a JSON object", e);
    }
  }
}
