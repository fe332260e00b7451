package dev.stepline.diag;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a task file has at least one error; holds every diagnostic of the file. */
public final class InvalidTaskException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;

  public InvalidTaskException(List<Diagnostic> diagnostics) {
    super(describe(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** Returns every diagnostic of the file, errors and warnings, sorted by position. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private static String describe(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
  }
}
