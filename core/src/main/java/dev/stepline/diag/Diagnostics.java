package dev.stepline.diag;

import dev.stepline.task.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/**
 * The diagnostics collected while loading and validating one task file.
 *
 * <p>Each load or validation creates its own instance, so no diagnostic outlives the call that
 * produced it.
 */
public final class Diagnostics {

  private final List<Diagnostic> items = new ArrayList<>();

  public void error(SourcePosition position, String path, String message) {
    items.add(Diagnostic.error(position, path, message));
  }

  public void warning(SourcePosition position, String path, String message) {
    items.add(Diagnostic.warning(position, path, message));
  }

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
  }

  public void addAll(List<Diagnostic> diagnostics) {
    items.addAll(diagnostics);
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  /** Returns the diagnostics sorted by position, without exact duplicates. */
  public List<Diagnostic> sorted() {
    return items.stream().distinct().sorted(Diagnostic.BY_POSITION).toList();
  }
}
