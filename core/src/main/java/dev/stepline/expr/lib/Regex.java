package dev.stepline.expr.lib;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyMatch;
import dev.stepline.expr.PyTuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code re} module on RE2J, which matches in linear time so that no pattern can hang an
 * evaluation. Patterns use Python's syntax where RE2 supports it; lookaround and backreferences are
 * rejected with {@code re.error}.
 */
final class Regex {
  private Regex() {}

  static final long IGNORECASE = 2;
  static final long MULTILINE = 8;
  static final long DOTALL = 16;

  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  static PyModule module() {
    PyModule re = new PyModule("re");
    re.function("search", a -> search(a, "search"));
    re.function("match", a -> search(a, "match"));
    re.function("fullmatch", a -> search(a, "fullmatch"));
    re.function("findall", Regex::findall);
    re.function(
        "finditer",
        a -> {
          a.expect(2, 3, "flags");
          Pattern pattern = compile(a.string(0), flags(a, 2));
          String text = a.string(1);
          List<Object> matches = new ArrayList<>();
          for (int[] span : spans(pattern, text, 0)) {
            matches.add(toMatch(pattern, text, span));
          }
          return new PyIterator("callable_iterator", matches);
        });
    re.function("split", Regex::split);
    re.function("sub", a -> substitute(a, false));
    re.function("subn", a -> substitute(a, true));
    re.function("escape", a -> escape(a.expect(1, 1).string(0)));
    re.constant("IGNORECASE", IGNORECASE).constant("I", IGNORECASE);
    re.constant("MULTILINE", MULTILINE).constant("M", MULTILINE);
    re.constant("DOTALL", DOTALL).constant("S", DOTALL);
    return re;
  }

  static Pattern compile(String source, long flags) {
    String key = flags + ":" + source;
    Pattern cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    int re2Flags = 0;
    if ((flags & IGNORECASE) != 0) {
      re2Flags |= Pattern.CASE_INSENSITIVE;
    }
    if ((flags & MULTILINE) != 0) {
      re2Flags |= Pattern.MULTILINE;
    }
    if ((flags & DOTALL) != 0) {
      re2Flags |= Pattern.DOTALL;
    }
    try {
      Pattern pattern = Pattern.compile(translate(source), re2Flags);
      if (CACHE.size() < 1000) {
        CACHE.put(key, pattern);
      }
      return pattern;
    } catch (PatternSyntaxException e) {
      throw new ExpressionException(
          "error",
          e.getDescription()
              + " in pattern "
              + Py.repr(source)
              + "; RE2 supports no lookaround or backreferences");
    }
  }

