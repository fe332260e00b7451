package dev.stepline.template;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import jinjava.de.odysseus.el.tree.impl.Parser;

/** Builds expression trees with {@link PythonParser}. */
final class PythonSyntaxBuilder extends ExtendedSyntaxBuilder {
  private static final long serialVersionUID = 1L;

  PythonSyntaxBuilder() {
    super(Feature.METHOD_INVOCATIONS, Feature.VARARGS);
  }

  @Override
  protected Parser createParser(String expression) {
    return new PythonParser(this, expression);
  }
}
