package dev.stepline.validate;

import dev.stepline.diag.Diagnostics;
import dev.stepline.task.Value;
import dev.stepline.template.TemplateDiagnostic;
import dev.stepline.template.Templates;

/**
 * Checks Jinja templates without rendering them: syntax errors, and filters or tests that do not
 * exist, each as Jinja2 would raise it when the template is loaded.
 */
final class TemplateChecker implements ValueChecker {

  @Override
  public void check(Value value, ValueSite site, Diagnostics diagnostics) {
    if (!(value instanceof Value.Jinja jinja)) {
      return;
    }
    for (TemplateDiagnostic problem : Templates.check(jinja.source())) {
      ValueColumns.Place place =
          ValueColumns.inText(jinja.position(), problem.line(), problem.column());
      diagnostics.error(
          place.position(),
          site.path(),
          place.annotate(
              Problems.describe(
                  "invalid template: " + problem.type() + ": " + problem.message(),
                  jinja.source(),
                  "fix the `{{ ... }}` or `{% ... %}` part as Jinja2 would accept it")));
    }
  }
}
