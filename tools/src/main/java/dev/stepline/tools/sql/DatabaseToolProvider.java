package dev.stepline.tools.sql;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolProvider;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.tools.AddressPolicy;
import dev.stepline.tools.Fields;
import dev.stepline.tools.ToolErrors;
import dev.stepline.tools.ToolsConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs {@code database} tools: one SQL statement over JDBC against PostgreSQL or MySQL/MariaDB.
 *
 * <p>The connection comes from {@code connection:} in the arguments over {@code connection:} in the
 * definition over the step's credential (a secret holding a mapping). Values are bound through
 * {@code parameters}: a list for {@code ?} placeholders or a mapping for {@code :name}
 * placeholders; nothing is ever interpolated into the SQL text. A statement that returns rows
 * outputs them as a list of mappings; any other outputs {@code {row_count: n}}.
 *
 * <p>{@code read_only: true} in the definition makes every connection read-only, and a step cannot
 * turn it off. {@code timeout} (seconds) and {@code max_rows} may only lower the operator's limits.
 */
public final class DatabaseToolProvider implements ToolProvider, AutoCloseable {
  private static final Set<String> OPERATIONS = Set.of("query", "execute");

  private final ToolsConfig config;
  private final ConnectionPools pools;
  private final AddressPolicy addressPolicy;

  public DatabaseToolProvider(ToolsConfig config) {
    this.config = config;
    this.pools = new ConnectionPools(config);
    this.addressPolicy = new AddressPolicy(config.allowLinkLocal());
  }

  @Override
  public Set<String> types() {
    return Set.of("database");
  }

  @Override
  public Object call(ToolRequest request) {
    String name = request.toolName();
    if (request.operation() != null && !OPERATIONS.contains(request.operation())) {
      throw ToolErrors.invalid(
          name, "unknown operation '" + request.operation() + "' for a database tool; use query");
    }
    Fields spec = new Fields(name, request.spec());
    Fields merged = new Fields(name, Fields.merge(request.spec(), request.arguments()));
    ConnectionSettings settings =
        ConnectionSettings.read(Fields.section(request, "connection"), readOnly(spec, merged));
    String sql = merged.requiredString("query", "sql");
    Object parameters = merged.has("parameters") ? merged.raw("parameters") : merged.raw("params");
    Duration timeout = atMost(merged.seconds("timeout"), config.statementTimeout());
    int maxRows = maxRows(merged);
    Bound bound = Bound.of(name, sql, parameters);

    addressPolicy.check(name, settings.host(), request.deployed());
    try (Connection connection = pools.pool(settings).getConnection()) {
      return run(name, connection, bound, timeout, maxRows);
    } catch (ToolException e) {
      throw e;
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.from(name, settings, e);
    }
  }

  private static boolean readOnly(Fields spec, Fields merged) {
    Boolean fromSpec = spec.bool("read_only");
    if (fromSpec != null && fromSpec) {
      return true;
    }
    Boolean fromStep = merged.bool("read_only");
    return fromStep != null && fromStep;
  }

  private static Duration atMost(Duration requested, Duration limit) {
    return requested == null || requested.compareTo(limit) > 0 ? limit : requested;
  }

  private int maxRows(Fields merged) {
    Long requested = merged.integer("max_rows");
    if (requested == null || requested > config.maxRows()) {
      return config.maxRows();
    }
    if (requested < 1) {
      throw ToolErrors.invalid(merged.toolName(), "'max_rows' must be at least 1");
    }
    return requested.intValue();
  }

  private static Object run(
      String toolName, Connection connection, Bound bound, Duration timeout, int maxRows)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(bound.sql)) {
      statement.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
      // One row more than allowed distinguishes an over-long result from one exactly at the limit.
      statement.setMaxRows(maxRows + 1);
      for (int i = 0; i < bound.values.size(); i++) {
        JdbcValues.bind(statement, i + 1, bound.values.get(i));
      }
      if (!statement.execute()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("row_count", (long) statement.getUpdateCount());
        return result;
      }
      try (ResultSet rows = statement.getResultSet()) {
        return readRows(toolName, rows, maxRows);
      }
    }
  }

  private static List<Map<String, Object>> readRows(String toolName, ResultSet rows, int maxRows)
      throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    List<Map<String, Object>> result = new ArrayList<>();
    while (rows.next()) {
      if (result.size() == maxRows) {
        throw new ToolException(
            ToolErrors.DATABASE,
            "tool '"
                + toolName
                + "': the query returned more than "
                + maxRows
                + " rows; add a LIMIT or page through the results");
      }
      result.add(JdbcValues.row(rows, meta));
    }
    return result;
  }

  int poolCount() {
    return pools.size();
  }

  @Override
  public void close() {
    pools.close();
  }

  /** The SQL to prepare and the values in placeholder order. */
  private record Bound(String sql, List<Object> values) {
    static Bound of(String toolName, String sql, Object parameters) {
      if (parameters == null) {
        return new Bound(sql, List.of());
      }
      if (parameters instanceof List<?> list) {
        return new Bound(sql, new ArrayList<>(list));
      }
      if (parameters instanceof Map<?, ?> map) {
        NamedParameters.Parsed parsed = NamedParameters.parse(sql);
        List<Object> values = new ArrayList<>();
        for (String name : parsed.names()) {
          if (!map.containsKey(name)) {
            throw ToolErrors.invalid(
                toolName, "the query uses :" + name + " but 'parameters' has no '" + name + "'");
          }
          values.add(map.get(name));
        }
        return new Bound(parsed.sql(), values);
      }
      throw ToolErrors.invalid(
          toolName,
          "'parameters' must be a list (for ? placeholders) or a mapping (for :name placeholders)"
              + " (found "
              + Fields.pythonType(parameters)
              + ")");
    }
  }
}
