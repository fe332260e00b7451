package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code statistics} module. Sums are exact, as Python's are, and a mean of ints that is a
 * whole number stays an int.
 */
final class StatisticsModule {
  private StatisticsModule() {}

  private static final MathContext PRECISION = new MathContext(60);

  static PyModule module() {
    return new PyModule("statistics")
        .function("mean", a -> mean(data(a, "mean", 1)))
        .function("median", a -> median(data(a, "median", 1), 0))
        .function("median_low", a -> median(data(a, "median_low", 1), -1))
        .function("median_high", a -> median(data(a, "median_high", 1), 1))
        .function("mode", a -> mode(data(a, "mode", 1)))
        .function("stdev", a -> stdev(data(a, "stdev", 2)))
        .function("geometric_mean", a -> geometricMean(data(a, "geometric_mean", 1)))
        .function("quantiles", StatisticsModule::quantiles);
  }

  private static List<Object> data(Args a, String name, int minimum) {
    a.expect(1, 1, "xbar", "n", "method");
    List<Object> data = Iteration.toList(a.get(0));
    if (data.size() < minimum) {
      String what = minimum == 1 ? "at least one data point" : "at least two data points";
      throw new ExpressionException(
          "StatisticsError",
          (name.equals("median_low") || name.equals("median_high") || name.equals("median")
              ? "no median for empty data"
              : name.equals("mode") ? "no mode for empty data" : name + " requires " + what));
    }
    return data;
  }

  private static BigDecimal exact(Object value) {
    if (Py.isInt(value)) {
      return new BigDecimal(Py.bigInt(value));
    }
    if (Py.isFloat(value)) {
      double d = Py.toDouble(value);
      if (!Double.isFinite(d)) {
        throw new ExpressionException("ValueError", "non-finite value in statistics data");
      }
      return new BigDecimal(d);
    }
    throw new ExpressionException(
        "TypeError", "can't convert type '" + Py.typeName(value) + "' to numerator/denominator");
  }

  private static boolean allInts(List<Object> data) {
    return data.stream().allMatch(Py::isInt);
  }

  static Object mean(List<Object> data) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Object value : data) {
      sum = sum.add(exact(value));
    }
    BigDecimal n = BigDecimal.valueOf(data.size());
    if (allInts(data)) {
      BigInteger[] qr = sum.toBigInteger().divideAndRemainder(BigInteger.valueOf(data.size()));
      if (qr[1].signum() == 0) {
        return Py.normalize(qr[0]);
      }
    }
    return sum.divide(n, PRECISION).doubleValue();
  }

  private static Object median(List<Object> data, int which) {
    List<Object> sorted = Builtins.sortedList(data, null, false);
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    if (which < 0) {
      return sorted.get(n / 2 - 1);
    }
    if (which > 0) {
      return sorted.get(n / 2);
    }
    Object sum = Ops.binary(Ops.Binary.ADD, sorted.get(n / 2 - 1), sorted.get(n / 2));
    return Ops.binary(Ops.Binary.DIV, sum, 2L);
  }

  private static Object mode(List<Object> data) {
    Map<Object, Integer> counts = new LinkedHashMap<>();
    Map<Object, Object> firstValue = new LinkedHashMap<>();
    for (Object value : data) {
      Object key = Py.hashKey(value);
      counts.merge(key, 1, Integer::sum);
      firstValue.putIfAbsent(key, value);
    }
    Object best = null;
    int bestCount = 0;
    for (Map.Entry<Object, Integer> entry : counts.entrySet()) {
      if (entry.getValue() > bestCount) {
        best = firstValue.get(entry.getKey());
        bestCount = entry.getValue();
      }
    }
    return best;
  }

  private static double stdev(List<Object> data) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Object value : data) {
      sum = sum.add(exact(value));
    }
    BigDecimal mean = sum.divide(BigDecimal.valueOf(data.size()), PRECISION);
    BigDecimal squares = BigDecimal.ZERO;
    for (Object value : data) {
      BigDecimal diff = exact(value).subtract(mean);
      squares = squares.add(diff.multiply(diff));
    }
    BigDecimal variance = squares.divide(BigDecimal.valueOf(data.size() - 1L), PRECISION);
    return variance.sqrt(PRECISION).doubleValue();
  }

  private static double geometricMean(List<Object> data) {
    double logs = 0;
    for (Object value : data) {
      double x = exact(value).doubleValue();
      if (x <= 0) {
        throw new ExpressionException(
            "StatisticsError",
            "geometric mean requires a non-empty dataset containing positive numbers");
      }
      logs += Math.log(x);
    }
    return Math.exp(logs / data.size());
  }

  private static Object quantiles(Args a) {
    a.expect(1, 1, "n", "method");
    long n = a.integer(-1, "n", 4);
    String method = a.string(-1, "method", "exclusive");
    if (n < 1) {
      throw new ExpressionException("StatisticsError", "n must be at least 1");
    }
    List<Object> data = Builtins.sortedList(Iteration.toList(a.get(0)), null, false);
    int m = data.size();
    if (m < 2) {
      throw new ExpressionException("StatisticsError", "must have at least two data points");
    }
    List<Object> result = new ArrayList<>();
    if (method.equals("inclusive")) {
      long spread = m - 1;
      for (long i = 1; i < n; i++) {
        long j = i * spread / n;
        long delta = i * spread - j * n;
        result.add(
            interpolate(data.get((int) j), data.get((int) Math.min(j + 1, m - 1)), delta, n));
      }
      return result;
    }
    long spread = m + 1;
    for (long i = 1; i < n; i++) {
      long j = i * spread / n;
      j = Math.max(1, Math.min(j, m - 1));
      long delta = i * spread - j * n;
      result.add(interpolate(data.get((int) j - 1), data.get((int) j), delta, n));
    }
    return result;
  }

  private static double interpolate(Object low, Object high, long delta, long n) {
    BigDecimal x = exact(low);
    BigDecimal y = exact(high);
    BigDecimal value =
        x.multiply(BigDecimal.valueOf(n - delta))
            .add(y.multiply(BigDecimal.valueOf(delta)))
            .divide(BigDecimal.valueOf(n), PRECISION);
    return value.doubleValue();
  }
}
