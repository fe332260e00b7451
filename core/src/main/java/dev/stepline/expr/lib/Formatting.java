package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyDate;
import dev.stepline.expr.PyDateTime;
import dev.stepline.expr.PyTuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Python's {@code format()}, {@code str.format()} and {@code %} formatting. */
public final class Formatting {
  private Formatting() {}

  /** Returns {@code format(value, spec)}. */
  public static String format(Object value, String spec) {
    if (spec.isEmpty()) {
      return Py.str(value);
    }
    if (value instanceof String text) {
      return formatString(text, FormatSpec.parse(spec));
    }
    if (Py.isInt(value)) {
      return formatInt(Py.bigInt(value), FormatSpec.parse(spec));
    }
    if (Py.isFloat(value)) {
      return formatFloat(Py.toDouble(value), FormatSpec.parse(spec));
    }
    if (value instanceof PyDateTime || value instanceof PyDate) {
      return Strftime.format(value, spec);
    }
    throw new ExpressionException(
        "TypeError", "unsupported format string passed to " + Py.typeName(value) + ".__format__");
  }

  /** Returns Python's {@code ascii()} of a repr: non-ASCII characters escaped. */
  public static String ascii(String repr) {
    StringBuilder out = new StringBuilder();
    repr.codePoints()
        .forEach(
            c -> {
              if (c < 0x80) {
                out.append((char) c);
              } else if (c <= 0xff) {
                out.append(String.format("\\x%02x", c));
              } else if (c <= 0xffff) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.append(String.format("\\U%08x", c));
              }
            });
    return out.toString();
  }

  private static String formatString(String text, FormatSpec spec) {
    if (spec.type != 0 && spec.type != 's') {
      throw unknownCode(spec.type, "str");
    }
    if (spec.sign != '-') {
      throw new ExpressionException("ValueError", "Sign not allowed in string format specifier");
    }
    if (spec.align == '=') {
      throw new ExpressionException(
          "ValueError", "'=' alignment not allowed in string format specifier");
    }
    if (spec.precision >= 0 && spec.precision < text.codePointCount(0, text.length())) {
      text = text.substring(0, text.offsetByCodePoints(0, spec.precision));
    }
    return spec.pad("", text, '<');
  }

  private static ExpressionException unknownCode(char type, String typeName) {
    return new ExpressionException(
        "ValueError", "Unknown format code '" + type + "' for object of type '" + typeName + "'");
  }

  private static String formatInt(BigInteger value, FormatSpec spec) {
    char type = spec.type;
    if ("eEfFgG%".indexOf(type) >= 0 && type != 0) {
      return formatFloat(value.doubleValue(), spec);
    }
    if (spec.precision >= 0) {
      throw new ExpressionException(
          "ValueError", "Precision not allowed in integer format specifier");
    }
    String digits;
    String prefix = "";
    BigInteger magnitude = value.abs();
    switch (type) {
      case 0, 'd', 'n' -> digits = magnitude.toString();
      case 'b' -> {
        digits = magnitude.toString(2);
        prefix = spec.alternate ? "0b" : "";
      }
      case 'o' -> {
        digits = magnitude.toString(8);
        prefix = spec.alternate ? "0o" : "";
      }
      case 'x' -> {
        digits = magnitude.toString(16);
        prefix = spec.alternate ? "0x" : "";
      }
      case 'X' -> {
        digits = magnitude.toString(16).toUpperCase();
        prefix = spec.alternate ? "0X" : "";
      }
      case 'c' -> {
        return spec.pad("", new String(Character.toChars(value.intValueExact())), '>');
      }
      default -> throw unknownCode(type, "int");
    }
    if (spec.grouping != 0) {
      if (spec.grouping == ',' && "bBoxX".indexOf(type) >= 0 && type != 0) {
        throw new ExpressionException("ValueError", "Cannot specify ',' with '" + type + "'.");
      }
      digits = group(digits, spec.grouping, "bBoxX".indexOf(type) >= 0 && type != 0 ? 4 : 3);
    }
    String sign = signOf(value.signum() < 0, spec);
    return padNumber(sign + prefix, digits, spec);
  }

  private static String signOf(boolean negative, FormatSpec spec) {
    if (negative) {
      return "-";
    }
    return spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
  }

  private static String padNumber(String prefix, String body, FormatSpec spec) {
    if (spec.fill == '0' && spec.align == '=' && spec.grouping != 0 && spec.width > 0) {
      // Zero padding goes through the grouping, as in Python's format(1234, '010,').
      String digits = body.replace(String.valueOf(spec.grouping), "");
      int point = indexOfAny(digits, ".eE%");
      String integer = point < 0 ? digits : digits.substring(0, point);
      String rest = point < 0 ? "" : digits.substring(point);
      String grouped = group(integer, spec.grouping, 3);
      while (prefix.length() + grouped.length() + rest.length() < spec.width) {
        integer = "0" + integer;
        grouped = group(integer, spec.grouping, 3);
      }
      return prefix + grouped + rest;
    }
    return spec.pad(prefix, body, '>');
  }

  private static int indexOfAny(String text, String chars) {
    for (int i = 0; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static String group(String digits, char separator, int size) {
    StringBuilder out = new StringBuilder();
    int first = digits.length() % size;
    if (first == 0) {
      first = size;
    }
    out.append(digits, 0, Math.min(first, digits.length()));
    for (int i = first; i < digits.length(); i += size) {
      out.append(separator).append(digits, i, i + size);
    }
    return out.toString();
  }

  static String formatFloat(double value, FormatSpec spec) {
    char type = spec.type;
    if ("eEfFgGn%".indexOf(type) < 0 && type != 0) {
      throw unknownCode(type, "float");
    }
    boolean negative = value < 0 || (value == 0 && 1 / value < 0);
    double magnitude = Math.abs(value);
    String body;
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      body = Double.isNaN(value) ? "nan" : "inf";
      if (Character.isUpperCase(type)) {
        body = body.toUpperCase();
      }
      body += type == '%' ? "%" : "";
      negative = value < 0;
    } else {
      body = floatBody(magnitude, spec);
      if (spec.noNegativeZero && negative && isZeroText(body)) {
        negative = false;
      }
    }
    if (spec.grouping != 0) {
      int point = indexOfAny(body, ".eE%");
      String integer = point < 0 ? body : body.substring(0, point);
      body = group(integer, spec.grouping, 3) + (point < 0 ? "" : body.substring(point));
    }
    return padNumber(signOf(negative, spec), body, spec);
  }

  private static boolean isZeroText(String body) {
    return body.chars().noneMatch(c -> c >= '1' && c <= '9');
  }

  private static String floatBody(double magnitude, FormatSpec spec) {
    int precision = spec.precision;
    switch (spec.type) {
      case 'f', 'F':
        return fixed(magnitude, precision < 0 ? 6 : precision, spec.alternate);
      case 'e', 'E':
        String sci = scientific(magnitude, precision < 0 ? 6 : precision, spec.alternate);
        return spec.type == 'E' ? sci.toUpperCase() : sci;
      case 'g', 'G', 'n':
        String general = general(magnitude, precision < 0 ? 6 : precision, spec.alternate, false);
        return spec.type == 'G' ? general.toUpperCase() : general;
      case '%':
        return fixed(magnitude * 100, precision < 0 ? 6 : precision, spec.alternate) + "%";
      default:
        if (precision < 0) {
          return Py.repr(magnitude);
        }
        return general(magnitude, precision, spec.alternate, true);
    }
  }

  static String fixed(double magnitude, int precision, boolean alternate) {
    String text =
        new BigDecimal(magnitude).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    return alternate && precision == 0 ? text + "." : text;
  }

  static String scientific(double magnitude, int precision, boolean alternate) {
    String digits;
    int exponent;
    if (magnitude == 0) {
      digits = "0".repeat(precision + 1);
      exponent = 0;
    } else {
      BigDecimal rounded =
          new BigDecimal(magnitude).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
      digits = rounded.unscaledValue().toString();
      exponent = digits.length() - 1 - rounded.scale();
      if (digits.length() < precision + 1) {
        digits = digits + "0".repeat(precision + 1 - digits.length());
      } else if (digits.length() > precision + 1) {
        digits = digits.substring(0, precision + 1);
      }
    }
    String mantissa =
        digits.substring(0, 1) + (precision > 0 || alternate ? "." : "") + digits.substring(1);
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
  }

  private static String general(
      double magnitude, int precision, boolean alternate, boolean noType) {
    int p = precision == 0 ? 1 : precision;
    int exponent;
    if (magnitude == 0) {
      exponent = 0;
    } else {
      BigDecimal rounded =
          new BigDecimal(magnitude).round(new MathContext(p, RoundingMode.HALF_EVEN));
      exponent = rounded.precision() - 1 - rounded.scale();
    }
    String text;
    if (exponent >= -4 && exponent < p) {
      text = fixed(magnitude, p - 1 - exponent, alternate);
      if (!alternate) {
        text = stripZeros(text);
      }
      if (noType && !text.contains(".")) {
        text += ".0";
      }
    } else {
      text = scientific(magnitude, p - 1, alternate);
      if (!alternate) {
        int e = text.indexOf('e');
        text = stripZeros(text.substring(0, e)) + text.substring(e);
      }
    }
    return text;
  }

  private static String stripZeros(String text) {
    if (!text.contains(".")) {
      return text;
    }
    int end = text.length();
    while (text.charAt(end - 1) == '0') {
      end--;
    }
    if (text.charAt(end - 1) == '.') {
      end--;
    }
    return text.substring(0, end);
  }

  // ---- str.format

  /** Returns {@code template.format(*args, **kwargs)}. */
  public static String strFormat(String template, List<Object> args, Map<String, Object> kwargs) {
    return strFormat(template, args, kwargs, new int[2]);
  }

  /**
   * Formats with {@code numbering} shared by nested specs: the next automatic index, and whether
   * fields are numbered automatically (1) or by hand (2), which Python does not let one mix.
   */
  private static String strFormat(
      String template, List<Object> args, Map<String, Object> kwargs, int[] numbering) {
    StringBuilder out = new StringBuilder();
    int[] autoIndex = numbering;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
          out.append('{');
          i += 2;
          continue;
        }
        int end = fieldEnd(template, i);
        out.append(renderField(template.substring(i + 1, end), args, kwargs, autoIndex));
        i = end + 1;
      } else if (c == '}') {
        if (i + 1 < template.length() && template.charAt(i + 1) == '}') {
          out.append('}');
          i += 2;
          continue;
        }
        throw new ExpressionException("ValueError", "Single '}' encountered in format string");
      } else {
        out.append(c);
        i++;
      }
      Limits.checkString(out.length());
    }
    return out.toString();
  }

  private static int fieldEnd(String template, int open) {
    int depth = 0;
    for (int i = open + 1; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    throw new ExpressionException("ValueError", "expected '}' before end of string");
  }

  private static String renderField(
      String field, List<Object> args, Map<String, Object> kwargs, int[] autoIndex) {
    String spec = "";
    char conversion = 0;
    int colon = field.indexOf(':');
    if (colon >= 0) {
      spec = field.substring(colon + 1);
      field = field.substring(0, colon);
    }
    int bang = field.indexOf('!');
    if (bang >= 0) {
      if (bang + 2 != field.length()) {
        throw new ExpressionException("ValueError", "expected ':' after conversion specifier");
      }
      conversion = field.charAt(bang + 1);
      field = field.substring(0, bang);
    }
    Object value = lookupField(field, args, kwargs, autoIndex);
    if (spec.contains("{")) {
      spec = strFormat(spec, args, kwargs, autoIndex);
    }
    switch (conversion) {
      case 0 -> {}
      case 'r' -> value = Py.repr(value);
      case 's' -> value = Py.str(value);
      case 'a' -> value = ascii(Py.repr(value));
      default ->
          throw new ExpressionException("ValueError", "Unknown conversion specifier " + conversion);
    }
    return format(value, spec);
  }

  private static Object lookupField(
      String field, List<Object> args, Map<String, Object> kwargs, int[] autoIndex) {
    int end = 0;
    while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
      end++;
    }
    String first = field.substring(0, end);
    Object value;
    if (first.isEmpty() || first.chars().allMatch(Character::isDigit)) {
      int mode = first.isEmpty() ? 1 : 2;
      if (autoIndex[1] != 0 && autoIndex[1] != mode) {
        throw new ExpressionException(
            "ValueError",
            mode == 1
                ? "cannot switch from manual field specification to automatic field numbering"
                : "cannot switch from automatic field numbering to manual field specification");
      }
      autoIndex[1] = mode;
      int index = first.isEmpty() ? autoIndex[0]++ : Integer.parseInt(first);
      if (index >= args.size()) {
        throw new ExpressionException(
            "IndexError", "Replacement index " + index + " out of range for positional args tuple");
      }
      value = args.get(index);
    } else {
      if (!kwargs.containsKey(first)) {
        throw new ExpressionException("KeyError", Py.repr(first));
      }
      value = kwargs.get(first);
    }
    while (end < field.length()) {
      if (field.charAt(end) == '.') {
        int next = end + 1;
        while (next < field.length() && field.charAt(next) != '.' && field.charAt(next) != '[') {
          next++;
        }
        value = Attributes.get(value, field.substring(end + 1, next));
        end = next;
      } else {
        int close = field.indexOf(']', end);
        if (close < 0) {
          throw new ExpressionException("ValueError", "Missing ']' in format string");
        }
        String key = field.substring(end + 1, close);
        Object index =
            key.chars().allMatch(Character::isDigit) && !key.isEmpty()
                ? (Object) Long.parseLong(key)
                : key;
        value = Ops.getItem(value, index);
        end = close + 1;
      }
    }
    return value;
  }

  // ---- printf-style

  /** Returns {@code format % args}. */
  public static String percent(String format, Object args) {
    List<Object> values =
        args instanceof PyTuple tuple
            ? tuple.items()
            : List.of(args == null ? PercentNone.NONE : args);
    boolean mapping = Py.isMapping(args);
    StringBuilder out = new StringBuilder();
    int next = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      if (i >= format.length()) {
        throw new ExpressionException("ValueError", "incomplete format");
      }
      Object value = null;
      boolean haveValue = false;
      if (format.charAt(i) == '(') {
        int close = format.indexOf(')', i);
        if (!mapping) {
          throw new ExpressionException("TypeError", "format requires a mapping");
        }
        value = Ops.getItem(args, format.substring(i + 1, close));
        haveValue = true;
        i = close + 1;
      }
      StringBuilder flags = new StringBuilder();
      while (i < format.length() && "-+ #0".indexOf(format.charAt(i)) >= 0) {
        flags.append(format.charAt(i++));
      }
      int widthStart = i;
      while (i < format.length() && Character.isDigit(format.charAt(i))) {
        i++;
      }
      String width = format.substring(widthStart, i);
      String precision = null;
      if (i < format.length() && format.charAt(i) == '.') {
        int precisionStart = ++i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          i++;
        }
        precision = format.substring(precisionStart, i);
        if (precision.isEmpty()) {
          precision = "0";
        }
      }
      if (i >= format.length()) {
        throw new ExpressionException("ValueError", "incomplete format");
      }
      char type = format.charAt(i++);
      if (type == '%') {
        out.append('%');
        continue;
      }
      if (!haveValue) {
        if (mapping && !(args instanceof PyTuple)) {
          value = args;
        } else {
          if (next >= values.size()) {
            throw new ExpressionException("TypeError", "not enough arguments for format string");
          }
          value = values.get(next++);
          if (value == PercentNone.NONE) {
            value = null;
          }
        }
      }
      out.append(percentField(value, flags.toString(), width, precision, type));
      Limits.checkString(out.length());
    }
    // Python skips this check for arguments that support indexing by key, lists included.
    boolean indexable = mapping || args instanceof List;
    if (!indexable && next < values.size()) {
      throw new ExpressionException(
          "TypeError", "not all arguments converted during string formatting");
    }
    return out.toString();
  }

  private enum PercentNone {
    NONE
  }

  private static String percentField(
      Object value, String flags, String width, String precision, char type) {
    StringBuilder spec = new StringBuilder();
    boolean left = flags.contains("-");
    if (left) {
      spec.append('<');
    } else if (flags.contains("0") && type != 's' && type != 'r' && type != 'a') {
      spec.append("0=");
    } else {
      spec.append('>');
    }
    if (flags.contains("+")) {
      spec.append('+');
    } else if (flags.contains(" ")) {
      spec.append(' ');
    }
    if (flags.contains("#")) {
      spec.append('#');
    }
    spec.append(width);
    switch (type) {
      case 's', 'r', 'a' -> {
        String text =
            type == 's' ? Py.str(value) : type == 'r' ? Py.repr(value) : ascii(Py.repr(value));
        if (precision != null) {
          spec.append('.').append(precision);
        }
        return format(text, spec.toString().replace("+", "").replace(" ", "").replace("#", ""));
      }
      case 'd', 'i', 'u' -> {
        if (!Py.isNumber(value)) {
          throw new ExpressionException(
              "TypeError",
              "%" + type + " format: a real number is required, not " + Py.typeName(value));
        }
        Object integer = Py.isInt(value) ? value : Builtins.truncate(Py.toDouble(value));
        return format(Py.bigInt(integer), spec.append('d').toString());
      }
      case 'x', 'X', 'o' -> {
        if (!Py.isInt(value)) {
          throw new ExpressionException(
              "TypeError",
              "%" + type + " format: an integer is required, not " + Py.typeName(value));
        }
        return format(Py.bigInt(value), spec.append(type).toString());
      }
      case 'e', 'E', 'f', 'F', 'g', 'G' -> {
        if (!Py.isNumber(value)) {
          throw new ExpressionException(
              "TypeError", "must be real number, not " + Py.typeName(value));
        }
        if (precision != null) {
          spec.append('.').append(precision);
        }
        return format(Py.toDouble(value), spec.append(type).toString());
      }
      case 'c' -> {
        if (value instanceof String text && text.codePointCount(0, text.length()) == 1) {
          return format(text, spec.toString());
        }
        if (!Py.isInt(value)) {
          throw new ExpressionException("TypeError", "%c requires int or char");
        }
        BigInteger code = Py.bigInt(value);
        if (code.signum() < 0 || code.compareTo(BigInteger.valueOf(0x10FFFF)) > 0) {
          throw new ExpressionException("OverflowError", "%c arg not in range(0x110000)");
        }
        return format(new String(Character.toChars(code.intValue())), spec.toString());
      }
      default ->
          throw new ExpressionException(
              "ValueError",
              "unsupported format character '" + type + "' (0x" + Integer.toHexString(type) + ")");
    }
  }
}
