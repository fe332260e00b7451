package dev.stepline.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.expr.Py;

/**
 * Converts between expression values and the JSON text the execution store keeps. Integers keep
 * their precision (JSON numbers without a fraction read as Python ints of any size).
 */
public final class JsonValues {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private JsonValues() {}

  /** Returns the JSON text of an expression value, as {@code json.dumps} would convert it. */
  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(Py.toJson(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Failed to write a value as JSON", e);
    }
  }

  /**
   * Returns the expression value of JSON text; {@code null} text reads as {@code None}.
   *
   * @throws IllegalArgumentException when the text is not JSON; the message does not quote it
   */
  public static Object fromJson(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Py.fromJson(MAPPER.readTree(json));
    } catch (StreamConstraintsException e) {
      throw new IllegalArgumentException(
          "invalid JSON: nested more than 1000 levels deep, or a number or string longer than the"
              + " reader accepts; send smaller JSON");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "invalid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    }
  }

  /** Returns the shared mapper, for callers that need to read or write JSON trees. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
