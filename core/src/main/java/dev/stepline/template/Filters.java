package dev.stepline.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jinja2 3.1's built-in filters, implemented on Python values. */
final class Filters {
  private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

  private Filters() {}

  /** The body of a filter: the value before the pipe, then the call's arguments. */
  interface Body {
    Object apply(Object value, FilterArguments arguments, JinjavaInterpreter interpreter);
  }

  static List<Filter> all() {
    List<Filter> filters = new ArrayList<>();
    filters.add(filter("abs", (v, a, i) -> abs(v)));
    filters.add(filter("attr", (v, a, i) -> Undefined.attribute(v, a.get(0, "name", null))));
    filters.add(filter("batch", (v, a, i) -> batch(v, a)));
    filters.add(filter("capitalize", (v, a, i) -> Strings.capitalize(text(v))));
    filters.add(filter("center", (v, a, i) -> center(text(v), (int) a.integer(0, "width", 80))));
    filters.add(filter("count", (v, a, i) -> length(v)));
    filters.add(filter("length", (v, a, i) -> length(v)));
    filters.add(filter("default", Filters::defaultValue));
    filters.add(filter("d", Filters::defaultValue));
    filters.add(filter("dictsort", (v, a, i) -> dictsort(v, a)));
    filters.add(filter("escape", (v, a, i) -> new SafeString(escape(text(v)))));
    filters.add(filter("e", (v, a, i) -> new SafeString(escape(text(v)))));
    filters.add(filter("first", (v, a, i) -> first(v)));
    filters.add(filter("last", (v, a, i) -> last(v)));
    filters.add(filter("float", (v, a, i) -> toFloat(v, a.get(0, "default", 0.0))));
    filters.add(
        filter("int", (v, a, i) -> toInt(v, a.get(0, "default", 0L), a.integer(1, "base", 10))));
    filters.add(filter("format", (v, a, i) -> PercentFormat.format(text(v), a.positional())));
    filters.add(filter("indent", (v, a, i) -> indent(text(v), a)));
    filters.add(filter("items", (v, a, i) -> items(v)));
    filters.add(filter("join", (v, a, i) -> join(v, a)));
    filters.add(filter("list", (v, a, i) -> list(v)));
    filters.add(filter("lower", (v, a, i) -> text(v).toLowerCase(Locale.ROOT)));
    filters.add(filter("upper", (v, a, i) -> text(v).toUpperCase(Locale.ROOT)));
    filters.add(filter("title", (v, a, i) -> title(text(v))));
    filters.add(filter("map", Filters::map));
    filters.add(filter("max", (v, a, i) -> extreme(v, a, true)));
    filters.add(filter("min", (v, a, i) -> extreme(v, a, false)));
    filters.add(filter("reject", (v, a, i) -> select(v, a, i, false, false)));
    filters.add(filter("rejectattr", (v, a, i) -> select(v, a, i, true, false)));
    filters.add(filter("select", (v, a, i) -> select(v, a, i, false, true)));
    filters.add(filter("selectattr", (v, a, i) -> select(v, a, i, true, true)));
    filters.add(filter("replace", (v, a, i) -> replace(v, a)));
    filters.add(filter("reverse", (v, a, i) -> reverse(v)));
    filters.add(filter("round", (v, a, i) -> round(v, a)));
    filters.add(filter("safe", (v, a, i) -> new SafeString(text(v))));
    filters.add(filter("slice", (v, a, i) -> slice(v, a)));
    filters.add(filter("sort", (v, a, i) -> sort(v, a)));
    filters.add(filter("string", (v, a, i) -> text(v)));
    filters.add(filter("sum", (v, a, i) -> sum(v, a)));
    filters.add(
        filter("tojson", (v, a, i) -> new SafeString(Json.htmlSafe(v, a.get(0, "indent", null)))));
    filters.add(
        filter("trim", (v, a, i) -> Strings.strip(text(v), a.text(0, "chars", null), true, true)));
    filters.add(filter("truncate", (v, a, i) -> truncate(text(v), a)));
    filters.add(filter("unique", (v, a, i) -> unique(v, a)));
    filters.add(filter("wordcount", (v, a, i) -> wordcount(text(v))));
    filters.add(filter("pprint", (v, a, i) -> PythonValues.repr(sortedForPrint(v))));
    return filters;
  }

