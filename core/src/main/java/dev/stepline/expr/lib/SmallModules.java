package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyDateTime;
import dev.stepline.expr.PyTuple;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The small allow-listed modules: base64, urllib.parse, random, time, string and csv. */
final class SmallModules {
  private SmallModules() {}

  private static final Random RANDOM = new SecureRandom();

  static PyModule base64() {
    return new PyModule("base64")
        .function(
            "b64encode",
            a -> {
              String text = a.expect(1, 1).string(0);
              Limits.checkString(text.length());
              return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
            })
        .function(
            "b64decode",
            a -> {
              String text = a.expect(1, 1).string(0);
              Limits.checkString(text.length());
              try {
                byte[] bytes = Base64.getDecoder().decode(text.replaceAll("[^A-Za-z0-9+/=]", ""));
                return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
              } catch (IllegalArgumentException | CharacterCodingException e) {
                throw new ExpressionException(
                    "ValueError", "Invalid base64 string: " + e.getMessage());
              }
            });
  }

  static PyModule urllib() {
    PyModule parse =
        new PyModule("urllib.parse")
            .function(
                "quote",
                a -> {
                  a.expect(1, 2, "safe");
                  return UrlCodec.quote(a.string(0), a.string(1, "safe", "/"), false);
                })
            .function(
                "quote_plus",
                a -> {
                  a.expect(1, 2, "safe");
                  return UrlCodec.quote(a.string(0), a.string(1, "safe", ""), true);
                })
            .function("unquote", a -> UrlCodec.unquote(a.expect(1, 1).string(0), false))
            .function("unquote_plus", a -> UrlCodec.unquote(a.expect(1, 1).string(0), true))
            .function(
                "urlencode",
                a -> {
                  a.expect(1, 2, "doseq");
                  return UrlCodec.urlencode(a.get(0), a.flag(1, "doseq", false));
                })
            .function("urlparse", a -> UrlCodec.urlparse(a.expect(1, 1).string(0), true))
            .function("urlsplit", a -> UrlCodec.urlparse(a.expect(1, 1).string(0), false))
            .function(
                "parse_qs",
                a -> {
                  a.expect(1, 2, "keep_blank_values");
                  Map<Object, Object> result = new LinkedHashMap<>();
                  for (PyTuple pair :
                      UrlCodec.parseQsl(a.string(0), a.flag(1, "keep_blank_values", false))) {
                    @SuppressWarnings("unchecked")
                    List<Object> values =
                        (List<Object>)
                            result.computeIfAbsent(pair.get(0), key -> new ArrayList<>());
                    values.add(pair.get(1));
                  }
                  return result;
                })
            .function(
                "parse_qsl",
                a -> {
                  a.expect(1, 2, "keep_blank_values");
                  return new ArrayList<Object>(
                      UrlCodec.parseQsl(a.string(0), a.flag(1, "keep_blank_values", false)));
                });
    return new PyModule("urllib").constant("parse", parse);
  }

  static PyModule random() {
    return new PyModule("random")
        .function(
            "random",
            a -> {
              a.expect(0, 0);
              return RANDOM.nextDouble();
            })
        .function(
            "randint",
            a -> {
              a.expect(2, 2);
              long low = a.integer(0, null, 0);
              long high = a.integer(1, null, 0);
              if (high < low) {
                throw new ExpressionException(
                    "ValueError",
                    "empty range for randrange() ("
                        + low
                        + ", "
                        + (high + 1)
                        + ", "
                        + (high + 1 - low)
                        + ")");
              }
              return low + (long) Math.floor(RANDOM.nextDouble() * (high - low + 1));
            })
        .function(
            "choice",
            a -> {
              List<Object> items = sequence(a.expect(1, 1).get(0));
              if (items.isEmpty()) {
                throw new ExpressionException("IndexError", "Cannot choose from an empty sequence");
              }
              return items.get(RANDOM.nextInt(items.size()));
            })
        .function(
            "sample",
            a -> {
              a.expect(2, 2, "k");
              List<Object> items = new ArrayList<>(sequence(a.get(0)));
              long k = a.integer(1, "k", 0);
              if (k < 0 || k > items.size()) {
                throw new ExpressionException(
                    "ValueError", "Sample larger than population or is" + " negative");
              }
              java.util.Collections.shuffle(items, RANDOM);
              return new ArrayList<>(items.subList(0, (int) k));
            });
  }

