package dev.stepline.expr;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A Python {@code datetime.datetime}: naive when {@code offset} is null, aware otherwise.
 * Microsecond precision, as in Python.
 */
public record PyDateTime(LocalDateTime local, ZoneOffset offset) {

  public PyDateTime {
    local = local.withNano(local.getNano() / 1000 * 1000);
  }

  public boolean aware() {
    return offset != null;
  }

  public int microsecond() {
    return local.getNano() / 1000;
  }

  /** Returns {@code isoformat(sep)}, such as {@code 2024-01-02T03:04:05.000100+00:00}. */
  public String isoformat(String separator) {
    StringBuilder out = new StringBuilder();
    out.append(local.toLocalDate()).append(separator);
    out.append(
        String.format("%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond()));
    if (microsecond() != 0) {
      out.append(String.format(".%06d", microsecond()));
    }
    if (offset != null) {
      out.append(formatOffset(offset, ":"));
    }
    return out.toString();
  }

  /** Formats an offset as Python's {@code %z} (separator "") or isoformat (separator ":"). */
  public static String formatOffset(ZoneOffset offset, String separator) {
    int total = offset.getTotalSeconds();
    String sign = total < 0 ? "-" : "+";
    total = Math.abs(total);
    String text = String.format("%s%02d%s%02d", sign, total / 3600, separator, total / 60 % 60);
    if (total % 60 != 0) {
      text += String.format("%s%02d", separator, total % 60);
    }
    return text;
  }

  /** Returns Python's {@code str()}: the isoformat with a space between date and time. */
  @Override
  public String toString() {
    return isoformat(" ");
  }

  public String repr() {
    StringBuilder out = new StringBuilder("datetime.datetime(");
    out.append(local.getYear()).append(", ").append(local.getMonthValue());
    out.append(", ").append(local.getDayOfMonth());
    out.append(", ").append(local.getHour()).append(", ").append(local.getMinute());
    if (local.getSecond() != 0 || microsecond() != 0) {
      out.append(", ").append(local.getSecond());
    }
    if (microsecond() != 0) {
      out.append(", ").append(microsecond());
    }
    if (offset != null) {
      out.append(", tzinfo=");
      if (offset.getTotalSeconds() == 0) {
        out.append("datetime.timezone.utc");
      } else {
        out.append("datetime.timezone(")
            .append(PyTimeDelta.ofMicros(offset.getTotalSeconds() * 1_000_000L).repr())
            .append(")");
      }
    }
    return out.append(")").toString();
  }
}
