package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyBytes;
import dev.stepline.expr.PyTuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The methods of Python's str. */
final class StrMethods {
  private StrMethods() {}

  static final Map<String, Method> METHODS = new HashMap<>();

  private interface StrBody {
    Object call(String self, Args args);
  }

  private static void define(String name, StrBody body) {
    METHODS.put(name, (self, args) -> body.call((String) self, args));
  }

  static {
    define("upper", (s, a) -> noArgs(a, s.toUpperCase(Locale.ROOT)));
    define("lower", (s, a) -> noArgs(a, s.toLowerCase(Locale.ROOT)));
    define("casefold", (s, a) -> noArgs(a, s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT)));
    define("swapcase", (s, a) -> noArgs(a, swapcase(s)));
    define("title", (s, a) -> noArgs(a, title(s)));
    define("capitalize", (s, a) -> noArgs(a, capitalize(s)));
    define("strip", (s, a) -> strip(s, a, true, true));
    define("lstrip", (s, a) -> strip(s, a, true, false));
    define("rstrip", (s, a) -> strip(s, a, false, true));
    define("split", (s, a) -> split(s, a, false));
    define("rsplit", (s, a) -> split(s, a, true));
    define("splitlines", StrMethods::splitlines);
    define("join", StrMethods::join);
    define("replace", StrMethods::replace);
    define("startswith", (s, a) -> affix(s, a, true));
    define("endswith", (s, a) -> affix(s, a, false));
    define("find", (s, a) -> find(s, a, false, false));
    define("rfind", (s, a) -> find(s, a, true, false));
    define("index", (s, a) -> find(s, a, false, true));
    define("rindex", (s, a) -> find(s, a, true, true));
    define("count", StrMethods::count);
    define("partition", (s, a) -> partition(s, a, false));
    define("rpartition", (s, a) -> partition(s, a, true));
    define(
        "removeprefix",
        (s, a) -> {
          String prefix = a.expect(1, 1).string(0);
          return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
        });
    define(
        "removesuffix",
        (s, a) -> {
          String suffix = a.expect(1, 1).string(0);
          return s.endsWith(suffix) && !suffix.isEmpty()
              ? s.substring(0, s.length() - suffix.length())
              : s;
        });
    define("center", (s, a) -> justify(s, a, '^'));
    define("ljust", (s, a) -> justify(s, a, '<'));
    define("rjust", (s, a) -> justify(s, a, '>'));
    define("zfill", StrMethods::zfill);
    define("expandtabs", StrMethods::expandtabs);
    define("format", (s, a) -> Formatting.strFormat(s, a.positional, a.keywords));
    define(
        "format_map",
        (s, a) -> {
          a.expect(1, 1);
          Map<String, Object> names = new HashMap<>();
          Py.asMap(a.get(0)).forEach((k, v) -> names.put(Py.str(k), v));
          return Formatting.strFormat(s, List.of(), names);
        });
    define(
        "encode",
        (s, a) -> {
          a.expect(0, 2, "encoding", "errors");
          String encoding = a.string(0, "encoding", "utf-8").toLowerCase().replace("_", "-");
          return switch (encoding) {
            case "utf-8", "utf8" -> new PyBytes(s.getBytes(StandardCharsets.UTF_8));
            case "ascii" -> asciiBytes(s);
            case "latin-1", "latin1", "iso-8859-1" ->
                new PyBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            default ->
                throw new ExpressionException("LookupError", "unknown encoding: " + encoding);
          };
        });
    define(
        "isdigit",
        (s, a) ->
            test(
                s,
                a,
                c ->
                    Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER
                        || (c >= 0xb2 && c <= 0xb9 && c != 0xb4 && c != 0xb5 && c != 0xb6
                            && c != 0xb7 && c != 0xb8)));
    define(
        "isdecimal",
        (s, a) -> test(s, a, c -> Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER));
    define(
        "isnumeric",
        (s, a) ->
            test(
                s,
                a,
                c -> {
                  int type = Character.getType(c);
                  return type == Character.DECIMAL_DIGIT_NUMBER
                      || type == Character.LETTER_NUMBER
                      || type == Character.OTHER_NUMBER;
                }));
    define("isalpha", (s, a) -> test(s, a, Character::isLetter));
    define("isalnum", (s, a) -> test(s, a, Character::isLetterOrDigit));
    define("isspace", (s, a) -> test(s, a, StrMethods::isSpace));
    define("isascii", (s, a) -> noArgs(a, s.chars().allMatch(c -> c < 128)));
    define("isprintable", (s, a) -> noArgs(a, s.codePoints().allMatch(Py::isPrintable)));
    define("isidentifier", (s, a) -> noArgs(a, isIdentifier(s)));
    define("islower", (s, a) -> noArgs(a, cased(s, true)));
    define("isupper", (s, a) -> noArgs(a, cased(s, false)));
    define(
        "istitle",
        (s, a) ->
            noArgs(
                a,
                !s.isEmpty()
                    && title(s).equals(s)
                    && s.codePoints().anyMatch(Character::isLetter)));
  }

  private static Object noArgs(Args args, Object result) {
    args.expect(0, 0);
    return result;
  }

  private static Object test(String s, Args args, java.util.function.IntPredicate predicate) {
    args.expect(0, 0);
    return !s.isEmpty() && s.codePoints().allMatch(predicate);
  }

  private static boolean cased(String s, boolean lower) {
    boolean any = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
        if (lower) {
          return false;
        }
        any = true;
      } else if (Character.isLowerCase(c)) {
        if (!lower) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int first = s.codePointAt(0);
    if (!(Character.isUnicodeIdentifierStart(first) || first == '_')) {
      return false;
    }
    return s.codePoints().skip(1).allMatch(Character::isUnicodeIdentifierPart);
  }

  /** Returns Python's {@code str.isspace()} for one code point. */
  static boolean isSpace(int c) {
    if (c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f) || c == 0x85) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.SPACE_SEPARATOR
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static PyBytes asciiBytes(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 127) {
        throw new ExpressionException(
            "UnicodeEncodeError",
            "'ascii' codec can't encode character '"
                + Formatting.ascii(String.valueOf(s.charAt(i)))
                + "' in position "
                + i
                + ": ordinal not in range(128)");
      }
    }
    return new PyBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static String swapcase(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints()
        .forEach(
            c ->
                out.appendCodePoint(
                    Character.isUpperCase(c)
                        ? Character.toLowerCase(c)
                        : Character.isLowerCase(c) ? Character.toUpperCase(c) : c));
    return out.toString();
  }

  static String title(String s) {
    StringBuilder out = new StringBuilder();
    boolean previousCased = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (previousCased) {
        out.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT));
      } else {
        out.appendCodePoint(Character.toTitleCase(c));
      }
      previousCased =
          Character.isLetter(c)
              && (Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c));
    }
    return out.toString();
  }

  private static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    int first = s.codePointAt(0);
    int width = Character.charCount(first);
    return new String(Character.toChars(Character.toTitleCase(first)))
        + s.substring(width).toLowerCase(Locale.ROOT);
  }

  private static String strip(String s, Args args, boolean left, boolean right) {
    args.expect(0, 1);
    Object chars = args.size() > 0 ? args.get(0) : null;
    if (chars != null && !(chars instanceof String)) {
      throw new ExpressionException("TypeError", "strip arg must be None or str");
    }
    String set = (String) chars;
    int start = 0;
    int end = s.length();
    while (left && start < end && stripped(s.charAt(start), set)) {
      start++;
    }
    while (right && end > start && stripped(s.charAt(end - 1), set)) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean stripped(char c, String set) {
    return set == null ? isSpace(c) : set.indexOf(c) >= 0;
  }

  private static List<Object> split(String s, Args args, boolean fromRight) {
    args.expect(0, 2, "sep", "maxsplit");
    Object separator = args.get(0, "sep", null);
    long maxSplit = args.integer(1, "maxsplit", -1);
    if (separator != null && !(separator instanceof String)) {
      throw new ExpressionException(
          "TypeError", "must be str or None, not " + Py.typeName(separator));
    }
    String sep = (String) separator;
    if (sep != null && sep.isEmpty()) {
      throw new ExpressionException("ValueError", "empty separator");
    }
    List<Object> parts =
        sep == null
            ? splitWhitespace(s, maxSplit, fromRight)
            : splitOn(s, sep, maxSplit, fromRight);
    return parts;
  }

  private static List<Object> splitOn(String s, String sep, long maxSplit, boolean fromRight) {
    List<Object> parts = new ArrayList<>();
    if (!fromRight) {
      int start = 0;
      while (maxSplit < 0 || parts.size() < maxSplit) {
        int at = s.indexOf(sep, start);
        if (at < 0) {
          break;
        }
        parts.add(s.substring(start, at));
        start = at + sep.length();
      }
      parts.add(s.substring(start));
      return parts;
    }
    int end = s.length();
    while (maxSplit < 0 || parts.size() < maxSplit) {
      int at = s.lastIndexOf(sep, end - sep.length());
      if (at < 0 || end - sep.length() < 0) {
        break;
      }
      parts.add(0, s.substring(at + sep.length(), end));
      end = at;
    }
    parts.add(0, s.substring(0, end));
    return parts;
  }

  private static List<Object> splitWhitespace(String s, long maxSplit, boolean fromRight) {
    List<Object> parts = new ArrayList<>();
    if (!fromRight) {
      int i = 0;
      int n = s.length();
      while (true) {
        while (i < n && isSpace(s.charAt(i))) {
          i++;
        }
        if (i >= n) {
          break;
        }
        if (maxSplit >= 0 && parts.size() >= maxSplit) {
          parts.add(s.substring(i));
          break;
        }
        int start = i;
        while (i < n && !isSpace(s.charAt(i))) {
          i++;
        }
        parts.add(s.substring(start, i));
      }
      return parts;
    }
    int i = s.length();
    while (true) {
      while (i > 0 && isSpace(s.charAt(i - 1))) {
        i--;
      }
      if (i <= 0) {
        break;
      }
      if (maxSplit >= 0 && parts.size() >= maxSplit) {
        parts.add(0, s.substring(0, i));
        break;
      }
      int end = i;
      while (i > 0 && !isSpace(s.charAt(i - 1))) {
        i--;
      }
      parts.add(0, s.substring(i, end));
    }
    return parts;
  }

  private static List<Object> splitlines(String s, Args args) {
    args.expect(0, 1, "keepends");
    boolean keep = args.flag(0, "keepends", false);
    List<Object> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int breakLength = 0;
      if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
        breakLength = 2;
      } else if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
        breakLength = 1;
      }
      if (breakLength > 0) {
        lines.add(s.substring(start, keep ? i + breakLength : i));
        i += breakLength;
        start = i;
      } else {
        i++;
      }
    }
    if (start < s.length()) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  private static String join(String s, Args args) {
    args.expect(1, 1);
    StringBuilder out = new StringBuilder();
    int index = 0;
    for (Object item : Iteration.iterable(args.get(0))) {
      if (!(item instanceof String text)) {
        throw new ExpressionException(
            "TypeError",
            "sequence item " + index + ": expected str instance, " + Py.typeName(item) + " found");
      }
      if (index++ > 0) {
        out.append(s);
      }
      out.append(text);
      Limits.checkString(out.length());
    }
    return out.toString();
  }

  private static String replace(String s, Args args) {
    args.expect(2, 3);
    String old = args.string(0);
    String replacement = args.string(1);
    long count = args.integer(2, null, -1);
    if (count < 0 && !old.isEmpty()) {
      long occurrences = (s.length() - s.replace(old, "").length()) / old.length();
      Limits.checkString(s.length() + occurrences * (replacement.length() - old.length()));
      return s.replace(old, replacement);
    }
    StringBuilder out = new StringBuilder();
    int start = 0;
    long done = 0;
    if (old.isEmpty()) {
      List<Object> chars = Texts.characters(s);
      for (Object c : chars) {
        if (count < 0 || done < count) {
          out.append(replacement);
          done++;
        }
        out.append((String) c);
        Limits.checkString(out.length());
      }
      if (count < 0 || done < count) {
        out.append(replacement);
      }
      return out.toString();
    }
    while (done < count) {
      int at = s.indexOf(old, start);
      if (at < 0) {
        break;
      }
      out.append(s, start, at).append(replacement);
      start = at + old.length();
      done++;
    }
    return out.append(s.substring(start)).toString();
  }

  private static boolean affix(String s, Args args, boolean prefix) {
    args.expect(1, 3);
    Object affix = args.get(0);
    int[] range = range(s, args, 1);
    String part = s.substring(range[0], Math.max(range[0], range[1]));
    List<Object> options = affix instanceof PyTuple tuple ? tuple.items() : List.of(affix);
    for (Object option : options) {
      if (!(option instanceof String text)) {
        throw new ExpressionException(
            "TypeError",
            (prefix ? "startswith" : "endswith")
                + " first arg must be str or a tuple of str, not "
                + Py.typeName(option));
      }
      if (range[0] > s.length()) {
        continue;
      }
      if (prefix ? part.startsWith(text) : part.endsWith(text)) {
        return true;
      }
    }
    return false;
  }

  /** Resolves optional start and end arguments at {@code index} to UTF-16 bounds. */
  private static int[] range(String s, Args args, int index) {
    int length = Texts.length(s);
    Object start = args.size() > index ? args.get(index) : null;
    Object end = args.size() > index + 1 ? args.get(index + 1) : null;
    long from = start == null ? 0 : args.integer(index, null, 0);
    long to = end == null ? length : args.integer(index + 1, null, length);
    from = from < 0 ? Math.max(0, from + length) : from;
    to = to < 0 ? Math.max(0, to + length) : Math.min(to, length);
    if (from > length) {
      return new int[] {s.length() + 1, s.length() + 1};
    }
    return new int[] {
      Texts.toUnitIndex(s, (int) from), Texts.toUnitIndex(s, (int) Math.max(to, 0))
    };
  }

  private static Object find(String s, Args args, boolean last, boolean raise) {
    args.expect(1, 3);
    String part = args.string(0);
    int[] range = range(s, args, 1);
    int at = -1;
    if (range[0] <= s.length() && range[1] - range[0] >= part.length()) {
      String window = s.substring(range[0], range[1]);
      at = last ? window.lastIndexOf(part) : window.indexOf(part);
      if (at >= 0) {
        at = Texts.toCodePointIndex(s, at + range[0]);
      }
    }
    if (at < 0 && raise) {
      throw new ExpressionException("ValueError", "substring not found");
    }
    return (long) at;
  }

  private static Object count(String s, Args args) {
    args.expect(1, 3);
    String part = args.string(0);
    int[] range = range(s, args, 1);
    if (range[0] > s.length() || range[1] < range[0]) {
      return 0L;
    }
    String window = s.substring(range[0], range[1]);
    if (part.isEmpty()) {
      return (long) Texts.length(window) + 1;
    }
    long count = 0;
    int at = window.indexOf(part);
    while (at >= 0) {
      count++;
      at = window.indexOf(part, at + part.length());
    }
    return count;
  }

  private static PyTuple partition(String s, Args args, boolean last) {
    args.expect(1, 1);
    String sep = args.string(0);
    if (sep.isEmpty()) {
      throw new ExpressionException("ValueError", "empty separator");
    }
    int at = last ? s.lastIndexOf(sep) : s.indexOf(sep);
    if (at < 0) {
      return last ? PyTuple.of("", "", s) : PyTuple.of(s, "", "");
    }
    return PyTuple.of(s.substring(0, at), sep, s.substring(at + sep.length()));
  }

  private static String justify(String s, Args args, char align) {
    args.expect(1, 2);
    long width = args.integer(0, null, 0);
    Limits.checkString(width);
    String fill = args.size() > 1 ? args.string(1) : " ";
    if (fill.codePointCount(0, fill.length()) != 1) {
      throw new ExpressionException(
          "TypeError", "The fill character must be exactly one character long");
    }
    int length = Texts.length(s);
    if (width <= length) {
      return s;
    }
    int total = (int) width - length;
    int left =
        switch (align) {
          case '<' -> 0;
          case '>' -> total;
          default -> total / 2 + (total & (int) width & 1);
        };
    return fill.repeat(left) + s + fill.repeat(total - left);
  }

  private static String zfill(String s, Args args) {
    args.expect(1, 1);
    long width = args.integer(0, null, 0);
    Limits.checkString(width);
    if (width <= s.length()) {
      return s;
    }
    String zeros = "0".repeat((int) width - s.length());
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      return s.charAt(0) + zeros + s.substring(1);
    }
    return zeros + s;
  }

  private static String expandtabs(String s, Args args) {
    args.expect(0, 1, "tabsize");
    long size = args.integer(0, "tabsize", 8);
    StringBuilder out = new StringBuilder();
    int column = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\t') {
        if (size > 0) {
          int spaces = (int) (size - column % size);
          out.append(" ".repeat(spaces));
          column += spaces;
        }
      } else {
        out.append(c);
        column = c == '\n' || c == '\r' ? 0 : column + 1;
      }
      Limits.checkString(out.length());
    }
    return out.toString();
  }
}
