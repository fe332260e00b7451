package dev.stepline.tools.sql;

import dev.stepline.tools.JsonValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Converts between JDBC values and JSON-like values. */
final class JdbcValues {
  private JdbcValues() {}

  /** Binds a JSON-like value; lists and mappings are bound as JSON text. */
  static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.NULL);
    } else if (value instanceof String text) {
      statement.setString(index, text);
    } else if (value instanceof Boolean flag) {
      statement.setBoolean(index, flag);
    } else if (value instanceof Long || value instanceof Integer) {
      statement.setLong(index, ((Number) value).longValue());
    } else if (value instanceof Double number) {
      statement.setDouble(index, number);
    } else if (value instanceof Number number) {
      statement.setBigDecimal(index, new BigDecimal(number.toString()));
    } else {
      statement.setString(index, new String(JsonValues.write(value), StandardCharsets.UTF_8));
    }
  }

  /** Reads the current row as a map from column label to JSON-like value, in column order. */
  static Map<String, Object> row(ResultSet rows, ResultSetMetaData meta) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int column = 1; column <= meta.getColumnCount(); column++) {
      row.put(
          meta.getColumnLabel(column),
          value(rows, column, meta.getColumnType(column), meta.getColumnTypeName(column)));
    }
    return row;
  }

  private static Object value(ResultSet rows, int column, int type, String typeName)
      throws SQLException {
    switch (type) {
      case Types.DATE:
        java.sql.Date date = rows.getDate(column);
        return date == null ? null : date.toLocalDate().toString();
      case Types.TIME:
        Time time = rows.getTime(column);
        return time == null ? null : time.toLocalTime().toString();
      case Types.TIMESTAMP:
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toLocalDateTime().toString();
      case Types.TIMESTAMP_WITH_TIMEZONE:
        OffsetDateTime zoned = rows.getObject(column, OffsetDateTime.class);
        return zoned == null ? null : zoned.toString();
      default:
        return convert(rows.getObject(column), typeName);
    }
  }

  private static Object convert(Object value, String typeName) throws SQLException {
    if (value == null) {
      return null;
    }
    if (value instanceof Timestamp timestamp) {
      // PostgreSQL reports timestamptz as TIMESTAMP; its instant is what the value means.
      return typeName.equalsIgnoreCase("timestamptz")
          ? timestamp.toInstant().toString()
          : timestamp.toLocalDateTime().toString();
    }
    if (value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Double) {
      return typeName.equalsIgnoreCase("json") || typeName.equalsIgnoreCase("jsonb")
          ? parseJson((String) value)
          : value;
    }
    if (value instanceof Number) {
      return JsonValues.normalize(value);
    }
    if (value instanceof UUID || value instanceof java.time.temporal.Temporal) {
      return value.toString();
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Array array) {
      Object[] items = (Object[]) array.getArray();
      List<Object> list = new ArrayList<>(items.length);
      for (Object item : items) {
        list.add(convert(item, ""));
      }
      return list;
    }
    if (value instanceof Clob clob) {
      return clob.getSubString(1, (int) clob.length());
    }
    if (value instanceof Blob blob) {
      return Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length()));
    }
    if (typeName.equalsIgnoreCase("json") || typeName.equalsIgnoreCase("jsonb")) {
      return parseJson(value.toString());
    }
    // Other driver types (PostgreSQL intervals, geometric types, ...) read as their text form.
    return value.toString();
  }

  private static Object parseJson(String text) {
    try {
      return JsonValues.parse(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return text;
    }
  }
}
