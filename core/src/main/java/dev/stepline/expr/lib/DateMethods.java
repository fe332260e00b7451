package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyDate;
import dev.stepline.expr.PyDateTime;
import dev.stepline.expr.PyObject;
import dev.stepline.expr.PyTimeDelta;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code datetime} module: datetime, date, timedelta and timezone. */
final class DateMethods {
  private DateMethods() {}

  /** A fixed-offset {@code datetime.timezone}. */
  record TimeZone(ZoneOffset offset) implements PyObject {
    @Override
    public String typeName() {
      return "timezone";
    }

    @Override
    public String repr() {
      return offset.getTotalSeconds() == 0
          ? "datetime.timezone.utc"
          : "datetime.timezone("
              + PyTimeDelta.ofMicros(offset.getTotalSeconds() * 1_000_000L).repr()
              + ")";
    }

    @Override
    public String str() {
      return offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + PyDateTime.formatOffset(offset, ":");
    }
  }

  static final TimeZone UTC = new TimeZone(ZoneOffset.UTC);

  static TimeZone timezone(ZoneOffset offset) {
    return offset.getTotalSeconds() == 0 ? UTC : new TimeZone(offset);
  }

  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})-?(\\d{2})-?(\\d{2})(?:[T ](\\d{2})(?::?(\\d{2})(?::?(\\d{2})(?:[.,](\\d{1,6})\\d*)?)?)?"
              + "(Z|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)?)?");

  static PyModule module() {
    PyType datetime =
        new PyType(
            "datetime", "datetime.datetime", DateMethods::newDateTime, ValueMethods.DATETIME);
    datetime.function(
        "now",
        a -> {
          a.expect(0, 1, "tz");
          Object tz = a.get(0, "tz", null);
          if (tz == null) {
            return new PyDateTime(LocalDateTime.now(), null);
          }
          ZoneOffset offset = offsetOf(tz);
          return new PyDateTime(LocalDateTime.now(offset), offset);
        });
    datetime.function("utcnow", a -> new PyDateTime(LocalDateTime.now(ZoneOffset.UTC), null));
    datetime.function("today", a -> new PyDateTime(LocalDateTime.now(), null));
    datetime.function("fromisoformat", a -> fromIsoFormat(a.expect(1, 1).string(0)));
    datetime.function(
        "strptime",
        a -> {
          a.expect(2, 2);
          return Strftime.parse(a.string(0), a.string(1));
        });
    datetime.function(
        "fromtimestamp",
        a -> {
          a.expect(1, 2, "tz");
          double seconds = a.number(0);
          Object tz = a.get(1, "tz", null);
          Instant instant =
              Instant.ofEpochSecond(
                  (long) Math.floor(seconds),
                  Math.round((seconds - Math.floor(seconds)) * 1e6) * 1000);
          if (tz == null) {
            return new PyDateTime(LocalDateTime.ofInstant(instant, ZoneId.systemDefault()), null);
          }
          ZoneOffset offset = offsetOf(tz);
          return new PyDateTime(LocalDateTime.ofInstant(instant, offset), offset);
        });
    PyType date =
        new PyType(
            "date",
            "datetime.date",
            a -> {
              a.expect(3, 3, "year", "month", "day");
              return new PyDate(localDate(a));
            },
            ValueMethods.DATE);
    date.function("today", a -> new PyDate(LocalDate.now()));
    date.function(
        "fromisoformat",
        a -> {
          String text = a.expect(1, 1).string(0);
          if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new ExpressionException(
                "ValueError", "Invalid isoformat string: " + Py.repr(text));
          }
          return new PyDate(fromIsoFormat(text).local().toLocalDate());
        });
    PyType timedelta =
        new PyType(
            "timedelta", "datetime.timedelta", DateMethods::newTimeDelta, ValueMethods.TIMEDELTA);
    PyType timezone =
        new PyType(
            "timezone",
            "datetime.timezone",
            a -> {
              a.expect(1, 1);
              if (!(a.get(0) instanceof PyTimeDelta delta)) {
                throw new ExpressionException(
                    "TypeError",
                    "timezone() argument 1 must be datetime.timedelta, not "
                        + Py.typeName(a.get(0)));
              }
              return timezone(ZoneOffset.ofTotalSeconds((int) (delta.totalMicros() / 1_000_000)));
            },
            Map.of());
    timezone.attribute("utc", UTC);
    return new PyModule("datetime")
        .constant("datetime", datetime)
        .constant("date", date)
        .constant("timedelta", timedelta)
        .constant("timezone", timezone);
  }

  static ZoneOffset offsetOf(Object tz) {
    if (tz instanceof TimeZone zone) {
      return zone.offset();
    }
    throw new ExpressionException(
        "TypeError",
        "tzinfo argument must be None or of a tzinfo subclass, not type '" + Py.typeName(tz) + "'");
  }

  private static LocalDate localDate(Args a) {
    long year = a.integer(0, "year", Long.MIN_VALUE);
    long month = a.integer(1, "month", Long.MIN_VALUE);
    long day = a.integer(2, "day", Long.MIN_VALUE);
    if (year == Long.MIN_VALUE || month == Long.MIN_VALUE || day == Long.MIN_VALUE) {
      throw new ExpressionException("TypeError", "function missing required argument");
    }
    if (year < 1 || year > 9999) {
      throw new ExpressionException("ValueError", "year " + year + " is out of range");
    }
    if (month < 1 || month > 12) {
      throw new ExpressionException("ValueError", "month must be in 1..12");
    }
    try {
      return LocalDate.of((int) year, (int) month, (int) day);
    } catch (DateTimeException e) {
      throw new ExpressionException("ValueError", "day is out of range for month");
    }
  }

  private static Object newDateTime(Args a) {
    a.expect(3, 8, "year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo");
    LocalDate date = localDate(a);
    long hour = a.integer(3, "hour", 0);
    long minute = a.integer(4, "minute", 0);
    long second = a.integer(5, "second", 0);
    long micros = a.integer(6, "microsecond", 0);
    check(hour, 23, "hour");
    check(minute, 59, "minute");
    check(second, 59, "second");
    check(micros, 999_999, "microsecond");
    Object tz = a.get(7, "tzinfo", null);
    ZoneOffset offset = tz == null ? null : offsetOf(tz);
    return new PyDateTime(
        LocalDateTime.of(
            date, LocalTime.of((int) hour, (int) minute, (int) second, (int) micros * 1000)),
        offset);
  }

  private static void check(long value, long max, String name) {
    if (value < 0 || value > max) {
      throw new ExpressionException("ValueError", name + " must be in 0.." + max);
    }
  }

  private static Object newTimeDelta(Args a) {
    a.expect(0, 7, "days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks");
    String[] names = {
      "days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"
    };
    long[] micros = {
      86_400_000_000L, 1_000_000L, 1L, 1000L, 60_000_000L, 3_600_000_000L, 604_800_000_000L
    };
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < names.length; i++) {
      Object value = a.get(i, names[i], 0L);
      if (!Py.isNumber(value)) {
        throw new ExpressionException(
            "TypeError",
            "unsupported type for timedelta " + names[i] + " component: " + Py.typeName(value));
      }
      BigDecimal amount =
          Py.isInt(value) ? new BigDecimal(Py.bigInt(value)) : new BigDecimal(Py.toDouble(value));
      total = total.add(amount.multiply(BigDecimal.valueOf(micros[i])));
    }
    return PyTimeDelta.ofMicros(total.setScale(0, RoundingMode.HALF_EVEN).longValueExact());
  }

  static PyDateTime fromIsoFormat(String text) {
    Matcher m = ISO.matcher(text);
    if (!m.matches()) {
      throw new ExpressionException("ValueError", "Invalid isoformat string: " + Py.repr(text));
    }
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
      int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
      int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
      int micros =
          m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000").substring(0, 6));
      ZoneOffset offset = null;
      if (m.group(8) != null) {
        String zone = m.group(8);
        offset =
            zone.equals("Z")
                ? ZoneOffset.UTC
                : ZoneOffset.of(
                    zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
      }
      return new PyDateTime(
          LocalDateTime.of(date, LocalTime.of(hour, minute, second, micros * 1000)), offset);
    } catch (DateTimeException e) {
      throw new ExpressionException("ValueError", "Invalid isoformat string: " + Py.repr(text));
    }
  }

  static void define(
      Map<String, Method> datetime, Map<String, Method> date, Map<String, Method> timedelta) {
    datetime.put(
        "isoformat",
        (self, a) -> {
          a.expect(0, 2, "sep", "timespec");
          return ((PyDateTime) self).isoformat(a.string(0, "sep", "T"));
        });
    datetime.put("strftime", (self, a) -> Strftime.format(self, a.expect(1, 1).string(0)));
    datetime.put(
        "timestamp",
        (self, a) -> {
          PyDateTime time = (PyDateTime) self;
          Instant instant =
              time.aware()
                  ? time.local().toInstant(time.offset())
                  : time.local().atZone(ZoneId.systemDefault()).toInstant();
          return instant.getEpochSecond() + instant.getNano() / 1e9;
        });
    datetime.put("date", (self, a) -> new PyDate(((PyDateTime) self).local().toLocalDate()));
    datetime.put(
        "weekday", (self, a) -> (long) ((PyDateTime) self).local().getDayOfWeek().getValue() - 1);
    datetime.put(
        "isoweekday", (self, a) -> (long) ((PyDateTime) self).local().getDayOfWeek().getValue());
    datetime.put(
        "utcoffset",
        (self, a) -> {
          ZoneOffset offset = ((PyDateTime) self).offset();
          return offset == null
              ? null
              : PyTimeDelta.ofMicros(offset.getTotalSeconds() * 1_000_000L);
        });
    datetime.put(
        "astimezone",
        (self, a) -> {
          a.expect(0, 1, "tz");
          PyDateTime time = (PyDateTime) self;
          Object tz = a.get(0, "tz", null);
          Instant instant =
              time.aware()
                  ? time.local().toInstant(time.offset())
                  : time.local().atZone(ZoneId.systemDefault()).toInstant();
          ZoneOffset offset =
              tz == null ? ZoneId.systemDefault().getRules().getOffset(instant) : offsetOf(tz);
          return new PyDateTime(LocalDateTime.ofInstant(instant, offset), offset);
        });
    datetime.put(
        "replace",
        (self, a) -> {
          a.expect(
              0, 0, "year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo");
          PyDateTime time = (PyDateTime) self;
          LocalDateTime t = time.local();
          try {
            LocalDateTime replaced =
                LocalDateTime.of(
                    (int) a.integer(-1, "year", t.getYear()),
                    (int) a.integer(-1, "month", t.getMonthValue()),
                    (int) a.integer(-1, "day", t.getDayOfMonth()),
                    (int) a.integer(-1, "hour", t.getHour()),
                    (int) a.integer(-1, "minute", t.getMinute()),
                    (int) a.integer(-1, "second", t.getSecond()),
                    (int) a.integer(-1, "microsecond", time.microsecond()) * 1000);
            ZoneOffset offset =
                a.keywords.containsKey("tzinfo")
                    ? (a.keywords.get("tzinfo") == null ? null : offsetOf(a.keywords.get("tzinfo")))
                    : time.offset();
            return new PyDateTime(replaced, offset);
          } catch (DateTimeException e) {
            throw new ExpressionException("ValueError", "day is out of range for month");
          }
        });
    date.put("isoformat", (self, a) -> ((PyDate) self).toString());
    date.put("strftime", (self, a) -> Strftime.format(self, a.expect(1, 1).string(0)));
    date.put("weekday", (self, a) -> (long) ((PyDate) self).date().getDayOfWeek().getValue() - 1);
    date.put("isoweekday", (self, a) -> (long) ((PyDate) self).date().getDayOfWeek().getValue());
    date.put(
        "replace",
        (self, a) -> {
          a.expect(0, 0, "year", "month", "day");
          LocalDate d = ((PyDate) self).date();
          try {
            return new PyDate(
                LocalDate.of(
                    (int) a.integer(-1, "year", d.getYear()),
                    (int) a.integer(-1, "month", d.getMonthValue()),
                    (int) a.integer(-1, "day", d.getDayOfMonth())));
          } catch (DateTimeException e) {
            throw new ExpressionException("ValueError", "day is out of range for month");
          }
        });
    timedelta.put("total_seconds", (self, a) -> ((PyTimeDelta) self).totalSeconds());
  }
}
