package dev.stepline.tools;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of the evaluated settings of one tool call. Invalid values raise a {@code ValueError}
 * that names the tool and the field and gives the type found, never the value, because settings
 * often come from secrets.
 */
public final class Fields {
  private final String toolName;
  private final Map<String, Object> values;

  public Fields(String toolName, Map<String, Object> values) {
    this.toolName = toolName;
    this.values = values;
  }

  /** Merges maps in order; a later map's non-null value replaces an earlier one. */
  @SafeVarargs
  public static Map<String, Object> merge(Map<String, Object>... layers) {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Map<String, Object> layer : layers) {
      if (layer == null) {
        continue;
      }
      layer.forEach(
          (key, value) -> {
            if (value != null) {
              merged.put(key, value);
            }
          });
    }
    return merged;
  }

  /**
   * Returns the connection settings under {@code section}, merged from the credential, the spec and
   * the arguments, where a later source wins. A credential map gives fields, and a credential
   * string is the password.
   */
  public static Fields section(ToolRequest request, String section) {
    Map<String, Object> credential = new LinkedHashMap<>();
    if (request.credential() instanceof Map<?, ?> map) {
      map.forEach((key, value) -> credential.put(String.valueOf(key), value));
    } else if (request.credential() instanceof String password) {
      credential.put("password", password);
    }
    Fields spec = new Fields(request.toolName(), request.spec());
    Fields arguments = new Fields(request.toolName(), request.arguments());
    return new Fields(
        request.toolName(), merge(credential, spec.map(section), arguments.map(section)));
  }

  public String toolName() {
    return toolName;
  }

  public boolean has(String key) {
    return values.get(key) != null;
  }

  public Object raw(String key) {
    return values.get(key);
  }

  /** Returns the first of {@code keys} that is set, as a string; numbers and booleans convert. */
  public String string(String... keys) {
    for (String key : keys) {
      Object value = values.get(key);
      if (value == null) {
        continue;
      }
      if (value instanceof String text) {
        return text;
      }
      if (value instanceof Number || value instanceof Boolean) {
        return String.valueOf(value);
      }
      throw wrongType(key, "a string", value);
    }
    return null;
  }

  public String requiredString(String... keys) {
    String value = string(keys);
    if (value == null || value.isEmpty()) {
      throw ToolErrors.invalid(
          toolName, "'" + keys[0] + "' is missing; set it in the tool or the arguments");
    }
    return value;
  }

  /** Reads an integer; strings of digits convert, because secrets hold ports as strings. */
  public Long integer(String key) {
    Object value = values.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
      return ((Number) value).longValue();
    }
    if (value instanceof String text && text.trim().matches("-?\\d{1,18}")) {
      return Long.parseLong(text.trim());
    }
    throw wrongType(key, "an integer", value);
  }

  /** Reads a number of seconds, integer or fractional, as a duration. */
  public Duration seconds(String key) {
    Object value = values.get(key);
    if (value == null) {
      return null;
    }
    double seconds;
    if (value instanceof Number number) {
      seconds = number.doubleValue();
    } else if (value instanceof String text && text.trim().matches("\\d+(\\.\\d+)?")) {
      seconds = Double.parseDouble(text.trim());
    } else {
      throw wrongType(key, "a number of seconds", value);
    }
    if (seconds <= 0) {
      throw ToolErrors.invalid(toolName, "'" + key + "' must be a positive number of seconds");
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  /** Reads a boolean; the strings {@code true} and {@code false} convert. */
  public Boolean bool(String key) {
    Object value = values.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    if (value instanceof String text
        && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(text);
    }
    throw wrongType(key, "true or false", value);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Collections.emptyMap();
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw wrongType(key, "a mapping", value);
  }

  /** Reads a list of strings; a single string is split at commas. */
  public List<String> stringList(String key) {
    Object value = values.get(key);
    List<String> items = new ArrayList<>();
    if (value == null) {
      return items;
    }
    if (value instanceof String text) {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          items.add(part.trim());
        }
      }
      return items;
    }
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (!(item instanceof String text)) {
          throw wrongType(key, "a list of strings", item);
        }
        items.add(text.trim());
      }
      return items;
    }
    throw wrongType(key, "a string or a list of strings", value);
  }

  private ToolException wrongType(String key, String expected, Object found) {
    return ToolErrors.invalid(
        toolName, "'" + key + "' must be " + expected + " (found " + pythonType(found) + ")");
  }

  /** Names a value's type as Python does, so messages use the task language's words. */
  public static String pythonType(Object value) {
    if (value == null) {
      return "None";
    } else if (value instanceof String) {
      return "str";
    } else if (value instanceof Boolean) {
      return "bool";
    } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return "float";
    } else if (value instanceof Number) {
      return "int";
    } else if (value instanceof List) {
      return "list";
    } else if (value instanceof Map) {
      return "dict";
    }
    return value.getClass().getSimpleName();
  }
}
