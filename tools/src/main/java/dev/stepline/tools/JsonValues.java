package dev.stepline.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between JSON text and the JSON-like values tools return: {@code null}, {@link Boolean},
 * {@link Long}, {@link Double}, {@link String}, {@link List} and {@link Map}.
 */
public final class JsonValues {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonValues() {}

  /** Parses JSON text; throws {@link IOException} when it is not JSON. */
  public static Object parse(byte[] json) throws IOException {
    return normalize(MAPPER.readValue(json, Object.class));
  }

  /** Parses JSON text, or returns {@code null} when the text is empty or not JSON. */
  public static Object parseOrNull(byte[] json) {
    if (json.length == 0) {
      return null;
    }
    try {
      return parse(json);
    } catch (IOException e) {
      return null;
    }
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Failed to write a value as JSON", e);
    }
  }

  /**
   * Converts Jackson's and JDBC's number types to {@link Long} or {@link Double}; integers that do
   * not fit a long stay {@link BigInteger}, because rounding them would change the value.
   */
  public static Object normalize(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (value instanceof BigDecimal decimal) {
      return normalizeDecimal(decimal);
    }
    if (value instanceof Float number) {
      return number.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), normalize(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(normalize(item)));
      return copy;
    }
    return value;
  }

  private static Object normalizeDecimal(BigDecimal decimal) {
    if (decimal.scale() <= 0) {
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException tooLarge) {
        return decimal.toBigIntegerExact();
      }
    }
    return decimal.doubleValue();
  }
}
