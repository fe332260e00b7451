package dev.stepline.expr;

import dev.stepline.diag.Suggestions;
import dev.stepline.expr.lib.Budget;
import dev.stepline.expr.lib.Builtins;
import dev.stepline.expr.syntax.Node;
import dev.stepline.expr.syntax.Parser;
import dev.stepline.expr.syntax.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Parses and evaluates Python expressions with Python 3 semantics and Julep's allow-list. Parsed
 * expressions are cached, so evaluating the same source again only walks the tree.
 *
 * <p>Evaluation never reaches a Java object: names resolve to the values in {@code names}, to the
 * allow-listed builtins and modules, or fail with NameError.
 */
public final class Expressions {
  private static final int CACHE_LIMIT = 10_000;
  private static final Map<String, Object> EXPRESSIONS = new ConcurrentHashMap<>();
  private static final Map<String, Object> FSTRINGS = new ConcurrentHashMap<>();

  /**
   * A plain string that is read as an expression, not as an f-string, as Julep's compatibility rule
   * does: {@code _}, {@code _.x}, {@code _[...]}, {@code inputs[...]}, {@code outputs[...]}.
   */
  private static final Pattern LEGACY_REFERENCE =
      Pattern.compile(
          "\\s*(_|inputs\\[[^\\]]*]|outputs\\[[^\\]]*])(\\.[A-Za-z_]\\w*|\\[[^\\]]*])*\\s*");

  private Expressions() {}

  /**
   * Evaluates {@code source} as {@code eval(source)} would, with {@code names} as the context.
   *
   * @throws ExpressionException with the Python type of the error
   */
  public static Object evaluate(String source, Map<String, Object> names) {
    return run(parse(source), new Scope(names));
  }

  /** Evaluates {@code source} with a step budget other than {@link Scope#DEFAULT_BUDGET}. */
  public static Object evaluate(String source, Map<String, Object> names, long budget) {
    return run(parse(source), new Scope(names, budget));
  }

  private static Object run(Node node, Scope scope) {
    LongConsumer previous = Budget.enter(scope::step);
    try {
      return node.eval(scope);
    } finally {
      Budget.exit(previous);
    }
  }

  /**
   * Evaluates a plain YAML string as the body of a Python f-string: {@code {expr}} fields are
   * interpolated with Python's {@code format()}, {@code {{}} and {@code }}} are literal braces, and
   * backslashes stay as written.
   */
  public static String evaluateFString(String text, Map<String, Object> names) {
    if (text.indexOf('{') < 0 && text.indexOf('}') < 0) {
      return text;
    }
    return (String) run(parseFString(text), new Scope(names));
  }

  /**
   * Evaluates a plain YAML string: a bare reference such as {@code _.x} or {@code inputs[0]['a']}
   * is an expression and keeps its type; any other string is an f-string body.
   */
  public static Object evaluateString(String text, Map<String, Object> names) {
    if (isLegacyReference(text)) {
      return evaluate(text.strip(), names);
    }
    return evaluateFString(text, names);
  }

  /** Returns whether a plain string is a bare reference that is read as an expression. */
  public static boolean isLegacyReference(String text) {
    return LEGACY_REFERENCE.matcher(text).matches();
  }

  /**
   * Checks the syntax of {@code source}.
   *
   * @throws ExpressionException a SyntaxError with its column
   */
  public static void check(String source) {
    parse(source);
  }

  /** Checks an expression without evaluating it: syntax, free names and unsafe access. */
  public static ExpressionCheck analyze(String source) {
    Node node;
    try {
      node = parse(source);
    } catch (ExpressionException e) {
      return new ExpressionCheck(e, Set.of(), List.of());
    }
    return analyzeTree(node);
  }

  /** Checks an f-string body (a plain YAML string) without evaluating it. */
  public static ExpressionCheck analyzeFString(String text) {
    Node node;
    try {
      node = parseFString(text);
    } catch (ExpressionException e) {
      return new ExpressionCheck(e, Set.of(), List.of());
    }
    return analyzeTree(node);
  }

  private static ExpressionCheck analyzeTree(Node node) {
    Set<String> free = new LinkedHashSet<>();
    for (String name : Parser.freeNames(node)) {
      if (!Builtins.isGlobal(name)) {
        free.add(name);
      }
    }
    List<ExpressionException> problems = new ArrayList<>();
    Parser.walk(
        node,
        child -> {
          String attribute = Parser.attributeOf(child);
          if (attribute != null && attribute.startsWith("__")) {
            problems.add(
                new ExpressionException(
                    "AttributeError",
                    "access to private attribute '" + attribute + "' is not allowed",
                    child.column(),
                    null));
          }
        });
    return new ExpressionCheck(null, free, problems);
  }

  /**
   * Returns a NameError for each free name of {@code check} that is not in {@code known}, with a
   * "did you mean" suggestion drawn from the known names and the builtins.
   */
  public static List<ExpressionException> unknownNames(
      ExpressionCheck check, Collection<String> known) {
    List<ExpressionException> errors = new ArrayList<>();
    List<String> candidates = new ArrayList<>(known);
    candidates.addAll(Builtins.globalNames());
    for (String name : check.freeNames()) {
      if (!known.contains(name)) {
        errors.add(
            new ExpressionException(
                "NameError",
                "name '" + name + "' is not defined",
                0,
                Suggestions.closestOrNull(name, candidates)));
      }
    }
    return errors;
  }

  /** Returns the names of the builtins, modules and constants every expression sees. */
  public static Set<String> builtinNames() {
    return Builtins.globalNames();
  }

  private static Node parse(String source) {
    return cached(EXPRESSIONS, source, false);
  }

  private static Node parseFString(String text) {
    return cached(FSTRINGS, text, true);
  }

  private static Node cached(Map<String, Object> cache, String source, boolean fString) {
    Object entry = cache.get(source);
    if (entry == null) {
      try {
        entry = fString ? Parser.parseFStringBody(source) : Parser.parse(source);
      } catch (ExpressionException e) {
        entry = e;
      }
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(source, entry);
    }
    if (entry instanceof ExpressionException error) {
      throw error;
    }
    return (Node) entry;
  }
}
