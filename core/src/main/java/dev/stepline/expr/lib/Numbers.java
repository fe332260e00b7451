package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.lib.Ops.Binary;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's int and float arithmetic: ints never overflow, {@code //} floors, {@code %} follows the
 * divisor.
 */
final class Numbers {
  private Numbers() {}

  static Object arithmetic(Binary op, Object a, Object b) {
    if (Py.isInt(a) && Py.isInt(b)) {
      return integers(op, a, b);
    }
    if (op == Binary.LSHIFT
        || op == Binary.RSHIFT
        || op == Binary.AND
        || op == Binary.OR
        || op == Binary.XOR
        || op == Binary.MATMUL) {
      throw Ops.unsupported(op, a, b);
    }
    if (op == Binary.POW) {
      checkPower(a, b);
    }
    return floats(op, Py.toDouble(a), Py.toDouble(b));
  }

  private static Object integers(Binary op, Object a, Object b) {
    if (a instanceof Boolean x && b instanceof Boolean y) {
      switch (op) {
        case AND:
          return x & y;
        case OR:
          return x | y;
        case XOR:
          return x ^ y;
        default:
          break;
      }
    }
    if (Py.isSmallInt(a) && Py.isSmallInt(b)) {
      Object result = smallIntegers(op, Py.smallInt(a), Py.smallInt(b));
      if (result != null) {
        return result;
      }
    }
    return bigIntegers(op, Py.bigInt(a), Py.bigInt(b));
  }

  private static Object smallIntegers(Binary op, long x, long y) {
    try {
      switch (op) {
        case ADD:
          return Math.addExact(x, y);
        case SUB:
          return Math.subtractExact(x, y);
        case MUL:
          return Math.multiplyExact(x, y);
        case FLOORDIV:
          checkIntDivisor(y);
          return x == Long.MIN_VALUE && y == -1 ? null : Math.floorDiv(x, y);
        case MOD:
          checkIntDivisor(y);
          return y == -1 ? 0L : Math.floorMod(x, y);
        case DIV:
          return trueDivide(BigInteger.valueOf(x), BigInteger.valueOf(y));
        case AND:
          return x & y;
        case OR:
          return x | y;
        case XOR:
          return x ^ y;
        case RSHIFT:
          if (y < 0) {
            throw new ExpressionException("ValueError", "negative shift count");
          }
          return y >= 64 ? (x < 0 ? -1L : 0L) : x >> y;
        default:
          return null;
      }
    } catch (ArithmeticException overflow) {
      return null;
    }
  }

  private static Object bigIntegers(Binary op, BigInteger x, BigInteger y) {
    switch (op) {
      case ADD:
        return Py.normalize(x.add(y));
      case SUB:
        return Py.normalize(x.subtract(y));
      case MUL:
        checkBits((long) x.bitLength() + y.bitLength());
        return Py.normalize(x.multiply(y));
      case FLOORDIV:
        checkIntDivisor(y.signum());
        return Py.normalize(floorDivide(x, y));
      case MOD:
        checkIntDivisor(y.signum());
        return Py.normalize(x.subtract(floorDivide(x, y).multiply(y)));
      case DIV:
        return trueDivide(x, y);
      case POW:
        return power(x, y);
      case LSHIFT:
        return shiftLeft(x, y);
      case RSHIFT:
        if (y.signum() < 0) {
          throw new ExpressionException("ValueError", "negative shift count");
        }
        return Py.normalize(
            y.bitLength() > 31
                ? BigInteger.valueOf(x.signum() < 0 ? -1 : 0)
                : x.shiftRight(y.intValue()));
      case AND:
        return Py.normalize(x.and(y));
      case OR:
        return Py.normalize(x.or(y));
      case XOR:
        return Py.normalize(x.xor(y));
      default:
        throw Ops.unsupported(op, x, y);
    }
  }

