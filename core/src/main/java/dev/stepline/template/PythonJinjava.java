package dev.stepline.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.javax.el.ExpressionFactory;

/** Jinjava whose expressions are parsed with Python's operators. */
final class PythonJinjava extends Jinjava {
  /** Parsed expressions kept by the expression factory. */
  private static final int EXPRESSION_CACHE_SIZE = 10_000;

  private final ExpressionFactory expressions =
      new ExpressionFactoryImpl(
          new TreeStore(new PythonSyntaxBuilder(), new Cache(EXPRESSION_CACHE_SIZE)),
          new PythonTruthConverter());

  PythonJinjava(JinjavaConfig config) {
    super(config);
  }

  @Override
  public ExpressionFactory getExpressionFactory() {
    return expressions;
  }
}
