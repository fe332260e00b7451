package dev.stepline.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorReason;
import com.hubspot.jinjava.interpret.TemplateError.ErrorType;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.util.ScopeMap;
import java.util.ArrayList;
import java.util.List;

/**
 * A Jinjava interpreter that behaves like Jinja2 where Jinjava's own defaults differ: values print
 * as Python's {@code str()}, a missing name is {@link Undefined} rather than {@code null} (which
 * stays Python's {@code None}), and the first fatal error ends the render with a {@link
 * TemplateFailure}. While parsing for {@code check}, errors are collected instead.
 */
final class PythonInterpreter extends JinjavaInterpreter {
  private final List<TemplateFailure> collected;

  PythonInterpreter(
      Jinjava application, Context context, JinjavaConfig config, List<TemplateFailure> collected) {
    super(application, context, config);
    this.collected = collected;
  }

  static PythonInterpreter failingFast(Jinjava application, Context context, JinjavaConfig config) {
    return new PythonInterpreter(application, context, config, null);
  }

  static PythonInterpreter collecting(Jinjava application, Context context, JinjavaConfig config) {
    return new PythonInterpreter(application, context, config, new ArrayList<>());
  }

  List<TemplateFailure> collected() {
    return collected;
  }

  @Override
  public String getAsString(Object value) {
    if (value instanceof Undefined) {
      return "";
    }
    if (value instanceof SafeString) {
      return value.toString();
    }
    return PythonValues.str(value);
  }

  @Override
  public Object retraceVariable(String variable, int lineNumber, int startPosition) {
    Object value = super.retraceVariable(variable, lineNumber, startPosition);
    if (value != null || isBound(getContext(), variable)) {
      return value;
    }
    return Undefined.name(variable);
  }

  @Override
  public void addError(TemplateError error) {
    if (error == null) {
      return;
    }
    // Jinjava reports unclosed tags and stray end tags as warnings; Jinja2 rejects the template.
    boolean syntaxWarning = error.getReason() == ErrorReason.SYNTAX_ERROR;
    if (error.getSeverity() != ErrorType.FATAL && !syntaxWarning) {
      return;
    }
    TemplateFailure failure =
        ErrorTranslation.toFailure(error, name -> isBound(getContext(), name));
    if (collected == null) {
      throw failure;
    }
    collected.add(failure);
  }

  /** Tells whether {@code name} is bound in some scope, possibly to {@code None}. */
  private static boolean isBound(ScopeMap<String, Object> scope, String name) {
    for (ScopeMap<String, Object> s = scope; s != null; s = s.getParent()) {
      if (s.getScope().containsKey(name)) {
        return true;
      }
    }
    return false;
  }
}
