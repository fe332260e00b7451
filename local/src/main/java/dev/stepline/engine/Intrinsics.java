package dev.stepline.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The intrinsic functions of Amazon States Language ({@code States.Format(...)} and the others),
 * parsed once when a definition is registered and evaluated for each state.
 *
 * <p>Inside a string literal, {@code \'}, {@code \{}, {@code \}} and {@code \\} stand for the
 * character after the backslash. In the template of {@code States.Format}, an escaped brace is a
 * literal brace, never part of a {@code {}} placeholder.
 */
final class Intrinsics {
  /** Every function name the engine implements. */
  static final Set<String> FUNCTIONS =
      Set.of(
          "States.Format",
          "States.StringToJson",
          "States.JsonToString",
          "States.Array",
          "States.ArrayPartition",
          "States.ArrayContains",
          "States.ArrayRange",
          "States.ArrayGetItem",
          "States.ArrayLength",
          "States.ArrayUnique",
          "States.Base64Encode",
          "States.Base64Decode",
          "States.Hash",
          "States.JsonMerge",
          "States.MathRandom",
          "States.MathAdd",
          "States.StringSplit",
          "States.UUID");

  private static final int MAX_STRING_LENGTH = 10_000;
  private static final int MAX_RANGE_SIZE = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Intrinsics() {}

  /** An argument of an intrinsic function: a literal, a path or a nested call. */
  sealed interface Argument permits Literal, PathArgument, Call {
    JsonNode evaluate(JsonNode input, JsonNode context);
  }

  /** A literal; {@code raw} keeps the escapes of a string literal for States.Format. */
  record Literal(JsonNode value, String raw) implements Argument {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context) {
      return value;
    }
  }

  record PathArgument(JsonPath path) implements Argument {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context) {
      JsonNode value = path.read(input, context);
      if (value == null) {
        throw StateFailure.runtime(
            "The JSONPath '" + path.text() + "' in an intrinsic function matched nothing");
      }
      return value;
    }
  }

  /** A call of an intrinsic function. */
  record Call(String name, List<Argument> arguments, String text) implements Argument {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context) {
      List<JsonNode> values = new ArrayList<>(arguments.size());
      for (Argument argument : arguments) {
        values.add(argument.evaluate(input, context));
      }
      try {
        return apply(this, values);
      } catch (IllegalArgumentException e) {
        throw StateFailure.runtime("The intrinsic function " + text + " failed: " + e.getMessage());
      }
    }
  }

  /** Parses {@code text}, a call such as {@code States.Array($.a, 'b')}. */
  static Call parse(String text) {
    Parser parser = new Parser(text);
    Call call = parser.call();
    parser.skipSpaces();
    if (!parser.atEnd()) {
      throw parser.error("unexpected text after the closing parenthesis");
    }
    return call;
  }

  /**
   * Collects the features used in {@code argument}: function names and {@code Context.<field>} for
   * each context object path.
   */
  static void collectFeatures(Argument argument, Set<String> features) {
    if (argument instanceof Call call) {
      features.add(call.name());
      call.arguments().forEach(a -> collectFeatures(a, features));
    } else if (argument instanceof PathArgument path && path.path().isContext()) {
      features.add(path.path().contextFeature());
    }
  }

  private static final class Parser {
    private final String text;
    private int position;

    Parser(String text) {
      this.text = text;
    }

    Call call() {
      skipSpaces();
      int start = position;
      while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '.')) {
        position++;
      }
      String name = text.substring(start, position);
      if (!FUNCTIONS.contains(name)) {
        throw error("unknown intrinsic function '" + name + "'");
      }
      skipSpaces();
      expect('(');
      List<Argument> arguments = new ArrayList<>();
      skipSpaces();
      if (!atEnd() && peek() == ')') {
        position++;
        return new Call(name, List.copyOf(arguments), text.substring(start, position));
      }
      while (true) {
        arguments.add(argument());
        skipSpaces();
        if (atEnd()) {
          throw error("missing ')'");
        }
        char c = text.charAt(position++);
        if (c == ')') {
          return new Call(name, List.copyOf(arguments), text.substring(start, position));
        }
        if (c != ',') {
          throw error("expected ',' or ')' but found '" + c + "'");
        }
      }
    }

    private Argument argument() {
      skipSpaces();
      if (atEnd()) {
        throw error("missing argument");
      }
      char c = peek();
      if (c == '\'') {
        return stringLiteral();
      }
      if (c == '$') {
        return new PathArgument(JsonPath.parse(pathText()));
      }
      if (text.startsWith("States.", position)) {
        return call();
      }
      return scalarLiteral();
    }

    private Literal stringLiteral() {
      int start = ++position;
      StringBuilder value = new StringBuilder();
      while (!atEnd() && peek() != '\'') {
        char c = text.charAt(position++);
        if (c == '\\') {
          if (atEnd()) {
            throw error("a string literal ends with a lone backslash");
          }
          c = text.charAt(position++);
        }
        value.append(c);
      }
      if (atEnd()) {
        throw error("unterminated string literal");
      }
      String raw = text.substring(start, position);
      position++;
      return new Literal(NODES.textNode(value.toString()), raw);
    }

    private String pathText() {
      int start = position;
      int brackets = 0;
      char quote = 0;
      while (!atEnd()) {
        char c = peek();
        if (quote != 0) {
          quote = c == quote ? 0 : quote;
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '[') {
          brackets++;
        } else if (c == ']') {
          brackets--;
        } else if (brackets == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
          break;
        }
        position++;
      }
      return text.substring(start, position);
    }

    private Literal scalarLiteral() {
      int start = position;
      while (!atEnd() && peek() != ',' && peek() != ')' && !Character.isWhitespace(peek())) {
        position++;
      }
      String token = text.substring(start, position);
      try {
        JsonNode value = JSON.readTree(token);
        if (value == null || value.isContainerNode()) {
          throw error("invalid argument '" + token + "'");
        }
        return new Literal(value, token);
      } catch (JsonProcessingException e) {
        throw error("invalid argument '" + token + "'");
      }
    }

    void skipSpaces() {
      while (!atEnd() && Character.isWhitespace(peek())) {
        position++;
      }
    }

    private void expect(char c) {
      if (atEnd() || peek() != c) {
        throw error("expected '" + c + "'");
      }
      position++;
    }

    boolean atEnd() {
      return position >= text.length();
    }

    private char peek() {
      return text.charAt(position);
    }

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException(
          message + " at position " + position + " of '" + text + "'");
    }
  }

  private static JsonNode apply(Call call, List<JsonNode> args) {
    return switch (call.name()) {
      case "States.Format" -> format(call, args);
      case "States.StringToJson" -> stringToJson(args);
      case "States.JsonToString" -> NODES.textNode(toJson(exactly(args, 1).get(0)));
      case "States.Array" -> NODES.arrayNode().addAll(args);
      case "States.ArrayPartition" -> arrayPartition(args);
      case "States.ArrayContains" -> arrayContains(args);
      case "States.ArrayRange" -> arrayRange(args);
      case "States.ArrayGetItem" -> arrayGetItem(args);
      case "States.ArrayLength" -> NODES.numberNode(array(exactly(args, 1), 0).size());
      case "States.ArrayUnique" -> arrayUnique(args);
      case "States.Base64Encode" -> base64Encode(args);
      case "States.Base64Decode" -> base64Decode(args);
      case "States.Hash" -> hash(args);
      case "States.JsonMerge" -> jsonMerge(args);
      case "States.MathRandom" -> mathRandom(args);
      case "States.MathAdd" -> mathAdd(args);
      case "States.StringSplit" -> stringSplit(args);
      case "States.UUID" -> uuid(args);
      default -> throw new IllegalArgumentException("unknown function " + call.name());
    };
  }

  private static JsonNode format(Call call, List<JsonNode> args) {
    if (args.isEmpty() || !args.get(0).isTextual()) {
      throw new IllegalArgumentException("the first argument must be a template string");
    }
    String template =
        call.arguments().get(0) instanceof Literal literal ? literal.raw() : args.get(0).asText();
    StringBuilder out = new StringBuilder();
    int next = 1;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '\\' && i + 1 < template.length()) {
        out.append(template.charAt(++i));
      } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        if (next >= args.size()) {
          throw new IllegalArgumentException("the template has more {} than arguments");
        }
        out.append(formatArgument(args.get(next++)));
        i++;
      } else {
        out.append(c);
      }
    }
    if (next != args.size()) {
      throw new IllegalArgumentException("the template has fewer {} than arguments");
    }
    return NODES.textNode(out.toString());
  }

  private static String formatArgument(JsonNode value) {
    if (value.isContainerNode()) {
      throw new IllegalArgumentException(
          "arguments must be strings, numbers, booleans or null (found " + toJson(value) + ")");
    }
    return value.isTextual() ? value.asText() : toJson(value);
  }

  private static JsonNode stringToJson(List<JsonNode> args) {
    String text = string(exactly(args, 1), 0);
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the argument is not valid JSON: " + text);
    }
  }

  private static JsonNode arrayPartition(List<JsonNode> args) {
    ArrayNode array = array(exactly(args, 2), 0);
    int size = integer(args, 1);
    if (size <= 0) {
      throw new IllegalArgumentException("the chunk size must be a positive integer");
    }
    ArrayNode result = NODES.arrayNode();
    ArrayNode chunk = null;
    for (int i = 0; i < array.size(); i++) {
      if (i % size == 0) {
        chunk = result.addArray();
      }
      chunk.add(array.get(i));
    }
    return result;
  }

  private static JsonNode arrayContains(List<JsonNode> args) {
    ArrayNode array = array(exactly(args, 2), 0);
    for (JsonNode element : array) {
      if (Json.equal(element, args.get(1))) {
        return NODES.booleanNode(true);
      }
    }
    return NODES.booleanNode(false);
  }

  private static JsonNode arrayRange(List<JsonNode> args) {
    exactly(args, 3);
    long start = integer(args, 0);
    long end = integer(args, 1);
    long step = integer(args, 2);
    if (step == 0) {
      throw new IllegalArgumentException("the step must not be 0");
    }
    long count = (end - start) / step + 1;
    if ((end - start) / (double) step < 0) {
      count = 0;
    }
    if (count > MAX_RANGE_SIZE) {
      throw new IllegalArgumentException("the range has more than 1000 elements");
    }
    ArrayNode result = NODES.arrayNode();
    for (long i = 0; i < count; i++) {
      result.add(start + i * step);
    }
    return result;
  }

  private static JsonNode arrayGetItem(List<JsonNode> args) {
    ArrayNode array = array(exactly(args, 2), 0);
    int index = integer(args, 1);
    if (index < 0 || index >= array.size()) {
      throw new IllegalArgumentException(
          "index " + index + " is out of bounds for an array of " + array.size());
    }
    return array.get(index);
  }

  private static JsonNode arrayUnique(List<JsonNode> args) {
    ArrayNode array = array(exactly(args, 1), 0);
    ArrayNode result = NODES.arrayNode();
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode element : array) {
      if (seen.add(Json.canonical(element))) {
        result.add(element);
      }
    }
    return result;
  }

  private static JsonNode base64Encode(List<JsonNode> args) {
    String text = limited(string(exactly(args, 1), 0));
    return NODES.textNode(
        Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode base64Decode(List<JsonNode> args) {
    String text = limited(string(exactly(args, 1), 0));
    try {
      return NODES.textNode(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the argument is not valid Base64: " + text);
    }
  }

  private static JsonNode hash(List<JsonNode> args) {
    exactly(args, 2);
    JsonNode data = args.get(0);
    String text = limited(data.isTextual() ? data.asText() : toJson(data));
    String algorithm = string(args, 1);
    if (!Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(algorithm)) {
      throw new IllegalArgumentException(
          "unsupported algorithm '" + algorithm + "'; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
      return NODES.textNode(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks " + algorithm, e);
    }
  }

  private static JsonNode jsonMerge(List<JsonNode> args) {
    exactly(args, 3);
    if (!args.get(0).isObject() || !args.get(1).isObject()) {
      throw new IllegalArgumentException("the first two arguments must be objects");
    }
    if (!args.get(2).isBoolean()) {
      throw new IllegalArgumentException("the third argument must be a boolean");
    }
    if (args.get(2).asBoolean()) {
      throw new IllegalArgumentException("deep merge is not supported; pass false");
    }
    ObjectNode merged = NODES.objectNode();
    merged.setAll((ObjectNode) args.get(0));
    merged.setAll((ObjectNode) args.get(1));
    return merged;
  }

  private static JsonNode mathRandom(List<JsonNode> args) {
    if (args.size() < 2 || args.size() > 3) {
      throw new IllegalArgumentException("expects 2 or 3 arguments (found " + args.size() + ")");
    }
    int start = integer(args, 0);
    int end = integer(args, 1);
    if (end <= start) {
      throw new IllegalArgumentException("the end must be greater than the start");
    }
    Random random = args.size() == 3 ? new Random(integer(args, 2)) : ThreadLocalRandom.current();
    return NODES.numberNode(start + random.nextInt(end - start));
  }

  private static JsonNode mathAdd(List<JsonNode> args) {
    exactly(args, 2);
    for (int i = 0; i < 2; i++) {
      if (!args.get(i).isNumber()) {
        throw new IllegalArgumentException("argument " + (i + 1) + " must be a number");
      }
    }
    if (args.get(0).canConvertToExactIntegral() && args.get(1).canConvertToExactIntegral()) {
      return NODES.numberNode(args.get(0).longValue() + args.get(1).longValue());
    }
    BigDecimal sum = args.get(0).decimalValue().add(args.get(1).decimalValue());
    return NODES.numberNode(sum);
  }

  private static JsonNode stringSplit(List<JsonNode> args) {
    String text = string(exactly(args, 2), 0);
    String delimiters = string(args, 1);
    ArrayNode result = NODES.arrayNode();
    StringTokenizer tokens = new StringTokenizer(text, delimiters);
    while (tokens.hasMoreTokens()) {
      result.add(tokens.nextToken());
    }
    return result;
  }

  private static JsonNode uuid(List<JsonNode> args) {
    exactly(args, 0);
    return NODES.textNode(UUID.randomUUID().toString());
  }

  private static List<JsonNode> exactly(List<JsonNode> args, int count) {
    if (args.size() != count) {
      throw new IllegalArgumentException(
          "expects " + count + " argument(s) (found " + args.size() + ")");
    }
    return args;
  }

  private static ArrayNode array(List<JsonNode> args, int index) {
    JsonNode value = args.get(index);
    if (!value.isArray()) {
      throw new IllegalArgumentException(
          "argument " + (index + 1) + " must be an array (found " + toJson(value) + ")");
    }
    return (ArrayNode) value;
  }

  private static String string(List<JsonNode> args, int index) {
    JsonNode value = args.get(index);
    if (!value.isTextual()) {
      throw new IllegalArgumentException(
          "argument " + (index + 1) + " must be a string (found " + toJson(value) + ")");
    }
    return value.asText();
  }

  private static int integer(List<JsonNode> args, int index) {
    JsonNode value = args.get(index);
    if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
      throw new IllegalArgumentException(
          "argument " + (index + 1) + " must be an integer (found " + toJson(value) + ")");
    }
    return value.intValue();
  }

  private static String limited(String text) {
    if (text.length() > MAX_STRING_LENGTH) {
      throw new IllegalArgumentException("the string is longer than 10000 characters");
    }
    return text;
  }

  private static String toJson(JsonNode value) {
    return Json.write(value);
  }
}
