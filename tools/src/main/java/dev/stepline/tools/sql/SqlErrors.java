package dev.stepline.tools.sql;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.tools.ToolErrors;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/**
 * Maps JDBC failures to error types by SQLSTATE: class 28 (invalid authorization) is {@code
 * AuthenticationError}, class 08 (connection exception) {@code ConnectionError}, 57014
 * (PostgreSQL's query_canceled, raised by a statement timeout) and 70100 (MariaDB's query
 * interrupted) {@code TimeoutError}, and everything else {@code DatabaseError}. Driver messages
 * name the user and the database but not the password.
 */
final class SqlErrors {
  private SqlErrors() {}

  static ToolException from(String toolName, ConnectionSettings settings, Throwable failure) {
    SQLException sql = findSqlException(failure);
    String state = sql == null ? null : sql.getSQLState();
    String reason = sql != null ? sql.getMessage() : String.valueOf(failure.getMessage());
    String prefix = "tool '" + toolName + "': ";
    if (state != null && state.startsWith("28")) {
      return new ToolException(
          ToolErrors.AUTHENTICATION,
          prefix
              + "the database "
              + settings.describe()
              + " rejected the credentials: "
              + reason
              + "; check the user and password",
          failure);
    }
    if (sql instanceof SQLTimeoutException || "57014".equals(state) || "70100".equals(state)) {
      return new ToolException(
          ToolErrors.TIMEOUT,
          prefix + "the statement on " + settings.describe() + " timed out: " + reason,
          failure);
    }
    if (state != null && state.startsWith("08") || sql == null) {
      return new ToolException(
          ToolErrors.CONNECTION,
          prefix + "failed to connect to " + settings.describe() + ": " + reason,
          failure);
    }
    return new ToolException(
        ToolErrors.DATABASE,
        prefix
            + "the statement failed on "
            + settings.describe()
            + " (SQLSTATE "
            + state
            + "): "
            + reason,
        failure);
  }

  private static SQLException findSqlException(Throwable failure) {
    SQLException found = null;
    for (Throwable error = failure; error != null; error = error.getCause()) {
      if (error instanceof SQLException sql) {
        found = sql;
        if (sql.getSQLState() != null) {
          return sql;
        }
      }
      if (error.getCause() == error) {
        break;
      }
    }
    return found;
  }
}
