package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyBytes;
import dev.stepline.expr.PyDate;
import dev.stepline.expr.PyDateTime;
import dev.stepline.expr.PyMatch;
import dev.stepline.expr.PyTimeDelta;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** Properties and methods of numbers, bytes, datetimes, dates, timedeltas and match objects. */
final class ValueMethods {
  private ValueMethods() {}

  /** The result of {@link #property} when the value has no such property. */
  static final Object NONE = new Object();

  static final Map<String, Method> INT = new HashMap<>();
  static final Map<String, Method> FLOAT = new HashMap<>();
  private static final Map<String, Method> BYTES = new HashMap<>();
  static final Map<String, Method> DATETIME = new HashMap<>();
  static final Map<String, Method> DATE = new HashMap<>();
  static final Map<String, Method> TIMEDELTA = new HashMap<>();
  private static final Map<String, Method> MATCH = new HashMap<>();

  static {
    INT.put("bit_length", (self, a) -> (long) Py.bigInt(self).abs().bitLength());
    INT.put("conjugate", (self, a) -> Py.normalize(Py.bigInt(self)));
    FLOAT.put(
        "is_integer",
        (self, a) -> {
          double d = Py.toDouble(self);
          return !Double.isInfinite(d) && d == Math.rint(d);
        });
    FLOAT.put("conjugate", (self, a) -> Py.toDouble(self));
    BYTES.put("decode", (self, a) -> decode((PyBytes) self, a));
    BYTES.put("hex", (self, a) -> HexFormat.of().formatHex(((PyBytes) self).data()));
    DateMethods.define(DATETIME, DATE, TIMEDELTA);
    Regex.defineMatchMethods(MATCH);
  }

  static Map<String, Method> methodsOf(Object target) {
    if (Py.isInt(target)) {
      return INT;
    }
    if (Py.isFloat(target)) {
      return FLOAT;
    }
    if (target instanceof PyBytes) {
      return BYTES;
    }
    if (target instanceof PyDateTime) {
      return DATETIME;
    }
    if (target instanceof PyDate) {
      return DATE;
    }
    if (target instanceof PyTimeDelta) {
      return TIMEDELTA;
    }
    if (target instanceof PyMatch) {
      return MATCH;
    }
    return Map.of();
  }

  static Object property(Object target, String name) {
    if (Py.isInt(target)) {
      return switch (name) {
        case "real", "numerator" -> Py.normalize(Py.bigInt(target));
        case "imag" -> 0L;
        case "denominator" -> 1L;
        default -> NONE;
      };
    }
    if (Py.isFloat(target)) {
      return switch (name) {
        case "real" -> Py.toDouble(target);
        case "imag" -> 0.0;
        default -> NONE;
      };
    }
    if (target instanceof PyDateTime time) {
      return switch (name) {
        case "year" -> (long) time.local().getYear();
        case "month" -> (long) time.local().getMonthValue();
        case "day" -> (long) time.local().getDayOfMonth();
        case "hour" -> (long) time.local().getHour();
        case "minute" -> (long) time.local().getMinute();
        case "second" -> (long) time.local().getSecond();
        case "microsecond" -> (long) time.microsecond();
        case "tzinfo" -> time.offset() == null ? null : DateMethods.timezone(time.offset());
        default -> NONE;
      };
    }
    if (target instanceof PyDate date) {
      return switch (name) {
        case "year" -> (long) date.date().getYear();
        case "month" -> (long) date.date().getMonthValue();
        case "day" -> (long) date.date().getDayOfMonth();
        default -> NONE;
      };
    }
    if (target instanceof PyTimeDelta delta) {
      return switch (name) {
        case "days" -> delta.days();
        case "seconds" -> delta.seconds();
        case "microseconds" -> delta.microseconds();
        default -> NONE;
      };
    }
    if (target instanceof PyMatch match) {
      return switch (name) {
        case "string" -> match.string();
        case "pos" -> 0L;
        case "lastindex" -> Regex.lastIndex(match);
        default -> NONE;
      };
    }
    return NONE;
  }

  private static String decode(PyBytes bytes, Args a) {
    a.expect(0, 2, "encoding", "errors");
    String encoding = a.string(0, "encoding", "utf-8").toLowerCase().replace("_", "-");
    String errors = a.string(1, "errors", "strict");
    var charset =
        switch (encoding) {
          case "utf-8", "utf8" -> StandardCharsets.UTF_8;
          case "ascii" -> StandardCharsets.US_ASCII;
          case "latin-1", "latin1", "iso-8859-1" -> StandardCharsets.ISO_8859_1;
          default -> throw new ExpressionException("LookupError", "unknown encoding: " + encoding);
        };
    try {
      return charset
          .newDecoder()
          .onMalformedInput(
              errors.equals("strict")
                  ? CodingErrorAction.REPORT
                  : errors.equals("ignore") ? CodingErrorAction.IGNORE : CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.data()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ExpressionException(
          "UnicodeDecodeError", "'" + encoding.replace("-", "") + "' codec can't decode bytes");
    }
  }
}
