package dev.stepline.validate;

import dev.stepline.task.SourcePosition;

/**
 * Maps a column inside an expression or template to a place in the YAML file.
 *
 * <p>The column is exact for an expression in a single-line scalar, where {@code
 * Value.Expression.offset()} gives where the expression starts. Inside a multi-line scalar, or a
 * quoted one whose escapes may change the width of the text, the place is the start of the scalar,
 * and the message says where inside the value the problem is.
 */
final class ValueColumns {

  /** A place in the file, and the note to add to the message when it is only the scalar start. */
  record Place(SourcePosition position, String note) {
    String annotate(String message) {
      if (note.isEmpty()) {
        return message;
      }
      return message + (message.endsWith("?") ? " " : ". ") + "Note: " + note;
    }
  }

  private ValueColumns() {}

  /**
   * Returns the place of the 1-based {@code column} of an expression whose text starts {@code
   * offset} columns after the scalar at {@code position}.
   */
  static Place inExpression(String source, int offset, SourcePosition position, int column) {
    if (column <= 0) {
      return new Place(position, "");
    }
    if (isExact(source, offset)) {
      return new Place(at(position, position.column() + offset + column - 1), "");
    }
    return new Place(position, scalarStart("column " + column + " of the expression"));
  }

  /**
   * Returns the place of a 1-based {@code line} and {@code column} inside a template or f-string,
   * whose scalar starts at {@code position}: always the scalar start, because quotes and escapes
   * are not known here.
   */
  static Place inText(SourcePosition position, int line, int column) {
    if (column <= 0) {
      return new Place(position, "");
    }
    String where = line > 1 ? "line " + line + ", column " + column : "column " + column;
    return new Place(position, scalarStart(where + " of the value"));
  }

  /**
   * Returns whether expression columns map one to one onto the file: a single line, and either a
   * plain scalar (offset 0 for a bare expression, 2 for {@code "$ "}) or text without quotes and
   * backslashes, the only characters a quoted scalar escapes.
   */
  // NOTE: a plain scalar folded over several lines has no newline in its text, so an error on a
  // later line gets a column on the first line.
  private static boolean isExact(String source, int offset) {
    if (source.indexOf('\n') >= 0) {
      return false;
    }
    boolean plain = offset == 0 || offset == 2;
    return plain || source.chars().noneMatch(c -> c == '\'' || c == '"' || c == '\\');
  }

  private static String scalarStart(String where) {
    return "this is where the value starts; the problem is at " + where;
  }

  private static SourcePosition at(SourcePosition position, int column) {
    return new SourcePosition(position.file(), position.line(), column);
  }
}
