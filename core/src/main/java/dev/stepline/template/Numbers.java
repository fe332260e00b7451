package dev.stepline.template;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Python's int and float arithmetic on Long, BigInteger and Double. */
final class Numbers {
  private Numbers() {}

  static boolean isInt(Number n) {
    return n instanceof Long || n instanceof BigInteger;
  }

  static Number normalize(BigInteger value) {
    return value.bitLength() < 64 ? (Number) value.longValue() : value;
  }

  static int compare(Number a, Number b) {
    if (isInt(a) && isInt(b)) {
      return PythonOperators.big(a).compareTo(PythonOperators.big(b));
    }
    double x = a.doubleValue();
    double y = b.doubleValue();
    if (Double.isNaN(x) || Double.isNaN(y)) {
      // NaN is unordered: every comparison with it is false, which sign 2 gives for < and >.
      return 2;
    }
    if (Double.isInfinite(x) || Double.isInfinite(y)) {
      return Double.compare(x, y);
    }
    return toDecimal(a).compareTo(toDecimal(b));
  }

  private static BigDecimal toDecimal(Number n) {
    return isInt(n) ? new BigDecimal(PythonOperators.big(n)) : new BigDecimal(n.doubleValue());
  }

  static Number add(Number a, Number b) {
    if (isInt(a) && isInt(b)) {
      return normalize(PythonOperators.big(a).add(PythonOperators.big(b)));
    }
    return a.doubleValue() + b.doubleValue();
  }

  static Number subtract(Number a, Number b) {
    if (isInt(a) && isInt(b)) {
      return normalize(PythonOperators.big(a).subtract(PythonOperators.big(b)));
    }
    return a.doubleValue() - b.doubleValue();
  }

  static Number multiply(Number a, Number b) {
    if (isInt(a) && isInt(b)) {
      return normalize(PythonOperators.big(a).multiply(PythonOperators.big(b)));
    }
    return a.doubleValue() * b.doubleValue();
  }

  static Number divide(Number a, Number b) {
    requireNonZero(b, "division by zero");
    return a.doubleValue() / b.doubleValue();
  }

  static Number floorDivide(Number a, Number b) {
    if (isInt(a) && isInt(b)) {
      requireNonZero(b, "integer division or modulo by zero");
      BigInteger[] qr = PythonOperators.big(a).divideAndRemainder(PythonOperators.big(b));
      BigInteger q = qr[0];
      if (qr[1].signum() != 0 && qr[1].signum() != PythonOperators.big(b).signum()) {
        q = q.subtract(BigInteger.ONE);
      }
      return normalize(q);
    }
    requireNonZero(b, "float floor division by zero");
    return Math.floor(a.doubleValue() / b.doubleValue());
  }

  static Number modulo(Number a, Number b) {
    if (isInt(a) && isInt(b)) {
      requireNonZero(b, "integer modulo by zero");
      BigInteger r = PythonOperators.big(a).mod(PythonOperators.big(b).abs());
      if (PythonOperators.big(b).signum() < 0 && r.signum() != 0) {
        r = r.add(PythonOperators.big(b));
      }
      return normalize(r);
    }
    requireNonZero(b, "float modulo by zero");
    double x = a.doubleValue();
    double y = b.doubleValue();
    double r = x % y;
    if (r != 0 && (r < 0) != (y < 0)) {
      r += y;
    }
    return r == 0 ? Math.copySign(0.0, y) : r;
  }

  static Number power(Number a, Number b) {
    if (isInt(a) && isInt(b) && b.longValue() >= 0) {
      if (b.longValue() > 100_000) {
        throw new TemplateFailure("OverflowError", "exponent too large: " + b);
      }
      return normalize(PythonOperators.big(a).pow(b.intValue()));
    }
    if (a.doubleValue() == 0 && b.doubleValue() < 0) {
      throw new TemplateFailure("ZeroDivisionError", "0.0 cannot be raised to a negative power");
    }
    return Math.pow(a.doubleValue(), b.doubleValue());
  }

  private static void requireNonZero(Number n, String message) {
    if (n.doubleValue() == 0) {
      throw new TemplateFailure("ZeroDivisionError", message);
    }
  }
}
