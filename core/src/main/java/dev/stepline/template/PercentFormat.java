package dev.stepline.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's printf-style {@code %} formatting, as the {@code format} filter applies it. */
final class PercentFormat {
  private static final Pattern SPEC =
      Pattern.compile("%([-+ 0]*)(\\d+)?(?:\\.(\\d+))?([sdirfxXeEgo%])");

  private PercentFormat() {}

  static String format(String template, Object[] args) {
    Matcher matcher = SPEC.matcher(template);
    StringBuilder out = new StringBuilder();
    int next = 0;
    int last = 0;
    while (matcher.find()) {
      out.append(template, last, matcher.start());
      last = matcher.end();
      char conversion = matcher.group(4).charAt(0);
      if (conversion == '%') {
        out.append('%');
        continue;
      }
      if (next >= args.length) {
        throw new TemplateFailure("TypeError", "not enough arguments for format string");
      }
      out.append(
          pad(
              convert(conversion, args[next++], matcher.group(3)),
              matcher.group(1),
              matcher.group(2)));
    }
    if (next < args.length) {
      throw new TemplateFailure(
          "TypeError", "not all arguments converted during string formatting");
    }
    return out.append(template.substring(last)).toString();
  }

  private static String convert(char conversion, Object value, String precision) {
    switch (conversion) {
      case 's':
        return PythonValues.str(value);
      case 'r':
        return PythonValues.repr(value);
      case 'd':
      case 'i':
        return PythonValues.str(integer(value));
      case 'x':
        return Long.toHexString(integer(value).longValue());
      case 'X':
        return Long.toHexString(integer(value).longValue()).toUpperCase();
      case 'o':
        return Long.toOctalString(integer(value).longValue());
      case 'f':
        int digits = precision == null ? 6 : Integer.parseInt(precision);
        return new BigDecimal(number(value).doubleValue())
            .setScale(digits, RoundingMode.HALF_EVEN)
            .toPlainString();
      default:
        return String.format(
            "%" + (precision == null ? "" : "." + precision) + conversion,
            number(value).doubleValue());
    }
  }

  private static Number integer(Object value) {
    Number n = number(value);
    return n instanceof Double ? (Number) (long) n.doubleValue() : n;
  }

  private static Number number(Object value) {
    if (value instanceof Boolean) {
      return (Boolean) value ? 1L : 0L;
    }
    if (!(value instanceof Number)) {
      throw new TemplateFailure(
          "TypeError", "%d format: a real number is required, not " + PythonValues.typeName(value));
    }
    return (Number) value;
  }

  private static String pad(String text, String flags, String width) {
    if (width == null || text.length() >= Integer.parseInt(width)) {
      return text;
    }
    int missing = Integer.parseInt(width) - text.length();
    if (flags.contains("-")) {
      return text + " ".repeat(missing);
    }
    if (flags.contains("0")) {
      return text.startsWith("-")
          ? "-" + "0".repeat(missing) + text.substring(1)
          : "0".repeat(missing) + text;
    }
    return " ".repeat(missing) + text;
  }
}
