package dev.stepline.expr.lib;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyBytes;
import dev.stepline.expr.PyTuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code json} module and the {@code load_json}, {@code dump_json} and {@code extract_json}
 * builtins.
 */
final class JsonModule {
  private JsonModule() {}

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  static PyModule module() {
    return new PyModule("json")
        .function("loads", JsonModule::loads)
        .function("dumps", JsonModule::dumps);
  }

  static void defineBuiltins(Map<String, Object> globals) {
    globals.put("load_json", new Function("load_json", JsonModule::loads));
    globals.put("dump_json", new Function("dump_json", JsonModule::dumps));
    globals.put(
        "extract_json",
        new Function(
            "extract_json",
            a -> {
              String text = a.expect(1, 1).string(0);
              Limits.checkString(text.length());
              int marker = text.indexOf("```json");
              if (marker >= 0) {
                int start = marker + 7;
                int end = text.indexOf("```", start);
                // Python's slice text[start:-1] drops the last character when no closing fence
                // exists.
                int stop = end >= 0 ? end : text.length() - 1;
                text = stop >= start ? text.substring(start, stop) : "";
              }
              return parse(text);
            }));
  }

  private static Object loads(Args a) {
    a.expect(1, 1);
    Object value = a.get(0);
    if (value instanceof PyBytes bytes) {
      value = new String(bytes.data(), StandardCharsets.UTF_8);
    }
    if (!(value instanceof String text)) {
      throw new ExpressionException(
          "TypeError",
          "the JSON object must be str, bytes or bytearray, not " + Py.typeName(value));
    }
    Limits.checkString(text.length());
    return parse(text);
  }

  static Object parse(String text) {
    if (text.isBlank()) {
      throw new ExpressionException(
          "JSONDecodeError",
          "Expecting value: line 1 column "
              + (text.length() + 1)
              + " (char "
              + text.length()
              + ")");
    }
    try {
      return Py.fromJson(MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      // Python's wording and position where Python rejects the text too; the parser's own where
      // only it does (a number too large for it, say).
      String message =
          JsonErrorLocator.describe(text)
              .orElseGet(
                  () -> {
                    long line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
                    long column = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
                    return e.getOriginalMessage() + ": line " + line + " column " + column;
                  });
      throw new ExpressionException("JSONDecodeError", message);
    }
  }

  private static Object dumps(Args a) {
    a.expect(
        1,
        1,
        "indent",
        "sort_keys",
        "ensure_ascii",
        "separators",
        "allow_nan",
        "skipkeys",
        "default",
        "check_circular",
        "cls");
    Object indentValue = a.keywords.get("indent");
    String indent =
        indentValue == null
            ? null
            : Py.isInt(indentValue)
                ? " ".repeat((int) Math.max(0, Py.smallInt(indentValue)))
                : Py.str(indentValue);
    String itemSeparator = indent == null ? ", " : ",";
    String keySeparator = ": ";
    Object separators = a.keywords.get("separators");
    if (separators != null) {
      List<Object> pair = Iteration.toList(separators);
      itemSeparator = Py.str(pair.get(0));
      keySeparator = Py.str(pair.get(1));
    }
    Writer writer =
        new Writer(
            indent,
            itemSeparator,
            keySeparator,
            Py.isTruthy(a.keywords.getOrDefault("ensure_ascii", true)),
            Py.isTruthy(a.keywords.get("sort_keys")),
            Py.isTruthy(a.keywords.getOrDefault("allow_nan", true)));
    writer.write(a.get(0), 0);
    return Limits.checked(writer.out.toString());
  }

  /** Writes JSON exactly as CPython's {@code json.dumps} does. */
  static final class Writer {
    final StringBuilder out = new StringBuilder();
    private final String indent;
    private final String itemSeparator;
    private final String keySeparator;
    private final boolean ensureAscii;
    private final boolean sortKeys;
    private final boolean allowNan;

    Writer(
        String indent,
        String itemSeparator,
        String keySeparator,
        boolean ensureAscii,
        boolean sortKeys,
        boolean allowNan) {
      this.indent = indent;
      this.itemSeparator = itemSeparator;
      this.keySeparator = keySeparator;
      this.ensureAscii = ensureAscii;
      this.sortKeys = sortKeys;
      this.allowNan = allowNan;
    }

    void write(Object value, int depth) {
      if (depth > 500) {
        throw new ExpressionException("RecursionError", "maximum recursion depth exceeded");
      }
      Limits.checkString(out.length());
      if (value == null) {
        out.append("null");
      } else if (value instanceof Boolean b) {
        out.append(b ? "true" : "false");
      } else if (value instanceof String text) {
        writeString(text);
      } else if (Py.isInt(value)) {
        out.append(Py.intText(Py.bigInt(value)));
      } else if (Py.isFloat(value)) {
        out.append(floatText(Py.toDouble(value)));
      } else if (value instanceof List<?> list) {
        writeArray(list, depth);
      } else if (value instanceof PyTuple tuple) {
        writeArray(tuple.items(), depth);
      } else if (Py.isMapping(value)) {
        writeObject(Py.asMap(value), depth);
      } else {
        throw new ExpressionException(
            "TypeError", "Object of type " + Py.typeName(value) + " is not JSON serializable");
      }
    }

    private String floatText(double d) {
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        if (!allowNan) {
          throw new ExpressionException(
              "ValueError", "Out of range float values are not JSON compliant");
        }
        return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
      }
      return Py.repr(d);
    }

    private void newline(int depth) {
      if (indent != null) {
        out.append('\n').append(indent.repeat(depth));
      }
    }

    private void writeArray(List<?> items, int depth) {
      if (items.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          out.append(itemSeparator);
        }
        newline(depth + 1);
        write(items.get(i), depth + 1);
      }
      newline(depth);
      out.append(']');
    }

    private void writeObject(Map<Object, Object> map, int depth) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      List<Map.Entry<Object, Object>> entries = new ArrayList<>(map.entrySet());
      if (sortKeys) {
        entries.sort((x, y) -> Integer.signum(Py.compare(x.getKey(), y.getKey(), "<")));
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<Object, Object> entry : entries) {
        Object key = entry.getKey();
        if (!(key == null || key instanceof String || Py.isNumber(key))) {
          throw new ExpressionException(
              "TypeError", "keys must be str, int, float, bool or None, not " + Py.typeName(key));
        }
        if (!first) {
          out.append(itemSeparator);
        }
        first = false;
        newline(depth + 1);
        writeString(Py.isFloat(key) ? floatText(Py.toDouble(key)) : Py.jsonKey(key));
        out.append(keySeparator);
        write(entry.getValue(), depth + 1);
      }
      newline(depth);
      out.append('}');
    }

    private void writeString(String text) {
      out.append('"');
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> {
            if (c < 0x20 || (ensureAscii && c > 0x7e)) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }
}
