package dev.stepline.expr.syntax;

import dev.stepline.expr.ExpressionException;
import java.util.function.Consumer;

/** A node of a parsed expression, with the 1-based column where it starts. */
public abstract class Node {
  final int column;

  Node(int column) {
    this.column = column;
  }

  public int column() {
    return column;
  }

  /** Evaluates the node in {@code scope}. */
  public abstract Object eval(Scope scope);

  /** Visits this node and every node below it, for checks that walk the tree. */
  public void walk(Consumer<Node> visitor) {
    visitor.accept(this);
  }

  /** Returns {@code error} pointing at this node unless it already points somewhere. */
  ExpressionException locate(ExpressionException error) {
    return error.at(column);
  }
}
