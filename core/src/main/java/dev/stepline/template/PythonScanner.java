package dev.stepline.template;

import com.hubspot.jinjava.el.ext.ExtendedScanner;
import java.util.Set;
import jinjava.de.odysseus.el.tree.impl.Scanner;

/**
 * Jinjava's expression scanner without the Java EL keywords that Jinja2 does not have, so that
 * names such as {@code empty}, {@code lt} or {@code mod} are ordinary variables, and {@code null}
 * is an undefined name as in Jinja2.
 */
final class PythonScanner extends ExtendedScanner {
  private static final Set<String> EL_ONLY_KEYWORDS =
      Set.of("empty", "div", "mod", "eq", "ne", "lt", "gt", "le", "ge", "instanceof", "null");

  PythonScanner(String input) {
    super(input);
  }

  @Override
  protected Scanner.Token keyword(String word) {
    return EL_ONLY_KEYWORDS.contains(word) ? null : super.keyword(word);
  }
}
