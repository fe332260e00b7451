package dev.stepline.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;
import java.util.Set;

/**
 * A render context where an unknown filter or test fails as in Jinja2, instead of yielding null.
 */
final class PythonContext extends Context {
  PythonContext(Context parent, Map<String, ?> bindings, Map<Library, Set<String>> disabled) {
    super(parent, bindings, disabled);
  }

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
