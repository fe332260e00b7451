package dev.stepline.expr;

import java.util.List;
import java.util.Set;

/**
 * What a static check of one expression found, for the validator.
 *
 * @param syntaxError the syntax error, or null when the expression parses
 * @param freeNames the names the expression reads from its context (builtins and modules excluded;
 *     comprehension variables excluded)
 * @param problems other errors found without evaluating, such as access to a private attribute,
 *     each with its column
 */
public record ExpressionCheck(
    ExpressionException syntaxError, Set<String> freeNames, List<ExpressionException> problems) {

  public boolean ok() {
    return syntaxError == null && problems.isEmpty();
  }
}
