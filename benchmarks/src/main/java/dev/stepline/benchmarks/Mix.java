package dev.stepline.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.expr.Py;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark mix read from a JSON resource: the source texts listed under one key, and the {@code
 * context} object whose fields become the names in scope.
 */
record Mix(List<String> sources, JsonNode context) {

  /** Reads {@code resource} from the class path and takes the source texts under {@code key}. */
  static Mix load(String resource, String key) throws IOException {
    try (InputStream mix = Mix.class.getResourceAsStream(resource)) {
      JsonNode root = new ObjectMapper().readTree(mix);
      List<String> sources = new ArrayList<>();
      root.get(key).forEach(node -> sources.add(node.textValue()));
      return new Mix(sources, root.get("context"));
    }
  }

  /**
   * Builds the names afresh, as each step does, so that one evaluation or rendering cannot change
   * the names the next one reads.
   */
  Map<String, Object> names() {
    Map<String, Object> names = new HashMap<>();
    context
        .fields()
        .forEachRemaining(field -> names.put(field.getKey(), Py.fromJson(field.getValue())));
    return names;
  }
}
