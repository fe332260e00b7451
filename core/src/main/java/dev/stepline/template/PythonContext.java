package dev.stepline.template;

import com.google.common.collect.SetMultimap;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;
import java.util.Set;

/**
 * A render context where an unknown filter or test fails as in Jinja2, instead of yielding null.
 *
 * <p>It records none of the resolved names, expressions and dependencies that Jinjava tracks for
 * its own tooling. Jinjava adds them to every parent context too, and the parent here is the root
 * context that all renders share, so recording them would make renders race and the root grow.
 */
final class PythonContext extends Context {
  PythonContext(Context parent, Map<String, ?> bindings, Map<Library, Set<String>> disabled) {
    super(parent, bindings, disabled);
  }

  @Override
  public void addResolvedExpression(String expression) {}

  @Override
  public void addResolvedValue(String value) {}

  @Override
  public void addResolvedFunction(String function) {}

  @Override
  public void addDependency(String type, String identification) {}

  @Override
  public void addDependencies(SetMultimap<String, String> dependencies) {}

  @Override
  public Filter getFilter(String name) {
    Filter filter = super.getFilter(name);
    if (filter == null) {
      throw new TemplateFailure("TemplateAssertionError", "No filter named '" + name + "'.");
    }
    return filter;
  }

  @Override
  public ExpTest getExpTest(String name) {
    ExpTest test = super.getExpTest(name);
    if (test == null) {
      throw new TemplateFailure("TemplateAssertionError", "No test named '" + name + "'.");
    }
    return test;
  }
}
