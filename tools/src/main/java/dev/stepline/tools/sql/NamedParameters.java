package dev.stepline.tools.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites {@code :name} placeholders to JDBC's {@code ?} and records the order of the names. It
 * skips string literals, quoted identifiers, PostgreSQL dollar-quoted strings, comments and {@code
 * ::} casts, so only real placeholders change. Values are always bound, never written into the SQL.
 */
final class NamedParameters {
  private NamedParameters() {}

  record Parsed(String sql, List<String> names) {}

  static Parsed parse(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<String> names = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"' || c == '`') {
        end = skipQuoted(sql, i, c);
      } else if (c == '-' && next(sql, i) == '-') {
        end = skipTo(sql, i, "\n");
      } else if (c == '/' && next(sql, i) == '*') {
        end = skipTo(sql, i + 2, "*/");
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        end = skipTo(sql, i + tag.length(), tag);
      } else if (c == ':' && next(sql, i) == ':') {
        end = i + 2;
      } else if (c == ':' && Character.isJavaIdentifierStart(next(sql, i))) {
        end = i + 1;
        while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
          end++;
        }
        names.add(sql.substring(i + 1, end));
        out.append('?');
        i = end;
        continue;
      } else {
        end = i + 1;
      }
      out.append(sql, i, end);
      i = end;
    }
    return new Parsed(out.toString(), names);
  }

  private static char next(String sql, int i) {
    return i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
  }

  // NOTE: MySQL strings may escape a quote with a backslash ('it\'s'), which this scan reads as
  // the end of the string, so a colon later in such a literal may be taken for a placeholder.
  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (next(sql, i) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  private static int skipTo(String sql, int from, String terminator) {
    int index = sql.indexOf(terminator, from);
    return index < 0 ? sql.length() : index + terminator.length();
  }

  /** Returns the tag of a dollar quote starting at {@code i} ({@code $$} or {@code $tag$}). */
  private static String dollarTag(String sql, int i) {
    int end = i + 1;
    while (end < sql.length()
        && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
      end++;
    }
    if (end < sql.length() && sql.charAt(end) == '$') {
      String tag = sql.substring(i, end + 1);
      // $1 is a positional parameter, not a quote.
      return tag.length() > 2 && Character.isDigit(tag.charAt(1)) ? null : tag;
    }
    return null;
  }
}
