package dev.stepline.rotation;

import static dev.stepline.rotation.DatabasePasswordStrategy.Dialect.literal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SQL of password rotation on MySQL and MariaDB, where an account is a user and a host, a user
 * cannot inherit another's privileges, and the two servers spell a password change differently.
 */
final class MySqlUsers {
  /**
   * The authentication that MariaDB's SHOW GRANTS prints after the account, up to {@code WITH ...}
   * or the end; copying it would copy the model's password.
   */
  private static final Pattern IDENTIFIED_BY =
      Pattern.compile(" IDENTIFIED (BY PASSWORD '[^']*'|VIA .*?)(?= WITH |$)");

  private MySqlUsers() {}

  /**
   * Changes the logged-in user's password. MariaDB takes {@code SET PASSWORD = PASSWORD(...)}
   * without privileges, but {@code ALTER USER} only with CREATE USER; MySQL 8 has no {@code
   * PASSWORD()} and lets a user change its own password with {@code ALTER USER USER()}.
   */
  static void setOwnPassword(Connection connection, Statement statement, String password)
      throws SQLException {
    boolean mariaDb = connection.getMetaData().getDatabaseProductVersion().contains("MariaDB");
    statement.execute(
        mariaDb
            ? "SET PASSWORD = PASSWORD(" + literal(password) + ")"
            : "ALTER USER USER() IDENTIFIED BY " + literal(password));
  }

  /**
   * For every host of {@code model}, creates {@code user} at that host or changes its password, and
   * grants it what SHOW GRANTS lists for the model. Grants only add, so running it again is safe.
   */
  static void copyUser(Statement statement, String model, String user, String password)
      throws SQLException {
    List<String> hosts = hostsOf(statement, model);
    if (hosts.isEmpty()) {
      throw new RotationException(
          "database user "
              + model
              + " does not exist, so there is nothing to copy to "
              + user
              + "; create it or fix the secret's username");
    }
    for (String host : hosts) {
      String account = literal(user) + "@" + literal(host);
      boolean exists = hostsOf(statement, user).contains(host);
      statement.execute(
          (exists ? "ALTER USER " : "CREATE USER ")
              + account
              + " IDENTIFIED BY "
              + literal(password));
      for (String grant : grantsOf(statement, model, host)) {
        statement.execute(regrant(grant, model, user, host));
      }
    }
  }

  private static List<String> hostsOf(Statement statement, String user) throws SQLException {
    List<String> hosts = new ArrayList<>();
    try (ResultSet rows =
        statement.executeQuery("SELECT host FROM mysql.user WHERE user = " + literal(user))) {
      while (rows.next()) {
        hosts.add(rows.getString(1));
      }
    }
    return hosts;
  }

  private static List<String> grantsOf(Statement statement, String user, String host)
      throws SQLException {
    List<String> grants = new ArrayList<>();
    try (ResultSet rows =
        statement.executeQuery("SHOW GRANTS FOR " + literal(user) + "@" + literal(host))) {
      while (rows.next()) {
        grants.add(rows.getString(1));
      }
    }
    return grants;
  }

  /** Rewrites one line of SHOW GRANTS for the model into the same grant for {@code user}. */
  static String regrant(String grant, String model, String user, String host) {
    String from = " TO " + quoted(model) + "@" + quoted(host);
    int at = grant.lastIndexOf(from);
    if (at < 0) {
      throw new RotationException(
          "cannot copy a grant of database user "
              + model
              + " (found '"
              + IDENTIFIED_BY.matcher(grant).replaceFirst("")
              + "'); grant it to "
              + user
              + " by hand");
    }
    String rest = IDENTIFIED_BY.matcher(grant.substring(at + from.length())).replaceFirst("");
    return grant.substring(0, at) + " TO " + quoted(user) + "@" + quoted(host) + rest;
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
