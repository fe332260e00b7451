package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyBytes;
import dev.stepline.expr.PyMapping;
import dev.stepline.expr.PySet;
import dev.stepline.expr.PyTuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The conversion types: int, float, str, bool, list, tuple, set, dict. */
final class Conversions {
  private Conversions() {}

  private static final Pattern FLOAT_TEXT =
      Pattern.compile(
          "[+-]?((\\d(_?\\d)*)?\\.?\\d(_?\\d)*([eE][+-]?\\d(_?\\d)*)?|\\d(_?\\d)*\\.([eE][+-]?\\d(_?\\d)*)?)");

  static Object toInt(Args a) {
    a.expect(0, 2, "base");
    if (a.size() == 0) {
      return 0L;
    }
    Object value = a.get(0);
    if (a.has(1, "base")) {
      if (!(value instanceof String text)) {
        throw new ExpressionException(
            "TypeError", "int() can't convert non-string with explicit base");
      }
      return parseInt(text, (int) a.integer(1, "base", 10));
    }
    if (Py.isInt(value)) {
      return Py.normalize(Py.bigInt(value));
    }
    if (Py.isFloat(value)) {
      return Builtins.truncate(Py.toDouble(value));
    }
    if (value instanceof String text) {
      return parseInt(text, 10);
    }
    throw new ExpressionException(
        "TypeError",
        "int() argument must be a string, a bytes-like object or a real number, not '"
            + Py.typeName(value)
            + "'");
  }

  static Object parseInt(String original, int base) {
    if (base != 0 && (base < 2 || base > 36)) {
      throw new ExpressionException("ValueError", "int() base must be >= 2 and <= 36, or 0");
    }
    String text = strip(original);
    boolean negative = false;
    if (!text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
      negative = text.charAt(0) == '-';
      text = text.substring(1);
    }
    String lower = text.toLowerCase();
    int radix = base;
    if ((base == 16 && lower.startsWith("0x"))
        || (base == 8 && lower.startsWith("0o"))
        || (base == 2 && lower.startsWith("0b"))) {
      text = text.substring(2);
      if (text.startsWith("_")) {
        text = text.substring(1);
      }
    } else if (base == 0) {
      if (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b")) {
        radix = lower.charAt(1) == 'x' ? 16 : lower.charAt(1) == 'o' ? 8 : 2;
        text = text.substring(2);
        if (text.startsWith("_")) {
          text = text.substring(1);
        }
      } else {
        radix = 10;
        if (text.length() > 1
            && text.replace("_", "").matches("0+[0-9]*")
            && !text.replace("_", "").matches("0+")) {
          throw invalidLiteral(original, base);
        }
      }
    }
    if (text.isEmpty() || text.startsWith("_") || text.endsWith("_") || text.contains("__")) {
      throw invalidLiteral(original, base);
    }
    String digits = text.replace("_", "");
    if (digits.length() > 4300 && radix == 10) {
      throw new ExpressionException(
          "ValueError",
          "Exceeds the limit (4300 digits) for integer string conversion: value"
              + " has "
              + digits.length()
              + " digits; use sys.set_int_max_str_digits() to"
              + " increase the limit");
    }
    try {
      StringBuilder ascii = new StringBuilder();
      for (int i = 0; i < digits.length(); i++) {
        int digit = Character.digit(digits.charAt(i), radix);
        if (digit < 0) {
          throw invalidLiteral(original, base);
        }
        ascii.append(Character.forDigit(digit, radix));
      }
      BigInteger value = new BigInteger(ascii.toString(), radix);
      return Py.normalize(negative ? value.negate() : value);
    } catch (NumberFormatException e) {
      throw invalidLiteral(original, base);
    }
  }

  private static ExpressionException invalidLiteral(String text, int base) {
    return new ExpressionException(
        "ValueError", "invalid literal for int() with base " + base + ": " + Py.repr(text));
  }

  static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && StrMethods.isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && StrMethods.isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  static Object toFloat(Args a) {
    a.expect(0, 1);
    if (a.size() == 0) {
      return 0.0;
    }
    Object value = a.get(0);
    if (Py.isNumber(value)) {
      return Py.toDouble(value);
    }
    if (value instanceof String text) {
      return parseFloat(text);
    }
    throw new ExpressionException(
        "TypeError",
        "float() argument must be a string or a real number, not '" + Py.typeName(value) + "'");
  }

  static double parseFloat(String original) {
    String text = strip(original);
    String lower = text.toLowerCase();
    String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    boolean negative = lower.startsWith("-");
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (unsigned.equals("nan")) {
      return Double.NaN;
    }
    if (!FLOAT_TEXT.matcher(text).matches()) {
      throw new ExpressionException(
          "ValueError", "could not convert string to float: " + Py.repr(original));
    }
    String clean = text.replace("_", "");
    try {
      return new BigDecimal(clean.endsWith(".") ? clean + "0" : clean).doubleValue();
    } catch (NumberFormatException e) {
      return Double.parseDouble(clean);
    }
  }

  static Object toStr(Args a) {
    a.expect(0, 3, "encoding", "errors");
    if (a.size() == 0) {
      return "";
    }
    if (a.get(0) instanceof PyBytes bytes && a.has(1, "encoding")) {
      return ValueMethods.methodsOf(bytes)
          .get("decode")
          .call(bytes, new Args("decode", a.positional.subList(1, a.size()), a.keywords));
    }
    return Limits.checked(Py.str(a.get(0)));
  }

  static Object toList(Args a) {
    a.expect(0, 1);
    return a.size() == 0 ? new ArrayList<>() : Iteration.toList(a.get(0));
  }

  static Object toTuple(Args a) {
    a.expect(0, 1);
    return a.size() == 0 ? PyTuple.EMPTY : PyTuple.copyOf(Iteration.toList(a.get(0)));
  }

  static Object toSet(Args a, boolean frozen) {
    a.expect(0, 1);
    return a.size() == 0 ? new PySet(frozen) : PySet.of(frozen, Iteration.iterable(a.get(0)));
  }

  static Object toDict(Args a) {
    a.expect(0, 1, a.keywords.keySet().toArray(new String[0]));
    Map<Object, Object> dict = a.size() == 0 ? new LinkedHashMap<>() : dictFrom(a.get(0));
    a.keywords.forEach((key, value) -> Py.dictPut(dict, key, value));
    return dict;
  }

  /** Builds a dict from a mapping or an iterable of key/value pairs. */
  static Map<Object, Object> dictFrom(Object source) {
    Map<Object, Object> dict = new LinkedHashMap<>();
    if (source instanceof Map<?, ?> map) {
      map.forEach((key, value) -> dict.put(key, value));
      return dict;
    }
    if (source instanceof PyMapping mapping) {
      return Py.materialize(mapping);
    }
    int index = 0;
    for (Object item : Iteration.iterable(source)) {
      List<Object> pair;
      try {
        pair = Iteration.toList(item);
      } catch (ExpressionException e) {
        throw new ExpressionException(
            "TypeError",
            "cannot convert dictionary update sequence element #" + index + " to a sequence");
      }
      if (pair.size() != 2) {
        throw new ExpressionException(
            "ValueError",
            "dictionary update sequence element #"
                + index
                + " has length "
                + pair.size()
                + "; 2 is required");
      }
      Py.dictPut(dict, pair.get(0), pair.get(1));
      index++;
    }
    return dict;
  }
}
