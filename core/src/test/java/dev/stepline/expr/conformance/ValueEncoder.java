package dev.stepline.expr.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyBytes;
import dev.stepline.expr.PyDate;
import dev.stepline.expr.PyDateTime;
import dev.stepline.expr.PyMatch;
import dev.stepline.expr.PySet;
import dev.stepline.expr.PyTimeDelta;
import dev.stepline.expr.PyTuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Describes a Stepline value as {@code oracle.py} describes a Python one: type and content. */
final class ValueEncoder {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ValueEncoder() {}

  static JsonNode encode(Object value) {
    ArrayNode node = JSON.arrayNode();
    String type = Py.typeName(value);
    if (value == null) {
      return node.add("None");
    }
    if (value instanceof Boolean b) {
      return node.add("bool").add(b);
    }
    if (Py.isInt(value)) {
      return node.add("int").add(Py.bigInt(value).toString());
    }
    if (Py.isFloat(value)) {
      return node.add("float").add(Py.repr(value));
    }
    if (value instanceof String text) {
      return node.add("str").add(text);
    }
    if (value instanceof PyBytes) {
      return node.add("bytes").add(Py.repr(value));
    }
    if (value instanceof List<?> list) {
      return node.add("list").add(items(list));
    }
    if (value instanceof PyTuple tuple) {
      return node.add("tuple").add(items(tuple.items()));
    }
    if (Py.isMapping(value)) {
      ArrayNode entries = JSON.arrayNode();
      for (Map.Entry<Object, Object> entry : Py.asMap(value).entrySet()) {
        entries.add(JSON.arrayNode().add(encode(entry.getKey())).add(encode(entry.getValue())));
      }
      return node.add("dict").add(entries);
    }
    if (value instanceof PySet set) {
      List<String> items = new ArrayList<>();
      for (Object item : set.values()) {
        try {
          items.add(MAPPER.writeValueAsString(encode(item)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
      Collections.sort(items);
      ArrayNode sorted = JSON.arrayNode();
      items.forEach(sorted::add);
      return node.add(type).add(sorted);
    }
    if (value instanceof PyDateTime
        || value instanceof PyDate
        || value instanceof PyTimeDelta
        || type.equals("timezone")) {
      return node.add(type).add(Py.repr(value));
    }
    if (value instanceof PyMatch) {
      return node.add("Match").add(Py.repr(value));
    }
    if (type.startsWith("dict_") && value instanceof Iterable<?> view) {
      List<Object> items = new ArrayList<>();
      view.forEach(items::add);
      return node.add(type).add(items(items));
    }
    if (value instanceof dev.stepline.expr.PyObject && type.contains("function")
        || type.equals("type")) {
      return node.add("callable");
    }
    return node.add(type.equals("_csv.reader") ? "reader" : type);
  }

  private static ArrayNode items(List<?> items) {
    ArrayNode array = JSON.arrayNode();
    for (Object item : items) {
      array.add(encode(item));
    }
    return array;
  }
}
