package dev.stepline.runtime;

/**
 * A parsed scope id. The state machine builds scope ids with {@code States.Format}:
 *
 * <ul>
 *   <li>{@code ""}: the main workflow of the execution;
 *   <li>{@code <parent>/<path>#<i>}: iteration {@code i} of the loop step at {@code path};
 *   <li>{@code <parent>/<path>|<b>}: branch {@code b} of the parallel step at {@code path};
 *   <li>{@code <parent>/<path>@}: the subworkflow called by the step at {@code path}.
 * </ul>
 *
 * @param id the whole id
 * @param kind what opened the scope
 * @param parent the enclosing scope id; {@code null} for the main scope
 * @param path the path of the step that opened the scope; {@code null} for the main scope
 * @param index the iteration or branch index; 0 for the main scope and subworkflow calls
 */
public record ScopeId(String id, Kind kind, String parent, String path, int index) {

  /** The kind of step that opened a scope. */
  public enum Kind {
    MAIN,
    ITERATION,
    BRANCH,
    CALL
  }

  public static final String MAIN = "";

  /**
   * Parses a scope id.
   *
   * @throws IllegalArgumentException when the id does not have one of the forms above
   */
  public static ScopeId parse(String id) {
    if (id == null || id.isEmpty()) {
      return new ScopeId(MAIN, Kind.MAIN, null, null, 0);
    }
    int slash = id.lastIndexOf('/');
    if (slash < 0) {
      throw invalid(id);
    }
    String parent = id.substring(0, slash);
    String segment = id.substring(slash + 1);
    if (segment.endsWith("@")) {
      return new ScopeId(id, Kind.CALL, parent, segment.substring(0, segment.length() - 1), 0);
    }
    int mark = Math.max(segment.lastIndexOf('#'), segment.lastIndexOf('|'));
    if (mark <= 0 || mark == segment.length() - 1) {
      throw invalid(id);
    }
    Kind kind = segment.charAt(mark) == '#' ? Kind.ITERATION : Kind.BRANCH;
    try {
      int index = Integer.parseInt(segment.substring(mark + 1));
      return new ScopeId(id, kind, parent, segment.substring(0, mark), index);
    } catch (NumberFormatException e) {
      throw invalid(id);
    }
  }

  /**
   * Returns the id of iteration {@code index} of the loop step at {@code path} in {@code scope}.
   */
  public static String iteration(String scope, String path, int index) {
    return scope + "/" + path + "#" + index;
  }

  /**
   * Returns the id of branch {@code index} of the parallel step at {@code path} in {@code scope}.
   */
  public static String branch(String scope, String path, int index) {
    return scope + "/" + path + "|" + index;
  }

  /** Returns the id of the subworkflow call made by the step at {@code path} in {@code scope}. */
  public static String call(String scope, String path) {
    return scope + "/" + path + "@";
  }

  /** Returns true when {@code scope} is {@code ancestor} or lies inside it. */
  public static boolean isWithin(String scope, String ancestor) {
    return scope.equals(ancestor) || scope.startsWith(ancestor + "/");
  }

  private static IllegalArgumentException invalid(String id) {
    return new IllegalArgumentException(
        "invalid scope id (found '"
            + id
            + "'); expected '', '<parent>/<path>#<i>', '<parent>/<path>|<b>' or"
            + " '<parent>/<path>@'");
  }
}
