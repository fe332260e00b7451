package dev.stepline.template;

import java.util.List;
import java.util.Map;

/** Jinja2's attribute paths in filter arguments: {@code "user.name"} or {@code "items.0"}. */
final class Attributes {
  private Attributes() {}

  static Object get(Object item, Object attribute) {
    if (!(attribute instanceof String)) {
      return step(item, attribute);
    }
    Object current = item;
    for (String part : ((String) attribute).split("\\.")) {
      Object key = part.matches("\\d+") ? (Object) Long.parseLong(part) : part;
      current = step(current, key);
      if (current instanceof Undefined) {
        return current;
      }
    }
    return current;
  }

  private static Object step(Object item, Object key) {
    if (item instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) item;
      if (map.containsKey(key)) {
        return map.get(key);
      }
      if (key instanceof Long && map.containsKey(key.toString())) {
        return map.get(key.toString());
      }
      return Undefined.attribute(item, key);
    }
    if (item instanceof List && key instanceof Long) {
      List<?> list = (List<?>) item;
      long index = (Long) key;
      return index < list.size() ? list.get((int) index) : Undefined.attribute(item, key);
    }
    return Undefined.attribute(item, key);
  }
}
