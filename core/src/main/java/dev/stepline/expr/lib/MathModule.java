package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.function.DoubleUnaryOperator;

/** The {@code math} module: Julep's functions and constants, with Python's domain errors. */
final class MathModule {
  private MathModule() {}

  static PyModule module() {
    PyModule math = new PyModule("math");
    unary(math, "sqrt", x -> x < 0 ? domain() : Math.sqrt(x));
    unary(math, "exp", Math::exp);
    unary(math, "sin", trig(Math::sin));
    unary(math, "cos", trig(Math::cos));
    unary(math, "tan", trig(Math::tan));
    unary(math, "asin", x -> Math.abs(x) > 1 ? domain() : Math.asin(x));
    unary(math, "acos", x -> Math.abs(x) > 1 ? domain() : Math.acos(x));
    unary(math, "atan", Math::atan);
    unary(math, "log10", x -> x <= 0 ? domain() : Math.log10(x));
    unary(math, "log2", x -> x <= 0 ? domain() : log2(x));
    unary(math, "fabs", Math::abs);
    unary(math, "degrees", Math::toDegrees);
    unary(math, "radians", Math::toRadians);
    math.function(
        "log",
        a -> {
          a.expect(1, 2);
          double x = logOf(a.get(0));
          if (a.size() == 1) {
            return x;
          }
          double base = logOf(a.get(1));
          if (base == 0) {
            throw new ExpressionException("ZeroDivisionError", "float division by zero");
          }
          return x / base;
        });
    math.function(
        "pow",
        a -> {
          a.expect(2, 2);
          double x = a.number(0);
          double y = a.number(1);
          if (x == 0 && y < 0 || x < 0 && y != Math.rint(y) && !Double.isInfinite(y)) {
            return domain();
          }
          return checkRange(Math.pow(x, y), x, y);
        });
    math.function("atan2", a -> Math.atan2(a.expect(2, 2).number(0), a.number(1)));
    math.function(
        "hypot",
        a -> {
          double sum = 0;
          for (int i = 0; i < a.size(); i++) {
            sum = Math.hypot(sum, a.number(i));
          }
          return sum;
        });
    math.function("ceil", a -> rounding(a.expect(1, 1).get(0), RoundingMode.CEILING));
    math.function("floor", a -> rounding(a.expect(1, 1).get(0), RoundingMode.FLOOR));
    math.function("trunc", a -> rounding(a.expect(1, 1).get(0), RoundingMode.DOWN));
    math.function("isinf", a -> Double.isInfinite(a.expect(1, 1).number(0)));
    math.function("isnan", a -> Double.isNaN(a.expect(1, 1).number(0)));
    math.function("isfinite", a -> Double.isFinite(a.expect(1, 1).number(0)));
    math.function(
        "isclose",
        a -> {
          a.expect(2, 2, "rel_tol", "abs_tol");
          double x = a.number(0);
          double y = a.number(1);
          double rel = Py.toDouble(a.keywords.getOrDefault("rel_tol", 1e-9));
          double abs = Py.toDouble(a.keywords.getOrDefault("abs_tol", 0.0));
          if (x == y) {
            return true;
          }
          if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return false;
          }
          double diff = Math.abs(y - x);
          return diff <= Math.abs(rel * y) || diff <= Math.abs(rel * x) || diff <= abs;
        });
    math.function(
        "factorial",
        a -> {
          Object value = a.expect(1, 1).get(0);
          if (!Py.isInt(value)) {
            throw new ExpressionException(
                "TypeError",
                "'" + Py.typeName(value) + "' object cannot be interpreted as an integer");
          }
          long n = Py.smallInt(value);
          if (n < 0) {
            throw new ExpressionException(
                "ValueError", "factorial() not defined for negative values");
          }
          if (n > 5000) {
            throw new ExpressionException("NumberTooHigh", "factorial() argument is too large");
          }
          BigInteger result = BigInteger.ONE;
          for (long i = 2; i <= n; i++) {
            result = result.multiply(BigInteger.valueOf(i));
          }
          return Py.normalize(result);
        });
    math.function(
        "gcd",
        a -> {
          BigInteger result = BigInteger.ZERO;
          for (Object value : a.positional) {
            if (!Py.isInt(value)) {
              throw new ExpressionException(
                  "TypeError",
                  "'" + Py.typeName(value) + "' object cannot be interpreted as an integer");
            }
            result = result.gcd(Py.bigInt(value));
          }
          return Py.normalize(result);
        });
    math.constant("pi", Math.PI).constant("e", Math.E).constant("tau", 2 * Math.PI);
    math.constant("inf", Double.POSITIVE_INFINITY).constant("nan", Double.NaN);
    return math;
  }

  private static DoubleUnaryOperator trig(DoubleUnaryOperator function) {
    return x -> Double.isInfinite(x) ? domain() : function.applyAsDouble(x);
  }

  private static void unary(PyModule module, String name, DoubleUnaryOperator function) {
    module.function(
        name,
        a -> {
          double x = a.expect(1, 1).number(0);
          return checkRange(function.applyAsDouble(x), x, x);
        });
  }

  private static double checkRange(double result, double x, double y) {
    if (Double.isInfinite(result) && Double.isFinite(x) && Double.isFinite(y)) {
      throw new ExpressionException("OverflowError", "math range error");
    }
    if (Double.isNaN(result) && !Double.isNaN(x) && !Double.isNaN(y)) {
      return domain();
    }
    return result;
  }

  private static double domain() {
    throw new ExpressionException("ValueError", "math domain error");
  }

  private static double log2(double x) {
    int exponent = Math.getExponent(x);
    if (x == Math.scalb(1.0, exponent)) {
      return exponent;
    }
    // Split off the binary exponent, so the rounding error of the division stays in the fraction.
    double mantissa = x / Math.scalb(1.0, exponent);
    return exponent + Math.log(mantissa) / Math.log(2);
  }

  /** Returns the natural log of an int or float; big ints are handled past double range. */
  private static double logOf(Object value) {
    if (!Py.isNumber(value)) {
      throw new ExpressionException("TypeError", "must be real number, not " + Py.typeName(value));
    }
    if (Py.isInt(value)) {
      BigInteger n = Py.bigInt(value);
      if (n.signum() <= 0) {
        return domain();
      }
      int shift = Math.max(0, n.bitLength() - 1000);
      return Math.log(n.shiftRight(shift).doubleValue()) + shift * Math.log(2);
    }
    double x = Py.toDouble(value);
    if (x <= 0) {
      return domain();
    }
    return Math.log(x);
  }

  private static Object rounding(Object value, RoundingMode mode) {
    if (Py.isInt(value)) {
      return Py.normalize(Py.bigInt(value));
    }
    if (!Py.isFloat(value)) {
      throw new ExpressionException("TypeError", "must be real number, not " + Py.typeName(value));
    }
    double d = Py.toDouble(value);
    if (Double.isInfinite(d)) {
      throw new ExpressionException("OverflowError", "cannot convert float infinity to integer");
    }
    if (Double.isNaN(d)) {
      throw new ExpressionException("ValueError", "cannot convert float NaN to integer");
    }
    return Py.normalize(new BigDecimal(d).setScale(0, mode).toBigInteger());
  }
}
