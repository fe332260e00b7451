package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.PyDate;
import dev.stepline.expr.PyDateTime;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code strftime} and {@code strptime} with the C locale's directives, as CPython has them. */
final class Strftime {
  private Strftime() {}

  static String format(Object value, String format) {
    LocalDateTime local;
    ZoneOffset offset = null;
    if (value instanceof PyDateTime time) {
      local = time.local();
      offset = time.offset();
    } else {
      local = ((PyDate) value).date().atStartOfDay();
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 >= format.length()) {
        out.append(c);
        continue;
      }
      out.append(directive(format.charAt(++i), local, offset));
    }
    return Limits.checked(out.toString());
  }

  private static String directive(char d, LocalDateTime t, ZoneOffset offset) {
    return switch (d) {
      case 'Y' -> String.valueOf(t.getYear());
      case 'y' -> two(t.getYear() % 100);
      case 'm' -> two(t.getMonthValue());
      case 'd' -> two(t.getDayOfMonth());
      case 'e' -> String.format("%2d", t.getDayOfMonth());
      case 'H' -> two(t.getHour());
      case 'I' -> two(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
      case 'M' -> two(t.getMinute());
      case 'S' -> two(t.getSecond());
      case 'f' -> String.format("%06d", t.getNano() / 1000);
      case 'p' -> t.getHour() < 12 ? "AM" : "PM";
      case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
      case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
      case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
      case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
      case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
      case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
      case 'j' -> String.format("%03d", t.getDayOfYear());
      case 'U' -> two(weekOfYear(t.toLocalDate(), DayOfWeek.SUNDAY));
      case 'W' -> two(weekOfYear(t.toLocalDate(), DayOfWeek.MONDAY));
      case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case 'G' -> String.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
      case 'z' -> offset == null ? "" : PyDateTime.formatOffset(offset, "");
      case 'Z' ->
          offset == null
              ? ""
              : offset.getTotalSeconds() == 0
                  ? "UTC"
                  : "UTC" + PyDateTime.formatOffset(offset, ":");
      case 'c' ->
          directive('a', t, offset)
              + " "
              + directive('b', t, offset)
              + " "
              + directive('e', t, offset)
              + " "
              + directive('X', t, offset)
              + " "
              + t.getYear();
      case 'x' ->
          two(t.getMonthValue()) + "/" + two(t.getDayOfMonth()) + "/" + two(t.getYear() % 100);
      case 'X', 'T' -> two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
      case 'D' -> directive('x', t, offset);
      case 'F' -> t.getYear() + "-" + two(t.getMonthValue()) + "-" + two(t.getDayOfMonth());
      case 'R' -> two(t.getHour()) + ":" + two(t.getMinute());
      case 'n' -> "\n";
      case 't' -> "\t";
      case '%' -> "%";
      default -> "%" + d;
    };
  }

  private static int weekOfYear(LocalDate date, DayOfWeek first) {
    int dayOfYear = date.getDayOfYear() - 1;
    int weekday = (date.getDayOfWeek().getValue() - first.getValue() + 7) % 7;
    return (dayOfYear - weekday + 7) / 7;
  }

  private static String two(int value) {
    return String.format("%02d", value);
  }

  // ---- strptime

  /** Parses {@code text} with {@code format}, returning a naive or aware datetime. */
  static PyDateTime parse(String text, String format) {
    StringBuilder regex = new StringBuilder();
    java.util.List<Character> fields = new java.util.ArrayList<>();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '%' && i + 1 < format.length()) {
        char d = format.charAt(++i);
        String part =
            switch (d) {
              case 'Y' -> "(\\d{4})";
              case 'm', 'd', 'H', 'I', 'M', 'S', 'y', 'U', 'W' -> "(\\d{1,2})";
              case 'j' -> "(\\d{1,3})";
              case 'f' -> "(\\d{1,6})";
              case 'p' -> "(AM|PM|am|pm)";
              case 'B', 'b', 'h', 'A', 'a' -> "([A-Za-z]+)";
              case 'z' -> "(Z|[+-]\\d{2}:?\\d{2}(?::?\\d{2})?)?";
              case 'Z' -> "(UTC|GMT|utc|gmt)?";
              case '%' -> "%";
              default ->
                  throw new ExpressionException(
                      "ValueError", "'" + d + "' is a bad directive in format '%" + d + "'");
            };
        if (d != '%') {
          fields.add(d);
        }
        regex.append(part);
      } else if (Character.isWhitespace(c)) {
        regex.append("\\s+");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    Matcher matcher = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(text);
    if (!matcher.matches()) {
      throw new ExpressionException(
          "ValueError",
          "time data "
              + dev.stepline.expr.Py.repr(text)
              + " does not match format "
              + dev.stepline.expr.Py.repr(format));
    }
    int year = 1900;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int micros = 0;
    boolean pm = false;
    boolean twelveHour = false;
    ZoneOffset offset = null;
    for (int g = 0; g < fields.size(); g++) {
      String value = matcher.group(g + 1);
      if (value == null) {
        continue;
      }
      switch (fields.get(g)) {
        case 'Y' -> year = Integer.parseInt(value);
        case 'y' -> {
          int y = Integer.parseInt(value);
          year = y < 69 ? 2000 + y : 1900 + y;
        }
        case 'm' -> month = Integer.parseInt(value);
        case 'd' -> day = Integer.parseInt(value);
        case 'H' -> hour = Integer.parseInt(value);
        case 'I' -> {
          hour = Integer.parseInt(value);
          twelveHour = true;
        }
        case 'M' -> minute = Integer.parseInt(value);
        case 'S' -> second = Integer.parseInt(value);
        case 'f' -> micros = Integer.parseInt((value + "00000").substring(0, 6));
        case 'p' -> pm = value.equalsIgnoreCase("PM");
        case 'B', 'b', 'h' -> month = monthNumber(value, text, format);
        case 'z' ->
            offset =
                value.equals("Z")
                    ? ZoneOffset.UTC
                    : ZoneOffset.of(
                        value.length() == 5
                            ? value.substring(0, 3) + ":" + value.substring(3)
                            : value);
        case 'Z' -> offset = offset == null ? null : offset;
        default -> {}
      }
    }
    if (twelveHour) {
      hour = hour % 12 + (pm ? 12 : 0);
    }
    try {
      return new PyDateTime(
          LocalDateTime.of(
              LocalDate.of(year, month, day), LocalTime.of(hour, minute, second, micros * 1000)),
          offset);
    } catch (java.time.DateTimeException e) {
      throw new ExpressionException("ValueError", "day is out of range for month");
    }
  }

  private static int monthNumber(String name, String text, String format) {
    for (java.time.Month month : java.time.Month.values()) {
      if (month.getDisplayName(TextStyle.FULL, Locale.US).equalsIgnoreCase(name)
          || month.getDisplayName(TextStyle.SHORT, Locale.US).equalsIgnoreCase(name)) {
        return month.getValue();
      }
    }
    throw new ExpressionException(
        "ValueError",
        "time data "
            + dev.stepline.expr.Py.repr(text)
            + " does not match format "
            + dev.stepline.expr.Py.repr(format));
  }
}