  /** Rewrites the Python-only spellings that RE2 writes differently. */
  private static String translate(String source) {
    if (source.indexOf('\\') < 0) {
      return source;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\\' && i + 1 < source.length()) {
        char next = source.charAt(i + 1);
        out.append(next == 'Z' ? "\\z" : "\\" + next);
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static long flags(Args a, int index) {
    return a.integer(index, "flags", 0);
  }

  private static Object search(Args a, String mode) {
    a.expect(2, 3, "flags");
    Pattern pattern = compile(a.string(0), flags(a, 2));
    String text = a.string(1);
    Matcher matcher = pattern.matcher(text);
    boolean found =
        switch (mode) {
          case "match" -> matcher.lookingAt();
          case "fullmatch" -> matcher.matches();
          default -> matcher.find();
        };
    if (!found) {
      return null;
    }
    return toMatch(pattern, text, groupSpans(matcher));
  }

  /** Returns the match's spans as [start0, end0, start1, end1, ...] in UTF-16 units. */
  private static int[] groupSpans(Matcher matcher) {
    int groups = matcher.groupCount();
    int[] span = new int[2 * (groups + 1)];
    for (int g = 0; g <= groups; g++) {
      span[2 * g] = matcher.start(g);
      span[2 * g + 1] = matcher.end(g);
    }
    return span;
  }

  static PyMatch toMatch(Pattern pattern, String text, int[] span) {
    int count = span.length / 2;
    int[] starts = new int[count];
    int[] ends = new int[count];
    List<String> groups = new ArrayList<>(count);
    for (int g = 0; g < count; g++) {
      int start = span[2 * g];
      int end = span[2 * g + 1];
      if (start < 0) {
        starts[g] = -1;
        ends[g] = -1;
        groups.add(null);
      } else {
        starts[g] = Texts.toCodePointIndex(text, start);
        ends[g] = Texts.toCodePointIndex(text, end);
        groups.add(text.substring(start, end));
      }
    }
    Map<String, Integer> names = new LinkedHashMap<>(pattern.namedGroups());
    return new PyMatch(text, pattern.pattern(), starts, ends, groups, names);
  }

  /**
   * Returns every match from {@code start}, as Python 3.7+ finds them: an empty match is allowed
   * right after a non-empty one, but never twice at the same place.
   */
  private static List<int[]> spans(Pattern pattern, String text, int limit) {
    List<int[]> spans = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    int position = 0;
    int previousEmpty = -1;
    while (position <= text.length() && (limit <= 0 || spans.size() < limit)) {
      if (!matcher.find(position)) {
        break;
      }
      int start = matcher.start();
      int end = matcher.end();
      if (start == end && start == previousEmpty) {
        if (position >= text.length()) {
          break;
        }
        position += Character.charCount(text.codePointAt(position));
        continue;
      }
      spans.add(groupSpans(matcher));
      previousEmpty = start == end ? end : -1;
      position = end;
    }
    return spans;
  }

  private static Object findall(Args a) {
    a.expect(2, 3, "flags");
    Pattern pattern = compile(a.string(0), flags(a, 2));
    String text = a.string(1);
    List<Object> results = new ArrayList<>();
    int groups = pattern.groupCount();
    for (int[] span : spans(pattern, text, 0)) {
      if (groups == 0) {
        results.add(text.substring(span[0], span[1]));
      } else if (groups == 1) {
        results.add(groupText(text, span, 1, ""));
      } else {
        Object[] items = new Object[groups];
        for (int g = 1; g <= groups; g++) {
          items[g - 1] = groupText(text, span, g, "");
        }
        results.add(PyTuple.of(items));
      }
    }
    return results;
  }

  private static String groupText(String text, int[] span, int group, String fallback) {
    int start = span[2 * group];
    return start < 0 ? fallback : text.substring(start, span[2 * group + 1]);
  }

  private static Object split(Args a) {
    a.expect(2, 4, "maxsplit", "flags");
    Pattern pattern = compile(a.string(0), flags(a, 3));
    String text = a.string(1);
    long maxSplit = a.integer(2, "maxsplit", 0);
    List<Object> parts = new ArrayList<>();
    int last = 0;
    for (int[] span : spans(pattern, text, (int) Math.max(0, maxSplit))) {
      parts.add(text.substring(last, span[0]));
      for (int g = 1; g < span.length / 2; g++) {
        parts.add(span[2 * g] < 0 ? null : text.substring(span[2 * g], span[2 * g + 1]));
      }
      last = span[1];
    }
    parts.add(text.substring(last));
    return parts;
  }

  private static Object substitute(Args a, boolean withCount) {
    a.expect(3, 5, "count", "flags");
    Pattern pattern = compile(a.string(0), flags(a, 4));
    Object replacement = a.get(1);
    String text = a.string(2);
    long count = a.integer(3, "count", 0);
    StringBuilder out = new StringBuilder();
    int last = 0;
    long done = 0;
    for (int[] span : spans(pattern, text, (int) Math.max(0, count))) {
      out.append(text, last, span[0]);
      if (replacement instanceof String template) {
        out.append(expand(template, pattern, text, span));
      } else {
        Object value = Calls.callOne(replacement, toMatch(pattern, text, span));
        if (!(value instanceof String piece)) {
          throw new ExpressionException(
              "TypeError", "expected str instance, " + Py.typeName(value) + " found");
        }
        out.append(piece);
      }
      Limits.checkString(out.length());
      last = span[1];
      done++;
    }
    out.append(text.substring(last));
    String result = Limits.checked(out.toString());
    return withCount ? PyTuple.of(result, done) : result;
  }

  /** Expands {@code \1}, {@code \g<name>} and escapes in a replacement template. */
  private static String expand(String template, Pattern pattern, String text, int[] span) {
    if (template.indexOf('\\') < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '\\' || i + 1 >= template.length()) {
        out.append(c);
        continue;
      }
      char next = template.charAt(++i);
      if (Character.isDigit(next)) {
        int end = i + 1;
        if (end < template.length() && Character.isDigit(template.charAt(end))) {
          end++;
        }
        out.append(group(text, span, Integer.parseInt(template.substring(i, end)), template));
        i = end - 1;
      } else if (next == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
        int close = template.indexOf('>', i);
        String name = template.substring(i + 2, close);
        int index =
            name.chars().allMatch(Character::isDigit)
                ? Integer.parseInt(name)
                : pattern.namedGroups().getOrDefault(name, -1);
        if (index < 0) {
          throw new ExpressionException("IndexError", "unknown group name '" + name + "'");
        }
        out.append(group(text, span, index, template));
        i = close;
      } else {
        switch (next) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case '\\' -> out.append('\\');
          default -> {
            if (Character.isLetter(next) && next < 128) {
              throw new ExpressionException("error", "bad escape \\" + next);
            }
            out.append('\\').append(next);
          }
        }
      }
    }
    return out.toString();
  }

