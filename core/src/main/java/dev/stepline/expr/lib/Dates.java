package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyDate;
import dev.stepline.expr.PyDateTime;
import dev.stepline.expr.PyTimeDelta;
import dev.stepline.expr.lib.Ops.Binary;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** Arithmetic on datetime, date and timedelta values. Returns null where Python has no rule. */
final class Dates {
  private Dates() {}

  static Object add(Object a, Object b) {
    if (a instanceof PyTimeDelta x && b instanceof PyTimeDelta y) {
      return PyTimeDelta.ofMicros(Math.addExact(x.totalMicros(), y.totalMicros()));
    }
    if (a instanceof PyTimeDelta delta && (b instanceof PyDateTime || b instanceof PyDate)) {
      return add(b, delta);
    }
    if (a instanceof PyDateTime time && b instanceof PyTimeDelta delta) {
      return shift(time, delta.totalMicros());
    }
    if (a instanceof PyDate date && b instanceof PyTimeDelta delta) {
      return new PyDate(date.date().plusDays(delta.days()));
    }
    return null;
  }

  static Object subtract(Object a, Object b) {
    if (a instanceof PyTimeDelta x && b instanceof PyTimeDelta y) {
      return PyTimeDelta.ofMicros(Math.subtractExact(x.totalMicros(), y.totalMicros()));
    }
    if (a instanceof PyDateTime time && b instanceof PyTimeDelta delta) {
      return shift(time, -delta.totalMicros());
    }
    if (a instanceof PyDate date && b instanceof PyTimeDelta delta) {
      return new PyDate(date.date().minusDays(delta.days()));
    }
    if (a instanceof PyDateTime x && b instanceof PyDateTime y) {
      if (x.aware() != y.aware()) {
        throw new ExpressionException(
            "TypeError", "can't subtract offset-naive and offset-aware datetimes");
      }
      Duration duration =
          x.aware()
              ? Duration.between(y.local().toInstant(y.offset()), x.local().toInstant(x.offset()))
              : Duration.between(y.local(), x.local());
      return PyTimeDelta.ofMicros(duration.toNanos() / 1000);
    }
    if (a instanceof PyDate x && b instanceof PyDate y) {
      return PyTimeDelta.ofMicros(ChronoUnit.DAYS.between(y.date(), x.date()) * 86_400_000_000L);
    }
    return null;
  }

  static PyDateTime shift(PyDateTime time, long micros) {
    try {
      return new PyDateTime(time.local().plus(micros, ChronoUnit.MICROS), time.offset());
    } catch (java.time.DateTimeException e) {
      throw new ExpressionException("OverflowError", "date value out of range");
    }
  }

  static Object multiply(Object a, Object b) {
    PyTimeDelta delta = a instanceof PyTimeDelta d ? d : (PyTimeDelta) b;
    Object factor = a instanceof PyTimeDelta ? b : a;
    if (Py.isInt(factor)) {
      return PyTimeDelta.ofMicros(Math.multiplyExact(delta.totalMicros(), Py.smallInt(factor)));
    }
    if (Py.isFloat(factor)) {
      return PyTimeDelta.ofMicros(Math.round(delta.totalMicros() * Py.toDouble(factor)));
    }
    return null;
  }

  static Object divide(Binary op, Object a, Object b) {
    if (!(a instanceof PyTimeDelta delta)) {
      return null;
    }
    if (b instanceof PyTimeDelta other) {
      if (other.totalMicros() == 0) {
        throw new ExpressionException("ZeroDivisionError", "division by zero");
      }
      if (op == Binary.FLOORDIV) {
        return Math.floorDiv(delta.totalMicros(), other.totalMicros());
      }
      return (double) delta.totalMicros() / other.totalMicros();
    }
    if (Py.isNumber(b)) {
      double divisor = Py.toDouble(b);
      if (divisor == 0) {
        throw new ExpressionException("ZeroDivisionError", "division by zero");
      }
      if (op == Binary.FLOORDIV && Py.isInt(b)) {
        return PyTimeDelta.ofMicros(Math.floorDiv(delta.totalMicros(), Py.smallInt(b)));
      }
      return PyTimeDelta.ofMicros(Math.round(delta.totalMicros() / divisor));
    }
    return null;
  }
}