  private static List<Object> sequence(Object value) {
    if (!(value instanceof List || value instanceof PyTuple || value instanceof String)) {
      throw new ExpressionException(
          "TypeError", "Expected a sequence (list, tuple, or string), not " + Py.typeName(value));
    }
    List<Object> items = Iteration.toList(value);
    if (items.size() > Limits.MAX_COMPREHENSION_LENGTH) {
      throw new ExpressionException(
          "ValueError", "Sequence exceeds maximum size of " + Limits.MAX_COMPREHENSION_LENGTH);
    }
    return items;
  }

  static PyModule time() {
    return new PyModule("time")
        .function(
            "time",
            a -> {
              a.expect(0, 0);
              return System.currentTimeMillis() / 1000.0;
            })
        .function(
            "strftime",
            a -> {
              a.expect(1, 1);
              return Strftime.format(new PyDateTime(LocalDateTime.now(), null), a.string(0));
            })
        .function(
            "strptime",
            a -> {
              a.expect(2, 2);
              PyDateTime time = Strftime.parse(a.string(0), a.string(1));
              LocalDateTime t = time.local();
              return PyTuple.named(
                  "struct_time",
                  List.of(
                      "tm_year",
                      "tm_mon",
                      "tm_mday",
                      "tm_hour",
                      "tm_min",
                      "tm_sec",
                      "tm_wday",
                      "tm_yday",
                      "tm_isdst"),
                  (long) t.getYear(),
                  (long) t.getMonthValue(),
                  (long) t.getDayOfMonth(),
                  (long) t.getHour(),
                  (long) t.getMinute(),
                  (long) t.getSecond(),
                  (long) t.getDayOfWeek().getValue() - 1,
                  (long) t.getDayOfYear(),
                  -1L);
            });
  }

  static PyModule string() {
    String lower = "abcdefghijklmnopqrstuvwxyz";
    String upper = lower.toUpperCase();
    String punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    String whitespace = " \t\n\r\u000b\f";
    return new PyModule("string")
        .constant("ascii_letters", lower + upper)
        .constant("ascii_lowercase", lower)
        .constant("ascii_uppercase", upper)
        .constant("digits", "0123456789")
        .constant("hexdigits", "0123456789abcdefABCDEF")
        .constant("octdigits", "01234567")
        .constant("punctuation", punctuation)
        .constant("whitespace", whitespace)
        .constant("printable", "0123456789" + lower + upper + punctuation + whitespace);
  }

  static PyModule csv() {
    return new PyModule("csv")
        .function(
            "reader",
            a -> {
              a.expect(
                  1,
                  2,
                  "dialect",
                  "delimiter",
                  "quotechar",
                  "skipinitialspace",
                  "strict",
                  "escapechar",
                  "doublequote",
                  "lineterminator",
                  "quoting");
              return new PyIterator("_csv.reader", new ArrayList<>(CsvReader.read(a)));
            })
        .function(
            "DictReader",
            a -> {
              a.expect(
                  1,
                  2,
                  "fieldnames",
                  "restkey",
                  "restval",
                  "dialect",
                  "delimiter",
                  "quotechar",
                  "skipinitialspace",
                  "strict",
                  "escapechar",
                  "doublequote",
                  "lineterminator",
                  "quoting");
              return new PyIterator("DictReader", CsvReader.readDicts(a));
            })
        .constant("QUOTE_MINIMAL", 0L)
        .constant("QUOTE_ALL", 1L)
        .constant("QUOTE_NONNUMERIC", 2L)
        .constant("QUOTE_NONE", 3L);
  }
}
