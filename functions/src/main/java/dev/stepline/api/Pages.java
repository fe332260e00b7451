package dev.stepline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.runtime.JsonValues;
import java.util.List;

/** Julep's offset pagination: {@code ?offset=&limit=} in, {@code {"items": [...]}} out. */
final class Pages {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private Pages() {}

  /**
   * Returns the page of {@code items} selected by the request's offset and limit, wrapped in {@code
   * {"items"}}.
   */
  static ObjectNode page(ApiRequest request, List<? extends JsonNode> items) {
    ObjectNode page = JsonValues.mapper().createObjectNode();
    page.set("items", slice(request, items));
    return page;
  }

  /** Returns the page of {@code items} selected by the request's offset and limit, as an array. */
  static ArrayNode slice(ApiRequest request, List<? extends JsonNode> items) {
    int offset = number(request, "offset", 0, Integer.MAX_VALUE, 0);
    int limit = number(request, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    ArrayNode array = JsonValues.mapper().createArrayNode();
    items.stream().skip(offset).limit(limit).forEach(array::add);
    return array;
  }

  private static int number(ApiRequest request, String name, int min, int max, int fallback) {
    String text = request.query().get(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the allowed range.
    }
    throw ApiException.badRequest(
        "invalid_query",
        "`"
            + name
            + "` must be a whole number from "
            + min
            + " to "
            + max
            + " (found "
            + text
            + ")");
  }
}
