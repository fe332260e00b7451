package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads CSV text as Python's {@code csv.reader} reads a {@code StringIO} of it. */
final class CsvReader {
  private CsvReader() {}

  static List<List<Object>> read(Args a) {
    String text = a.string(0);
    char delimiter = single(a.keywords.getOrDefault("delimiter", ","), "delimiter");
    Object quoteValue = a.keywords.getOrDefault("quotechar", "\"");
    char quote = quoteValue == null ? 0 : single(quoteValue, "quotechar");
    boolean skipSpace = Py.isTruthy(a.keywords.get("skipinitialspace"));
    boolean doubleQuote = Py.isTruthy(a.keywords.getOrDefault("doublequote", true));
    return parse(text, delimiter, quote, skipSpace, doubleQuote);
  }

  private static char single(Object value, String name) {
    if (!(value instanceof String text) || text.length() != 1) {
      throw new ExpressionException("TypeError", "\"" + name + "\" must be a 1-character string");
    }
    return text.charAt(0);
  }

  static List<List<Object>> parse(
      String text, char delimiter, char quote, boolean skipSpace, boolean doubleQuote) {
    List<List<Object>> rows = new ArrayList<>();
    List<Object> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean inQuotes = false;
    boolean fieldStarted = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == quote) {
          if (doubleQuote && i + 1 < n && text.charAt(i + 1) == quote) {
            field.append(quote);
            i += 2;
            continue;
          }
          inQuotes = false;
        } else {
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == delimiter) {
        row.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
        i++;
        if (skipSpace) {
          while (i < n && text.charAt(i) == ' ') {
            i++;
          }
        }
      } else if (c == '\n' || c == '\r') {
        if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
          row.add(field.toString());
        }
        rows.add(row);
        row = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
        i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
      } else if (c == quote && quote != 0 && field.length() == 0) {
        inQuotes = true;
        fieldStarted = true;
        i++;
      } else {
        field.append(c);
        fieldStarted = true;
        i++;
      }
    }
    if (inQuotes) {
      throw new ExpressionException("Error", "unexpected end of data");
    }
    if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  static List<Object> readDicts(Args a) {
    List<List<Object>> rows = read(a);
    Object fieldNames = a.get(1, "fieldnames", null);
    Object restKey = a.keywords.get("restkey");
    Object restValue = a.keywords.get("restval");
    int index = 0;
    List<Object> names;
    if (fieldNames == null) {
      while (index < rows.size() && rows.get(index).isEmpty()) {
        index++;
      }
      if (index >= rows.size()) {
        return new ArrayList<>();
      }
      names = rows.get(index++);
    } else {
      names = Iteration.toList(fieldNames);
    }
    List<Object> result = new ArrayList<>();
    for (; index < rows.size(); index++) {
      List<Object> row = rows.get(index);
      if (row.isEmpty()) {
        continue;
      }
      Map<Object, Object> dict = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        Py.dictPut(dict, names.get(i), i < row.size() ? row.get(i) : restValue);
      }
      if (row.size() > names.size()) {
        Py.dictPut(dict, restKey, new ArrayList<>(row.subList(names.size(), row.size())));
      }
      result.add(dict);
    }
    return result;
  }
}