  static Filter filter(String name, Body body) {
    return new Filter() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return body.apply(var, new FilterArguments(args, Map.of()), interpreter);
      }

      @Override
      public Object filter(
          Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        return body.apply(var, new FilterArguments(args, kwargs), interpreter);
      }
    };
  }

  /** Returns Python's {@code str(value)}; Undefined is the empty string. */
  static String text(Object value) {
    return PythonValues.str(value);
  }

  static List<Object> list(Object value) {
    if (value instanceof Undefined) {
      return new ArrayList<>();
    }
    if (value instanceof String || value instanceof SafeString) {
      List<Object> chars = new ArrayList<>();
      value.toString().codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
      return chars;
    }
    if (value instanceof Map) {
      return new ArrayList<>(((Map<?, ?>) value).keySet());
    }
    if (value instanceof Collection) {
      return new ArrayList<>((Collection<?>) value);
    }
    throw new TemplateFailure(
        "TypeError", "'" + PythonValues.typeName(value) + "' object is not iterable");
  }

  static boolean contains(Object container, Object item) {
    if (container instanceof String) {
      return item instanceof String && ((String) container).contains((String) item);
    }
    if (container instanceof Map) {
      return ((Map<?, ?>) container).containsKey(item);
    }
    for (Object element : list(container)) {
      if (PythonOperators.equal(element, item)) {
        return true;
      }
    }
    return false;
  }

  private static Object abs(Object value) {
    if (value instanceof Boolean) {
      return (Boolean) value ? 1L : 0L;
    }
    if (value instanceof Double) {
      return Math.abs((Double) value);
    }
    if (value instanceof Number) {
      return Numbers.normalize(PythonOperators.big((Number) value).abs());
    }
    throw new TemplateFailure(
        "TypeError", "bad operand type for abs(): '" + PythonValues.typeName(value) + "'");
  }

  private static long length(Object value) {
    if (value instanceof String || value instanceof SafeString) {
      return value.toString().codePointCount(0, value.toString().length());
    }
    if (value instanceof Map) {
      return ((Map<?, ?>) value).size();
    }
    if (value instanceof Collection) {
      return ((Collection<?>) value).size();
    }
    throw new TemplateFailure(
        "TypeError", "object of type '" + PythonValues.typeName(value) + "' has no len()");
  }

  private static Object defaultValue(Object value, FilterArguments a, JinjavaInterpreter i) {
    Object fallback = a.get(0, "default_value", "");
    boolean useTruth = a.flag(1, "boolean", false);
    if (value instanceof Undefined || useTruth && !PythonValues.isTruthy(value)) {
      return fallback;
    }
    return value;
  }

  private static Object first(Object value) {
    List<Object> items = list(value);
    return items.isEmpty() ? Undefined.message("No first item, sequence was empty.") : items.get(0);
  }

  private static Object last(Object value) {
    List<Object> items = list(value);
    return items.isEmpty()
        ? Undefined.message("No last item, sequence was empty.")
        : items.get(items.size() - 1);
  }

  private static Object toFloat(Object value, Object fallback) {
    if (value instanceof Undefined) {
      throw ((Undefined) value).error();
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? 1.0 : 0.0;
    }
    if (value instanceof String) {
      try {
        String trimmed = ((String) value).strip().replace("_", "");
        if (trimmed.matches("[+-]?(inf|infinity|nan)")) {
          return Double.parseDouble(
              trimmed
                  .replace("inf", "Infinity")
                  .replace("Infinityinity", "Infinity")
                  .replace("nan", "NaN"));
        }
        if (!trimmed.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
          return fallback;
        }
        return Double.parseDouble(trimmed);
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }

  private static Object toInt(Object value, Object fallback, long base) {
    if (value instanceof Undefined) {
      throw ((Undefined) value).error();
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? 1L : 0L;
    }
    if (PythonValues.isInteger(value)) {
      return Numbers.normalize(PythonOperators.big((Number) value));
    }
    if (value instanceof Double) {
      double d = (Double) value;
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return fallback;
      }
      return Numbers.normalize(new BigDecimal(d).toBigInteger());
    }
    if (value instanceof String) {
      String text =
          withoutBasePrefix(
              ((String) value).strip().replace("_", "").toLowerCase(Locale.ROOT), base);
      try {
        return Numbers.normalize(
            new java.math.BigInteger(text.startsWith("+") ? text.substring(1) : text, (int) base));
      } catch (NumberFormatException e) {
        Object asFloat = toFloat(text, null);
        return asFloat instanceof Double ? toInt(asFloat, fallback, base) : fallback;
      }
    }
    return fallback;
  }

  /** Returns Python's {@code pprint.pformat} ordering: dictionaries sorted by key. */
  private static Object sortedForPrint(Object value) {
    if (value instanceof Map) {
      List<Object> keys = new ArrayList<>(((Map<?, ?>) value).keySet());
      keys.sort(PythonOperators::compare);
      Map<Object, Object> sorted = new LinkedHashMap<>();
      for (Object key : keys) {
        sorted.put(key, sortedForPrint(((Map<?, ?>) value).get(key)));
      }
      return sorted;
    }
    if (value instanceof List && !PythonValues.isTuple(value)) {
      List<Object> items = new ArrayList<>();
      for (Object item : (List<?>) value) {
        items.add(sortedForPrint(item));
      }
      return items;
    }
    return value;
  }

  /** Returns Jinja2's {@code title}: words start after whitespace, '-', '(', '{', '[' or '<'. */
  private static String title(String text) {
    StringBuilder out = new StringBuilder();
    boolean wordStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean separator = Character.isWhitespace(c) || "-({[<".indexOf(c) >= 0;
      if (separator) {
        out.append(c);
        wordStart = true;
      } else {
        out.append(wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c));
        wordStart = false;
      }
    }
    return out.toString();
  }

  private static String withoutBasePrefix(String text, long base) {
    String sign = text.startsWith("-") || text.startsWith("+") ? text.substring(0, 1) : "";
    String digits = text.substring(sign.length());
    String prefix = base == 16 ? "0x" : base == 8 ? "0o" : base == 2 ? "0b" : null;
    if (prefix != null && digits.startsWith(prefix)) {
      return sign + digits.substring(2);
    }
    return text;
  }

  private static String center(String text, int width) {
    if (text.length() >= width) {
      return text;
    }
    int padding = width - text.length();
    int left = padding / 2 + (padding & width & 1);
    return " ".repeat(left) + text + " ".repeat(padding - left);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&#34;")
        .replace("'", "&#39;");
  }

  private static String indent(String text, FilterArguments a) {
    Object width = a.get(0, "width", 4L);
    String prefix =
        width instanceof String ? (String) width : " ".repeat((int) ((Number) width).longValue());
    boolean first = a.flag(1, "first", false);
    boolean blank = a.flag(2, "blank", false);
    String newline = "\n";
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      if (n > 0) {
        out.append(newline);
      }
      boolean indentIt = (n > 0 || first) && (blank || !line.isEmpty());
      if (n > 0 && text.endsWith("\n") && n == lines.length - 1) {
        indentIt = false;
      }
      out.append(indentIt ? prefix : "").append(line);
    }
    return out.toString();
  }

  private static List<Object> items(Object value) {
    if (value instanceof Undefined) {
      return new ArrayList<>();
    }
    if (!(value instanceof Map)) {
      throw new TemplateFailure("TypeError", "Can only get item pairs from a mapping.");
    }
    List<Object> pairs = new ArrayList<>();
    ((Map<?, ?>) value).forEach((k, v) -> pairs.add(new Tuple(k, v)));
    return pairs;
  }

  private static String join(Object value, FilterArguments a) {
    String separator = a.text(0, "d", "");
    Object attribute = a.get(1, "attribute", null);
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (Object item : list(value)) {
      if (!first) {
        out.append(separator);
      }
      out.append(text(attribute == null ? item : Attributes.get(item, attribute)));
      first = false;
    }
    return out.toString();
  }

  private static Object map(Object value, FilterArguments a, JinjavaInterpreter interpreter) {
    List<Object> mapped = new ArrayList<>();
    if (a.keywords().containsKey("attribute")) {
      Object attribute = a.keywords().get("attribute");
      Object fallback = a.keywords().get("default");
      for (Object item : list(value)) {
        Object found = Attributes.get(item, attribute);
        mapped.add(
            found instanceof Undefined && a.keywords().containsKey("default") ? fallback : found);
      }
      return mapped;
    }
    String name = a.text(0, "name", null);
    Filter filter = interpreter.getContext().getFilter(name);
    Object[] rest = java.util.Arrays.copyOfRange(a.positional(), 1, a.positional().length);
    for (Object item : list(value)) {
      mapped.add(filter.filter(item, interpreter, rest, a.keywords()));
    }
    return mapped;
  }

  private static Object extreme(Object value, FilterArguments a, boolean max) {
    boolean caseSensitive = a.flag(0, "case_sensitive", false);
    Object attribute = a.get(1, "attribute", null);
    List<Object> items = list(value);
    if (items.isEmpty()) {
      return Undefined.message("No aggregated item, sequence was empty.");
    }
    Object best = items.get(0);
    for (Object item : items) {
      int order =
          PythonOperators.compare(
              sortKey(item, attribute, caseSensitive), sortKey(best, attribute, caseSensitive));
      if (max ? order > 0 : order < 0) {
        best = item;
      }
    }
    return best;
  }

  private static List<Object> select(
      Object value,
      FilterArguments a,
      JinjavaInterpreter interpreter,
      boolean byAttribute,
      boolean keep) {
    int offset = byAttribute ? 1 : 0;
    Object attribute = byAttribute ? a.positional()[0] : null;
    Object[] positional = a.positional();
    ExpTest test =
        positional.length > offset
            ? interpreter.getContext().getExpTest(text(positional[offset]))
            : null;
    Object[] rest =
        positional.length > offset + 1
            ? java.util.Arrays.copyOfRange(positional, offset + 1, positional.length)
            : new Object[0];
    List<Object> selected = new ArrayList<>();
    for (Object item : list(value)) {
      Object subject = byAttribute ? Attributes.get(item, attribute) : item;
      boolean passed =
          test == null ? PythonValues.isTruthy(subject) : test.evaluate(subject, interpreter, rest);
      if (passed == keep) {
        selected.add(item);
      }
    }
    return selected;
  }

  private static Object replace(Object value, FilterArguments a) {
    Object count = a.get(2, "count", null);
    return Strings.replace(
        text(value),
        a.text(0, "old", ""),
        a.text(1, "new", ""),
        count == null ? -1 : ((Number) count).longValue());
  }

  private static Object reverse(Object value) {
    if (value instanceof String) {
      return new StringBuilder((String) value).reverse().toString();
    }
    List<Object> items = list(value);
    java.util.Collections.reverse(items);
    return items;
  }

  private static Object round(Object value, FilterArguments a) {
    int precision = (int) a.integer(0, "precision", 0);
    String method = a.text(1, "method", "common");
    if (!Set.of("common", "ceil", "floor").contains(method)) {
      throw new TemplateFailure("FilterArgumentError", "method must be common, ceil or floor");
    }
    if (!(value instanceof Number) && !(value instanceof Boolean)) {
      throw new TemplateFailure(
          "TypeError", "type " + PythonValues.typeName(value) + " doesn't define __round__ method");
    }
    if ("common".equals(method)) {
      if (PythonValues.isInteger(value) || value instanceof Boolean) {
        return value instanceof Boolean ? ((Boolean) value ? 1L : 0L) : value;
      }
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return d;
      }
      double rounded = new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).doubleValue();
      return rounded == 0 ? Math.copySign(0.0, d) : rounded;
    }
    double scale = Math.pow(10, precision);
    double scaled = ((Number) value).doubleValue() * scale;
    return ("ceil".equals(method) ? Math.ceil(scaled) : Math.floor(scaled)) / scale;
  }

  private static List<Object> batch(Object value, FilterArguments a) {
    int size = (int) a.integer(0, "linecount", 1);
    Object fill = a.get(1, "fill_with", null);
    boolean fillGiven = a.positional().length > 1 || a.keywords().containsKey("fill_with");
    List<Object> rows = new ArrayList<>();
    List<Object> row = new ArrayList<>();
    for (Object item : list(value)) {
      if (row.size() == size) {
        rows.add(row);
        row = new ArrayList<>();
      }
      row.add(item);
    }
    if (!row.isEmpty()) {
      while (fillGiven && row.size() < size) {
        row.add(fill);
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<Object> slice(Object value, FilterArguments a) {
    int slices = (int) a.integer(0, "slices", 1);
    boolean fillGiven = a.positional().length > 1 || a.keywords().containsKey("fill_with");
    Object fill = a.get(1, "fill_with", null);
    List<Object> items = list(value);
    int perSlice = items.size() / slices;
    int withExtra = items.size() % slices;
    int offset = 0;
    List<Object> result = new ArrayList<>();
    for (int n = 0; n < slices; n++) {
      int start = offset + n * perSlice;
      if (n < withExtra) {
        offset++;
      }
      int end = offset + (n + 1) * perSlice;
      List<Object> part = new ArrayList<>(items.subList(start, end));
      if (fillGiven && n >= withExtra) {
        part.add(fill);
      }
      result.add(part);
    }
    return result;
  }

  private static List<Object> sort(Object value, FilterArguments a) {
    boolean reverse = a.flag(0, "reverse", false);
    boolean caseSensitive = a.flag(1, "case_sensitive", false);
    Object attribute = a.get(2, "attribute", null);
    List<Object> items = list(value);
    Comparator<Object> order =
        (x, y) ->
            PythonOperators.compare(
                sortKey(x, attribute, caseSensitive), sortKey(y, attribute, caseSensitive));
    items.sort(reverse ? order.reversed() : order);
    return items;
  }

  private static Object sortKey(Object item, Object attribute, boolean caseSensitive) {
    Object key = attribute == null ? item : Attributes.get(item, attribute);
    if (!caseSensitive && key instanceof String) {
      return ((String) key).toLowerCase(Locale.ROOT);
    }
    return key;
  }

  private static List<Object> dictsort(Object value, FilterArguments a) {
    boolean caseSensitive = a.flag(0, "case_sensitive", false);
    String by = a.text(1, "by", "key");
    boolean reverse = a.flag(2, "reverse", false);
    int position = "key".equals(by) ? 0 : 1;
    List<Object> pairs = items(value);
    Comparator<Object> order =
        (x, y) ->
            PythonOperators.compare(
                sortKey(((List<?>) x).get(position), null, caseSensitive),
                sortKey(((List<?>) y).get(position), null, caseSensitive));
    pairs.sort(reverse ? order.reversed() : order);
    return pairs;
  }

  private static Object sum(Object value, FilterArguments a) {
    Object attribute = a.get(0, "attribute", null);
    Object total = a.get(1, "start", 0L);
    for (Object item : list(value)) {
      total =
          PythonOperators.ADD.apply(
              total, attribute == null ? item : Attributes.get(item, attribute));
    }
    return total;
  }

  private static String truncate(String text, FilterArguments a) {
    int length = (int) a.integer(0, "length", 255);
    boolean killWords = a.flag(1, "killwords", false);
    String end = a.text(2, "end", "...");
    Object leewayArgument = a.get(3, "leeway", null);
    int leeway = leewayArgument == null ? 5 : ((Number) leewayArgument).intValue();
    if (text.length() <= length + leeway) {
      return text;
    }
    if (killWords) {
      return text.substring(0, Math.max(0, length - end.length())) + end;
    }
    String head = text.substring(0, Math.max(0, length - end.length()));
    int space = head.lastIndexOf(' ');
    return (space < 0 ? head : head.substring(0, space)) + end;
  }

  private static List<Object> unique(Object value, FilterArguments a) {
    boolean caseSensitive = a.flag(0, "case_sensitive", false);
    Object attribute = a.get(1, "attribute", null);
    Set<Object> seen = new HashSet<>();
    List<Object> result = new ArrayList<>();
    for (Object item : list(value)) {
      Object key = sortKey(item, attribute, caseSensitive);
      if (key instanceof Integer || key instanceof Boolean) {
        key = PythonValues.isTruthy(key) ? 1L : 0L;
      }
      if (seen.add(
          key instanceof Double && ((Double) key) == Math.rint((Double) key)
              ? (Object) ((Double) key).longValue()
              : key)) {
        result.add(item);
      }
    }
    return result;
  }

  private static long wordcount(String text) {
    Matcher matcher = WORD.matcher(text);
    long count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  static Map<Object, Object> copy(Map<?, ?> map) {
    return new LinkedHashMap<>(map);
  }
}
