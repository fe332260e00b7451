package dev.stepline.template;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Jinja2's {@code tojson}: Python's {@code json.dumps(value, sort_keys=True)} with {@code <},
 * {@code >}, {@code &} and {@code '} escaped as {@code \u003c} and so on, safe inside HTML.
 */
final class Json {
  private Json() {}

  static String htmlSafe(Object value, Object indent) {
    StringBuilder out = new StringBuilder();
    append(out, value, indent == null ? -1 : ((Number) indent).intValue(), 0);
    return out.toString()
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027");
  }

  private static void append(StringBuilder out, Object value, int indent, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean) {
      out.append((Boolean) value ? "true" : "false");
    } else if (value instanceof Double) {
      double d = (Double) value;
      out.append(
          Double.isNaN(d)
              ? "NaN"
              : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : PythonValues.repr(d));
    } else if (value instanceof Number) {
      out.append(PythonValues.repr(value));
    } else if (value instanceof Map) {
      appendObject(out, (Map<?, ?>) value, indent, depth);
    } else if (value instanceof Undefined) {
      throw new TemplateFailure("TypeError", "Object of type Undefined is not JSON serializable");
    } else if (value instanceof Collection) {
      appendArray(out, (Collection<?>) value, indent, depth);
    } else if (value instanceof CharSequence
        || value instanceof com.hubspot.jinjava.objects.SafeString) {
      appendString(out, value.toString());
    } else {
      throw new TemplateFailure(
          "TypeError",
          "Object of type " + PythonValues.typeName(value) + " is not JSON serializable");
    }
  }

  private static void appendObject(StringBuilder out, Map<?, ?> map, int indent, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> entry : sorted.entrySet()) {
      separate(out, first, indent, depth + 1);
      appendString(out, entry.getKey());
      out.append(": ");
      append(out, entry.getValue(), indent, depth + 1);
      first = false;
    }
    close(out, indent, depth);
    out.append('}');
  }

  private static void appendArray(StringBuilder out, Collection<?> items, int indent, int depth) {
    if (items.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    boolean first = true;
    for (Object item : items) {
      separate(out, first, indent, depth + 1);
      append(out, item, indent, depth + 1);
      first = false;
    }
    close(out, indent, depth);
    out.append(']');
  }

  private static void separate(StringBuilder out, boolean first, int indent, int depth) {
    if (!first) {
      out.append(indent >= 0 ? "," : ", ");
    }
    if (indent >= 0) {
      out.append('\n').append(" ".repeat(indent * depth));
    }
  }

  private static void close(StringBuilder out, int indent, int depth) {
    if (indent >= 0) {
      out.append('\n').append(" ".repeat(indent * depth));
    }
  }

  private static void appendString(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
