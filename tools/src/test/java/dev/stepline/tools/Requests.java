package dev.stepline.tools;

import dev.stepline.runtime.spi.ToolRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds tool requests for tests. */
public final class Requests {
  private Requests() {}

  public static ToolRequest local(
      String name, String type, Map<String, Object> spec, Map<String, Object> arguments) {
    return new ToolRequest(name, type, spec, null, arguments, null, false);
  }

  /** Builds a mapping from alternating keys and values, keeping order and allowing nulls. */
  public static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
