package dev.stepline.template;

import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.objects.collections.PyList;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one place where the template engine depends on the expression engine's value model: Python
 * {@code str()}, {@code repr()}, truth, type names and the public exception type.
 */
final class PythonValues {
  private PythonValues() {}

  /** Returns Python's {@code str(value)}. */
  static String str(Object value) {
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof SafeString || value instanceof Undefined) {
      return value.toString();
    }
    return repr(value);
  }

  /** Returns Python's {@code repr(value)}. */
  static String repr(Object value) {
    StringBuilder out = new StringBuilder();
    appendRepr(out, value);
    return out.toString();
  }

  /** Returns Python's truth value of {@code value}. */
  static boolean isTruthy(Object value) {
    if (value == null || value instanceof Undefined) {
      return false;
    }
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue() != 0;
    }
    if (value instanceof CharSequence) {
      return ((CharSequence) value).length() > 0;
    }
    if (value instanceof Collection) {
      return !((Collection<?>) value).isEmpty();
    }
    if (value instanceof Map) {
      return !((Map<?, ?>) value).isEmpty();
    }
    return true;
  }

  /** Returns the Python type name of {@code value}, such as {@code str} or {@code NoneType}. */
  static String typeName(Object value) {
    if (value == null) {
      return "NoneType";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (isInteger(value)) {
      return "int";
    }
    if (value instanceof Number) {
      return "float";
    }
    if (value instanceof CharSequence || value instanceof SafeString) {
      return "str";
    }
    if (isTuple(value)) {
      return "tuple";
    }
    if (value instanceof Map) {
      return "dict";
    }
    if (value instanceof Undefined) {
      return "Undefined";
    }
    if (value instanceof Collection) {
      return "list";
    }
    return "object";
  }

  /** Returns how Jinja2 names the type of {@code value} in messages: {@code 'str object'}. */
  static String objectTypeRepr(Object value) {
    if (value == null) {
      return "None";
    }
    return "'" + typeName(value) + " object'";
  }

  static boolean isInteger(Object value) {
    return value instanceof Long
        || value instanceof Integer
        || value instanceof BigInteger
        || value instanceof Short
        || value instanceof Byte;
  }

  /** Converts a failure inside the engine into the public exception. */
  static RuntimeException toException(TemplateFailure failure) {
    return failure;
  }

  private static void appendRepr(StringBuilder out, Object value) {
    if (value == null) {
      out.append("None");
    } else if (value instanceof Boolean) {
      out.append((Boolean) value ? "True" : "False");
    } else if (value instanceof Double || value instanceof Float) {
      out.append(floatRepr(((Number) value).doubleValue()));
    } else if (value instanceof BigDecimal) {
      out.append(floatRepr(((BigDecimal) value).doubleValue()));
    } else if (value instanceof Number) {
      out.append(value);
    } else if (value instanceof CharSequence) {
      appendStringRepr(out, value.toString());
    } else if (value instanceof Map) {
      appendMapRepr(out, (Map<?, ?>) value);
    } else if (value instanceof Undefined) {
      out.append("Undefined");
    } else if (isTuple(value)) {
      List<?> items = (List<?>) value;
      appendSequence(out, items.iterator(), "(", items.size() == 1 ? ",)" : ")");
    } else if (value instanceof SafeString) {
      appendStringRepr(out, value.toString());
    } else if (value instanceof Collection) {
      appendSequence(out, ((Collection<?>) value).iterator(), "[", "]");
    } else {
      out.append(value);
    }
  }

  private static void appendSequence(
      StringBuilder out, Iterator<?> items, String open, String end) {
    out.append(open);
    boolean first = true;
    while (items.hasNext()) {
      if (!first) {
        out.append(", ");
      }
      appendRepr(out, items.next());
      first = false;
    }
    out.append(end);
  }

  private static void appendMapRepr(StringBuilder out, Map<?, ?> map) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!first) {
        out.append(", ");
      }
      appendRepr(out, entry.getKey());
      out.append(": ");
      appendRepr(out, entry.getValue());
      first = false;
    }
    out.append('}');
  }

  private static void appendStringRepr(StringBuilder out, String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    out.append(quote);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append(quote);
  }

  private static String floatRepr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e16) {
      String whole = BigDecimal.valueOf(value).setScale(1).toPlainString();
      return value == 0 && 1 / value < 0 ? "-0.0" : whole;
    }
    String text = Double.toString(value);
    int exponent = text.indexOf('E');
    if (exponent < 0) {
      return text;
    }
    String mantissa = text.substring(0, exponent);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int power = Integer.parseInt(text.substring(exponent + 1));
    if (power >= -4 && power < 16) {
      return new BigDecimal(text).stripTrailingZeros().toPlainString();
    }
    return mantissa + "e" + (power < 0 ? "-" : "+") + String.format("%02d", Math.abs(power));
  }

  /** Tells whether {@code value} is a tuple: ours, or a Jinjava tuple literal such as (1, 2). */
  static boolean isTuple(Object value) {
    if (value instanceof Tuple) {
      return true;
    }
    return value instanceof PyList
        && ((PyList) value).toList().getClass().getName().contains("Unmodifiable");
  }
}
