package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/** A rule of a Choice state: a comparison on a Variable, or And, Or or Not of rules. */
abstract sealed class ChoiceRule {

  /** Every comparison operator the engine implements, without the Path variants. */
  static final Set<String> COMPARISONS =
      Set.of(
          "StringEquals",
          "StringLessThan",
          "StringGreaterThan",
          "StringLessThanEquals",
          "StringGreaterThanEquals",
          "StringMatches",
          "NumericEquals",
          "NumericLessThan",
          "NumericGreaterThan",
          "NumericLessThanEquals",
          "NumericGreaterThanEquals",
          "BooleanEquals",
          "TimestampEquals",
          "TimestampLessThan",
          "TimestampGreaterThan",
          "TimestampLessThanEquals",
          "TimestampGreaterThanEquals");

  /** The type tests, which take {@code true} or {@code false}. */
  static final Set<String> TYPE_TESTS =
      Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

  /** Every operator a rule may use: comparisons, their Path variants and the type tests. */
  static final Set<String> OPERATORS = operators();

  private static Set<String> operators() {
    List<String> all = new ArrayList<>(TYPE_TESTS);
    for (String comparison : COMPARISONS) {
      all.add(comparison);
      if (!comparison.equals("StringMatches")) {
        all.add(comparison + "Path");
      }
    }
    return Set.copyOf(all);
  }

  abstract boolean matches(JsonNode input, JsonNode context);

