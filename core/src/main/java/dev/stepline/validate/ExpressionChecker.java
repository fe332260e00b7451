package dev.stepline.validate;

import dev.stepline.diag.Diagnostics;
import dev.stepline.expr.ExpressionCheck;
import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Expressions;
import dev.stepline.task.SourcePosition;
import dev.stepline.task.Value;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks {@code $ } expressions and the {@code {expr}} parts of f-strings without running them:
 * syntax errors, constructs the language leaves out (lambda, {@code :=}, set comprehensions),
 * access to private attributes, and names that nothing defines, with a "did you mean" hint.
 */
final class ExpressionChecker implements ValueChecker {

  /** Helpers Julep's expressions offer that Stepline's do not. */
  private static final Set<String> JULEP_ONLY = Set.of("chunk_doc");

  private final KnownNames knownNames = new KnownNames();

  @Override
  public void check(Value value, ValueSite site, Diagnostics diagnostics) {
    if (value instanceof Value.Expression expression) {
      Source source =
          new Source(expression.source(), "expression", expression.position(), expression.offset());
      report(Expressions.analyze(expression.source()), source, site, diagnostics);
    } else if (value instanceof Value.FString fString) {
      Source source = new Source(fString.source(), "f-string", fString.position(), -1);
      report(Expressions.analyzeFString(fString.source()), source, site, diagnostics);
    }
  }

  private void report(
      ExpressionCheck check, Source source, ValueSite site, Diagnostics diagnostics) {
    if (check.syntaxError() != null && reportsNestedQuotes(source, site, diagnostics)) {
      return;
    }
    if (check.syntaxError() != null) {
      ExpressionException error = check.syntaxError();
      ValueColumns.Place place = source.place(error.column());
      diagnostics.error(
          place.position(),
          site.path(),
          place.annotate(
              Problems.describe(
                  "invalid " + source.kind() + ": " + error.getMessage().replace("f-string: ", ""),
                  source.text(),
                  "write a Python expression, as `eval` would accept")));
      return;
    }
    for (ExpressionException problem : check.problems()) {
      ValueColumns.Place place = source.place(problem.column());
      diagnostics.error(
          place.position(),
          site.path(),
          place.annotate(
              problem.getMessage()
                  + " (found `"
                  + Echo.of(source.text())
                  + "`); read public fields only, such as `_.name` or `_['name']`"));
    }
    Set<String> known = knownNames.at(site);
    List<ExpressionException> unknown = Expressions.unknownNames(check, known);
    for (ExpressionException error : unknown) {
      String name = nameOf(error);
      ValueColumns.Place place = source.place(columnOf(name, source.text()));
      String message =
          place.annotate(
              "unknown name `"
                  + name
                  + "` in "
                  + source.kind()
                  + " (found `"
                  + Echo.of(source.text())
                  + "`); "
                  + unknownHint(error, name, site));
      if (isWarning(name, site)) {
        diagnostics.warning(place.position(), site.path(), message);
      } else {
        diagnostics.error(place.position(), site.path(), message);
      }
    }
  }

  /**
   * Returns whether an unknown name only warns: a Julep helper that Stepline lacks, which a task
   * written for Julep may call, and any name in tool settings, which only fails when a step calls
   * the tool.
   */
  private static boolean isWarning(String name, ValueSite site) {
    return JULEP_ONLY.contains(name) || site.step() == null;
  }

  /**
   * Warns about an f-string that reuses its quote inside a {@code {...}} part, which Python 3.12
   * accepts, so Julep tasks written for it do; returns whether that was the syntax error.
   */
  private static boolean reportsNestedQuotes(
      Source source, ValueSite site, Diagnostics diagnostics) {
    String swapped = NestedQuotes.swapped(source.text());
    if (swapped == null || !Expressions.analyze(swapped).ok()) {
      return false;
    }
    diagnostics.warning(
        source.position(),
        site.path(),
        "an f-string that reuses its quote inside `{...}` needs Python 3.12, whose f-string"
            + " rules Stepline does not follow yet, so it fails when it runs (found `"
            + Echo.of(source.text())
            + "`); use the other quote inside: `"
            + Echo.of(swapped)
            + "`");
    return true;
  }

  private static String unknownHint(ExpressionException error, String name, ValueSite site) {
    if (JULEP_ONLY.contains(name)) {
      return "Julep provides `" + name + "` but Stepline does not, so the step fails when it runs";
    }
    if (site.step() == null) {
      return "tool settings are evaluated with the calling step's names, so the call fails; read"
          + " the value from `secrets`, such as `{secrets."
          + name
          + "}`";
    }
    if (name.equals("error")) {
      return "`error` is defined only inside a `catch` block, as the error its `try` caught";
    }
    if (error.suggestion() != null) {
      return "did you mean `" + error.suggestion() + "`?";
    }
    return "use a context name such as `_`, `inputs`, `steps` or `state`, or a step's"
        + " `output` name";
  }

  /** Returns the name of a NameError's "name 'x' is not defined" message. */
  private static String nameOf(ExpressionException error) {
    String message = error.getMessage();
    int start = message.indexOf('\'') + 1;
    return message.substring(start, message.indexOf('\'', start));
  }

  /** Returns the 1-based column of the first use of {@code name} as a name, or 0. */
  static int columnOf(String name, String text) {
    Matcher matcher =
        Pattern.compile("(?<![\\w.'\"])" + Pattern.quote(name) + "(?!\\w)").matcher(text);
    return matcher.find() ? matcher.start() + 1 : 0;
  }

  /** The checked text, what it is, and where it is in the file. */
  private record Source(String text, String kind, SourcePosition position, int offset) {
    ValueColumns.Place place(int column) {
      if (offset < 0) {
        int index = Math.min(Math.max(column - 1, 0), text.length());
        String before = text.substring(0, index);
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        return ValueColumns.inText(position, line, column - before.lastIndexOf('\n') - 1);
      }
      return ValueColumns.inExpression(text, offset, position, column);
    }
  }
}
