package dev.stepline.runtime;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Expressions;
import dev.stepline.runtime.secrets.SecretsMapping;
import dev.stepline.task.Value;
import dev.stepline.template.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a {@link Value} of a task file against the names of an expression context: literals as
 * they are, {@code $ expr} as Python, f-strings by interpolation, Jinja templates by rendering, and
 * lists and mappings item by item.
 *
 * <p>A failure is a {@link StepError} with the Python type of the error and its message, as a
 * {@code catch} block reads them in {@code error}. The step path tells where it happened.
 */
public final class ValueEvaluator {
  // Template errors arrive as "UndefinedError: 'now' is undefined".
  private static final Pattern TYPED_MESSAGE =
      Pattern.compile("^([A-Z][A-Za-z]*(?:Error|Exception|Warning)): (.*)$", Pattern.DOTALL);

  // A quoted value in an error message, as Python's repr() writes strings.
  private static final Pattern QUOTED =
      Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");

  private ValueEvaluator() {}

  /** Returns the value of {@code value} with {@code names} as the expression context. */
  public static Object evaluate(Value value, Map<String, Object> names) {
    if (value == null) {
      return null;
    }
    if (value instanceof Value.Literal literal) {
      return literal.value();
    }
    if (value instanceof Value.Expression
        || value instanceof Value.FString
        || value instanceof Value.Jinja) {
      return evaluateTainting(value, names);
    }
    if (value instanceof Value.ListOf list) {
      List<Object> items = new ArrayList<>(list.items().size());
      for (Value item : list.items()) {
        items.add(evaluate(item, names));
      }
      return items;
    }
    Value.MapOf mapping = (Value.MapOf) value;
    Map<Object, Object> entries = new LinkedHashMap<>();
    for (Map.Entry<String, Value> entry : mapping.entries().entrySet()) {
      entries.put(entry.getKey(), evaluate(entry.getValue(), names));
    }
    return entries;
  }

  // A string that an expression returns after reading a secret counts as secret, so the masker
  // hides a slice or an encoding of the secret as a whole (see SecretsMapping#taint). Reading a
  // name bound to a secret-derived value before the expression ran counts as reading a secret.
  private static Object evaluateTainting(Value value, Map<String, Object> names) {
    SecretsMapping secrets =
        names.get("secrets") instanceof SecretsMapping mapping ? mapping : null;
    boolean mentionsSecret = secrets != null && secrets.mentionsSecretBinding(source(value));
    int readsBefore = secrets == null ? 0 : secrets.readCount();
    Object result;
    try {
      if (value instanceof Value.Expression expression) {
        result = evaluateExpression(expression, names);
      } else if (value instanceof Value.FString fString) {
        result = evaluateFString(fString, names);
      } else {
        result = render((Value.Jinja) value, names);
      }
    } catch (StepError e) {
      if (!mentionsSecret && !readSince(secrets, readsBefore)) {
        throw e;
      }
      // The message may quote a value computed from the secret, such as a slice.
      throw new StepError(e.type(), QUOTED.matcher(e.getMessage()).replaceAll("'***'"));
    }
    if (mentionsSecret || readSince(secrets, readsBefore)) {
      secrets.taint(result);
    }
    return result;
  }

  private static boolean readSince(SecretsMapping secrets, int readsBefore) {
    return secrets != null && secrets.readCount() > readsBefore;
  }

  private static String source(Value value) {
    if (value instanceof Value.Expression expression) {
      return expression.source();
    } else if (value instanceof Value.FString fString) {
      return fString.source();
    }
    return ((Value.Jinja) value).source();
  }

  private static Object evaluateExpression(Value.Expression expression, Map<String, Object> names) {
    try {
      return Expressions.evaluate(expression.source(), names);
    } catch (ExpressionException e) {
      throw failure(e);
    }
  }

  private static Object evaluateFString(Value.FString fString, Map<String, Object> names) {
    try {
      return Expressions.evaluateFString(fString.source(), names);
    } catch (ExpressionException e) {
      throw failure(e);
    }
  }

  private static Object render(Value.Jinja jinja, Map<String, Object> names) {
    try {
      return Templates.render(jinja.source(), names);
    } catch (ExpressionException e) {
      throw failure(e);
    } catch (StepError e) {
      throw e;
    } catch (RuntimeException e) {
      Matcher typed = TYPED_MESSAGE.matcher(String.valueOf(e.getMessage()));
      if (typed.matches()) {
        throw new StepError(typed.group(1), typed.group(2));
      }
      throw new StepError("TemplateError", String.valueOf(e.getMessage()));
    }
  }

  private static StepError failure(ExpressionException e) {
    return new StepError(e.type(), e.describe());
  }
}
