package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSONPath of the subset that Amazon States Language uses: {@code $} or {@code $$} followed by
 * {@code .field}, {@code ['field']}, {@code [n]}, {@code [*]} and {@code .*}.
 *
 * <p>A path without wildcards reads one value or nothing. A path with a wildcard reads an array of
 * every match, which may be empty. Only paths without wildcards may be written to (ResultPath).
 */
final class JsonPath {
  private sealed interface Segment permits Field, Index, Wildcard {}

  private record Field(String name) implements Segment {}

  private record Index(int index) implements Segment {}

  private record Wildcard() implements Segment {}

  private final String text;
  private final boolean context;
  private final List<Segment> segments;
  private final boolean definite;

  private JsonPath(String text, boolean context, List<Segment> segments) {
    this.text = text;
    this.context = context;
    this.segments = segments;
    this.definite = segments.stream().noneMatch(s -> s instanceof Wildcard);
  }

  /** Parses a path, or throws {@link IllegalArgumentException} naming what is wrong. */
  static JsonPath parse(String text) {
    if (text == null || !text.startsWith("$")) {
      throw new IllegalArgumentException("a path must start with $ (found '" + text + "')");
    }
    boolean context = text.startsWith("$$");
    int i = context ? 2 : 1;
    List<Segment> segments = new ArrayList<>();
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        i = parseDotSegment(text, i + 1, segments);
      } else if (c == '[') {
        i = parseBracketSegment(text, i + 1, segments);
      } else {
        throw new IllegalArgumentException(
            "unexpected '" + c + "' at position " + i + " of path '" + text + "'");
      }
    }
    return new JsonPath(text, context, List.copyOf(segments));
  }

  private static int parseDotSegment(String text, int start, List<Segment> segments) {
    if (start < text.length() && text.charAt(start) == '.') {
      throw new IllegalArgumentException(
          "deep scan '..' is not supported by the embedded engine (found '" + text + "')");
    }
    int end = start;
    while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
      end++;
    }
    String name = text.substring(start, end);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty field name in path '" + text + "'");
    }
    segments.add(name.equals("*") ? new Wildcard() : new Field(name));
    return end;
  }

  private static int parseBracketSegment(String text, int start, List<Segment> segments) {
    int close = text.indexOf(']', start);
    if (close < 0) {
      throw new IllegalArgumentException("missing ']' in path '" + text + "'");
    }
    char first = start < text.length() ? text.charAt(start) : ']';
    if (first == '\'' || first == '"') {
      int quoteEnd = text.indexOf(first, start + 1);
      if (quoteEnd < 0 || quoteEnd + 1 >= text.length() || text.charAt(quoteEnd + 1) != ']') {
        throw new IllegalArgumentException("unterminated quoted name in path '" + text + "'");
      }
      segments.add(new Field(text.substring(start + 1, quoteEnd)));
      return quoteEnd + 2;
    }
    String inside = text.substring(start, close).trim();
    if (inside.equals("*")) {
      segments.add(new Wildcard());
    } else {
      try {
        segments.add(new Index(Integer.parseInt(inside)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "unsupported selector ["
                + inside
                + "] in path '"
                + text
                + "'; use ['name'], [n] or [*]",
            e);
      }
    }
    return close + 1;
  }

  String text() {
    return text;
  }

  /** Returns whether the path reads the context object ({@code $$}). */
  boolean isContext() {
    return context;
  }

  /** Returns the feature name of a context path, such as {@code Context.Execution.Id}. */
  String contextFeature() {
    StringBuilder feature = new StringBuilder("Context");
    for (Segment segment : segments) {
      if (segment instanceof Field field) {
        feature.append('.').append(field.name());
      }
    }
    return feature.toString();
  }

  /** Returns whether the path selects at most one value (no wildcard). */
  boolean isDefinite() {
    return definite;
  }

  /**
   * Reads the path from {@code input}, or from {@code contextObject} for a {@code $$} path. Returns
   * {@code null} when a definite path matches nothing.
   */
  JsonNode read(JsonNode input, JsonNode contextObject) {
    JsonNode root = context ? contextObject : input;
    if (definite) {
      return readDefinite(root);
    }
    ArrayNode matches = JsonNodeFactory.instance.arrayNode();
    collect(root, 0, matches);
    return matches;
  }

  private JsonNode readDefinite(JsonNode root) {
    JsonNode node = root;
    for (Segment segment : segments) {
      if (node == null) {
        return null;
      }
      node = step(node, segment);
    }
    return node;
  }

  private static JsonNode step(JsonNode node, Segment segment) {
    if (segment instanceof Field field) {
      return node.isObject() ? node.get(field.name()) : null;
    }
    int index = ((Index) segment).index();
    if (!node.isArray()) {
      return null;
    }
    int position = index < 0 ? node.size() + index : index;
    return position >= 0 && position < node.size() ? node.get(position) : null;
  }

  private void collect(JsonNode node, int depth, ArrayNode matches) {
    if (node == null) {
      return;
    }
    if (depth == segments.size()) {
      matches.add(node);
      return;
    }
    Segment segment = segments.get(depth);
    if (segment instanceof Wildcard) {
      if (node.isContainerNode()) {
        for (JsonNode child : node) {
          collect(child, depth + 1, matches);
        }
      }
      return;
    }
    collect(step(node, segment), depth + 1, matches);
  }

  /** Checks that the path can be written to, as ResultPath requires. */
  void requireReference() {
    if (context || !definite) {
      throw new IllegalArgumentException(
          "a reference path may use only $, .field, ['field'] and [n] (found '" + text + "')");
    }
  }

  /**
   * Returns a copy of {@code input} with {@code value} placed at this path, creating missing
   * objects on the way. Nodes off the path are shared with {@code input}, not copied.
   *
   * @throws IllegalStateException when a node on the path is not an object or array that can hold
   *     the next segment
   */
  JsonNode write(JsonNode input, JsonNode value) {
    return write(input, 0, value);
  }

  private JsonNode write(JsonNode node, int depth, JsonNode value) {
    if (depth == segments.size()) {
      return value;
    }
    Segment segment = segments.get(depth);
    if (segment instanceof Field field) {
      if (node != null && !node.isObject()) {
        throw new IllegalStateException(
            "cannot set field '"
                + field.name()
                + "' of a "
                + node.getNodeType().name().toLowerCase());
      }
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      if (node != null) {
        copy.setAll((ObjectNode) node);
      }
      copy.set(field.name(), write(node == null ? null : node.get(field.name()), depth + 1, value));
      return copy;
    }
    int index = ((Index) segment).index();
    if (node == null || !node.isArray() || index < 0 || index >= node.size()) {
      throw new IllegalStateException("no array element [" + index + "] to set");
    }
    ArrayNode copy = ((ArrayNode) node).deepCopy();
    copy.set(index, write(node.get(index), depth + 1, value));
    return copy;
  }

  @Override
  public String toString() {
    return text;
  }
}