  private static BigInteger floorDivide(BigInteger x, BigInteger y) {
    BigInteger[] qr = x.divideAndRemainder(y);
    if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
      return qr[0].subtract(BigInteger.ONE);
    }
    return qr[0];
  }

  private static void checkIntDivisor(long divisor) {
    if (divisor == 0) {
      throw new ExpressionException("ZeroDivisionError", "integer division or modulo by zero");
    }
  }

  private static void checkBits(long bits) {
    if (bits > 1_000_000) {
      throw new ExpressionException(
          "NumberTooHigh", "result would have more than 1,000,000 bits; use smaller numbers");
    }
  }

  private static Object shiftLeft(BigInteger x, BigInteger y) {
    if (y.signum() < 0) {
      throw new ExpressionException("ValueError", "negative shift count");
    }
    if (x.signum() == 0) {
      return 0L;
    }
    checkBits(x.bitLength() + y.min(BigInteger.valueOf(10_000_000)).longValue());
    return Py.normalize(x.shiftLeft(y.intValue()));
  }

  private static double trueDivide(BigInteger x, BigInteger y) {
    if (y.signum() == 0) {
      throw new ExpressionException("ZeroDivisionError", "division by zero");
    }
    if (x.bitLength() <= 53 && y.bitLength() <= 53) {
      return x.doubleValue() / y.doubleValue();
    }
    BigDecimal quotient =
        new BigDecimal(x).divide(new BigDecimal(y), new MathContext(40, RoundingMode.HALF_EVEN));
    double result = quotient.doubleValue();
    if (Double.isInfinite(result)) {
      throw new ExpressionException(
          "OverflowError", "integer division result too large for a float");
    }
    return result;
  }

  private static Object power(BigInteger x, BigInteger y) {
    checkPower(x, y);
    if (y.signum() < 0) {
      if (x.signum() == 0) {
        throw new ExpressionException(
            "ZeroDivisionError", "0.0 cannot be raised to a negative power");
      }
      return floatPower(x.doubleValue(), y.doubleValue());
    }
    int exponent = y.intValue();
    if (x.abs().compareTo(BigInteger.ONE) > 0) {
      checkBits((long) x.abs().bitLength() * exponent);
    }
    return Py.normalize(x.pow(exponent));
  }

  static void checkPower(Object a, Object b) {
    if (tooHigh(a) || tooHigh(b)) {
      throw new ExpressionException(
          "NumberTooHigh", "Sorry! I don't want to evaluate " + Py.repr(a) + " ** " + Py.repr(b));
    }
  }

  private static boolean tooHigh(Object value) {
    if (Py.isInt(value)) {
      return Py.bigInt(value).abs().compareTo(BigInteger.valueOf(Limits.MAX_POWER)) > 0;
    }
    return Math.abs(Py.toDouble(value)) > Limits.MAX_POWER;
  }

  // ---- floats

  private static Object floats(Binary op, double x, double y) {
    switch (op) {
      case ADD:
        return x + y;
      case SUB:
        return x - y;
      case MUL:
        return x * y;
      case DIV:
        if (y == 0) {
          throw new ExpressionException("ZeroDivisionError", "float division by zero");
        }
        return x / y;
      case FLOORDIV:
        if (y == 0) {
          throw new ExpressionException("ZeroDivisionError", "float floor division by zero");
        }
        return floorDivide(x, y);
      case MOD:
        if (y == 0) {
          throw new ExpressionException("ZeroDivisionError", "float modulo");
        }
        return modulo(x, y);
      case POW:
        return floatPower(x, y);
      default:
        throw Ops.unsupported(op, x, y);
    }
  }

  static double modulo(double x, double y) {
    double mod = x % y;
    if (mod != 0) {
      if ((y < 0) != (mod < 0)) {
        mod += y;
      }
    } else {
      mod = Math.copySign(0.0, y);
    }
    return mod;
  }

  static double floorDivide(double x, double y) {
    double mod = x % y;
    double div = (x - mod) / y;
    if (mod != 0 && (y < 0) != (mod < 0)) {
      div -= 1.0;
    }
    if (div == 0) {
      return Math.copySign(0.0, x / y);
    }
    double floor = Math.floor(div);
    if (div - floor > 0.5) {
      floor += 1.0;
    }
    return floor;
  }

  static double floatPower(double x, double y) {
    if (x == 0 && y < 0) {
      throw new ExpressionException(
          "ZeroDivisionError", "0.0 cannot be raised to a negative power");
    }
    if (x < 0 && y != Math.rint(y) && !Double.isInfinite(y)) {
      throw new ExpressionException(
          "ValueError",
          "negative number cannot be raised to a fractional power (the result would be complex)");
    }
    double result = Math.pow(x, y);
    if (Double.isInfinite(result) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
      throw new ExpressionException("OverflowError", "(34, 'Numerical result out of range')");
    }
    return result;
  }
}