  /**
   * Compiles a rule, adding problems to {@code problems} and each operator used to {@code used}.
   */
  static ChoiceRule compile(JsonNode rule, String where, List<String> problems, Set<String> used) {
    if (!rule.isObject()) {
      problems.add(where + ": a choice rule must be an object (found " + rule + ")");
      return new Constant(false);
    }
    for (String combinator : List.of("And", "Or")) {
      if (rule.has(combinator)) {
        used.add(combinator);
        JsonNode rules = rule.get(combinator);
        if (!rules.isArray() || rules.isEmpty()) {
          problems.add(where + "/" + combinator + ": must be a non-empty array of rules");
          return new Constant(false);
        }
        List<ChoiceRule> compiled = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
          compiled.add(compile(rules.get(i), where + "/" + combinator + "/" + i, problems, used));
        }
        return new Combination(combinator.equals("And"), compiled);
      }
    }
    if (rule.has("Not")) {
      used.add("Not");
      return new Negation(compile(rule.get("Not"), where + "/Not", problems, used));
    }
    return compileComparison(rule, where, problems, used);
  }

  private static ChoiceRule compileComparison(
      JsonNode rule, String where, List<String> problems, Set<String> used) {
    List<String> operators = new ArrayList<>();
    rule.fieldNames()
        .forEachRemaining(
            name -> {
              if (OPERATORS.contains(name)) {
                operators.add(name);
              } else if (!name.equals("Variable") && !name.equals("Next")) {
                problems.add(where + ": unknown field '" + name + "' in a choice rule");
              }
            });
    if (operators.size() != 1) {
      problems.add(
          where
              + ": a choice rule needs exactly one comparison operator (found "
              + operators
              + "); use one of StringEquals, NumericLessThan, IsPresent, ...");
      return new Constant(false);
    }
    String operator = operators.get(0);
    used.add(operator);
    JsonPath variable;
    try {
      variable = JsonPath.parse(rule.path("Variable").asText(null));
    } catch (IllegalArgumentException e) {
      problems.add(where + "/Variable: " + e.getMessage());
      return new Constant(false);
    }
    if (variable.isContext()) {
      used.add(variable.contextFeature());
    }
    JsonNode operand = rule.get(operator);
    String problem = checkOperand(operator, operand);
    if (problem != null) {
      problems.add(where + "/" + operator + ": " + problem + " (found " + operand + ")");
      return new Constant(false);
    }
    JsonPath operandPath = operator.endsWith("Path") ? JsonPath.parse(operand.asText()) : null;
    return new Comparison(variable, operator, operand, operandPath);
  }

  private static String checkOperand(String operator, JsonNode operand) {
    if (TYPE_TESTS.contains(operator)) {
      return operand.isBoolean() ? null : "must be true or false";
    }
    if (operator.endsWith("Path")) {
      if (!operand.isTextual()) {
        return "must be a path";
      }
      try {
        JsonPath.parse(operand.asText());
        return null;
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    if (operator.startsWith("String")) {
      return operand.isTextual() ? null : "must be a string";
    }
    if (operator.startsWith("Numeric")) {
      return operand.isNumber() ? null : "must be a number";
    }
    if (operator.startsWith("Boolean")) {
      return operand.isBoolean() ? null : "must be true or false";
    }
    return operand.isTextual() && parseTimestamp(operand.asText()) != null
        ? null
        : "must be an RFC 3339 timestamp";
  }

  static OffsetDateTime parseTimestamp(String text) {
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static final class Constant extends ChoiceRule {
    private final boolean value;

    Constant(boolean value) {
      this.value = value;
    }

    @Override
    boolean matches(JsonNode input, JsonNode context) {
      return value;
    }
  }

  private static final class Combination extends ChoiceRule {
    private final boolean all;
    private final List<ChoiceRule> rules;

    Combination(boolean all, List<ChoiceRule> rules) {
      this.all = all;
      this.rules = rules;
    }

    @Override
    boolean matches(JsonNode input, JsonNode context) {
      for (ChoiceRule rule : rules) {
        if (rule.matches(input, context) != all) {
          return !all;
        }
      }
      return all;
    }
  }

  private static final class Negation extends ChoiceRule {
    private final ChoiceRule rule;

    Negation(ChoiceRule rule) {
      this.rule = rule;
    }

    @Override
    boolean matches(JsonNode input, JsonNode context) {
      return !rule.matches(input, context);
    }
  }

  private static final class Comparison extends ChoiceRule {
    private static final Map<String, IntPredicate> ORDERINGS =
        Map.of(
            "Equals", c -> c == 0,
            "LessThan", c -> c < 0,
            "GreaterThan", c -> c > 0,
            "LessThanEquals", c -> c <= 0,
            "GreaterThanEquals", c -> c >= 0);

    private final JsonPath variable;
    private final String operator;
    private final String baseOperator;
    private final JsonNode operand;
    private final JsonPath operandPath;
    private final Pattern pattern;

    Comparison(JsonPath variable, String operator, JsonNode operand, JsonPath operandPath) {
      this.variable = variable;
      this.operator = operator;
      this.baseOperator =
          operandPath == null ? operator : operator.substring(0, operator.length() - 4);
      this.operand = operand;
      this.operandPath = operandPath;
      this.pattern = operator.equals("StringMatches") ? wildcardPattern(operand.asText()) : null;
    }

    @Override
    boolean matches(JsonNode input, JsonNode context) {
      JsonNode value = variable.read(input, context);
      if (operator.equals("IsPresent")) {
        return (value != null) == operand.asBoolean();
      }
      if (value == null) {
        throw StateFailure.runtime(
            "Invalid path '"
                + variable.text()
                + "': The choice state's condition path references an invalid value.");
      }
      if (TYPE_TESTS.contains(operator)) {
        return hasType(value) == operand.asBoolean();
      }
      JsonNode expected = operandPath == null ? operand : readOperand(input, context);
      return compare(value, expected);
    }

    private JsonNode readOperand(JsonNode input, JsonNode context) {
      JsonNode expected = operandPath.read(input, context);
      if (expected == null) {
        throw StateFailure.runtime(
            "Invalid path '"
                + operandPath.text()
                + "': The choice state's condition path references an invalid value.");
      }
      return expected;
    }

    private boolean hasType(JsonNode value) {
      return switch (operator) {
        case "IsNull" -> value.isNull();
        case "IsNumeric" -> value.isNumber();
        case "IsString" -> value.isTextual();
        case "IsBoolean" -> value.isBoolean();
        default -> value.isTextual() && parseTimestamp(value.asText()) != null;
      };
    }

    private boolean compare(JsonNode value, JsonNode expected) {
      if (baseOperator.equals("StringMatches")) {
        return value.isTextual() && pattern.matcher(value.asText()).matches();
      }
      if (baseOperator.equals("BooleanEquals")) {
        return value.isBoolean()
            && expected.isBoolean()
            && value.asBoolean() == expected.asBoolean();
      }
      Integer order = order(value, expected);
      if (order == null) {
        return false;
      }
      String relation = baseOperator.replaceFirst("^(String|Numeric|Timestamp)", "");
      return ORDERINGS.get(relation).test(order);
    }

    private Integer order(JsonNode value, JsonNode expected) {
      if (baseOperator.startsWith("String")) {
        return value.isTextual() && expected.isTextual()
            ? Integer.signum(value.asText().compareTo(expected.asText()))
            : null;
      }
      if (baseOperator.startsWith("Numeric")) {
        return value.isNumber() && expected.isNumber()
            ? value.decimalValue().compareTo(expected.decimalValue())
            : null;
      }
      OffsetDateTime left = value.isTextual() ? parseTimestamp(value.asText()) : null;
      OffsetDateTime right = expected.isTextual() ? parseTimestamp(expected.asText()) : null;
      return left == null || right == null ? null : left.toInstant().compareTo(right.toInstant());
    }

    /** Translates a StringMatches pattern: {@code *} matches any text, {@code \*} a star. */
    private static Pattern wildcardPattern(String text) {
      StringBuilder regex = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < text.length()) {
          regex.append(Pattern.quote(String.valueOf(text.charAt(++i))));
        } else if (c == '*') {
          regex.append(".*");
        } else {
          regex.append(Pattern.quote(String.valueOf(c)));
        }
      }
      return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
  }
}