  private static String group(String text, int[] span, int index, String template) {
    if (index >= span.length / 2) {
      throw new ExpressionException("error", "invalid group reference " + index);
    }
    return groupText(text, span, index, "");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  // ---- match objects

  static Object group(PyMatch match, Object key) {
    int index;
    if (key instanceof String name) {
      Integer found = match.groupIndex().get(name);
      if (found == null) {
        throw new ExpressionException("IndexError", "no such group");
      }
      index = found;
    } else if (Py.isInt(key)) {
      long value = Py.smallInt(key);
      if (value < 0 || value >= match.groups().size()) {
        throw new ExpressionException("IndexError", "no such group");
      }
      index = (int) value;
    } else {
      throw new ExpressionException("IndexError", "no such group");
    }
    return match.groups().get(index);
  }

  static Object lastIndex(PyMatch match) {
    long last = -1;
    int bestEnd = -1;
    for (int g = 1; g < match.groups().size(); g++) {
      if (match.starts()[g] >= 0 && match.ends()[g] >= bestEnd) {
        last = g;
        bestEnd = match.ends()[g];
      }
    }
    return last < 0 ? null : last;
  }

  static void defineMatchMethods(Map<String, Method> methods) {
    methods.put(
        "group",
        (self, a) -> {
          PyMatch match = (PyMatch) self;
          if (a.size() == 0) {
            return match.groups().get(0);
          }
          if (a.size() == 1) {
            return group(match, a.get(0));
          }
          Object[] items = new Object[a.size()];
          for (int i = 0; i < items.length; i++) {
            items[i] = group(match, a.get(i));
          }
          return PyTuple.of(items);
        });
    methods.put(
        "groups",
        (self, a) -> {
          a.expect(0, 1, "default");
          Object fallback = a.get(0, "default", null);
          List<String> groups = ((PyMatch) self).groups();
          Object[] items = new Object[groups.size() - 1];
          for (int g = 1; g < groups.size(); g++) {
            items[g - 1] = groups.get(g) == null ? fallback : groups.get(g);
          }
          return PyTuple.of(items);
        });
    methods.put(
        "groupdict",
        (self, a) -> {
          a.expect(0, 1, "default");
          Object fallback = a.get(0, "default", null);
          PyMatch match = (PyMatch) self;
          Map<Object, Object> dict = new LinkedHashMap<>();
          match.groupIndex().entrySet().stream()
              .sorted(Map.Entry.comparingByValue())
              .forEach(
                  entry -> {
                    String value = match.groups().get(entry.getValue());
                    dict.put(entry.getKey(), value == null ? fallback : value);
                  });
          return dict;
        });
    methods.put("start", (self, a) -> (long) ((PyMatch) self).starts()[groupIndex(self, a)]);
    methods.put("end", (self, a) -> (long) ((PyMatch) self).ends()[groupIndex(self, a)]);
    methods.put(
        "span",
        (self, a) -> {
          int g = groupIndex(self, a);
          return PyTuple.of((long) ((PyMatch) self).starts()[g], (long) ((PyMatch) self).ends()[g]);
        });
  }

  private static int groupIndex(Object self, Args a) {
    a.expect(0, 1);
    if (a.size() == 0) {
      return 0;
    }
    PyMatch match = (PyMatch) self;
    Object key = a.get(0);
    if (key instanceof String name) {
      Integer index = match.groupIndex().get(name);
      if (index == null) {
        throw new ExpressionException("IndexError", "no such group");
      }
      return index;
    }
    long index = a.integer(0, null, 0);
    if (index < 0 || index >= match.groups().size()) {
      throw new ExpressionException("IndexError", "no such group");
    }
    return (int) index;
  }
}
