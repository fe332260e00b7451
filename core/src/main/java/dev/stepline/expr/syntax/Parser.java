package dev.stepline.expr.syntax;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.PyBytes;
import dev.stepline.expr.lib.Ops.Binary;
import dev.stepline.expr.syntax.Nodes.Attribute;
import dev.stepline.expr.syntax.Nodes.BinaryOp;
import dev.stepline.expr.syntax.Nodes.BoolOp;
import dev.stepline.expr.syntax.Nodes.Call;
import dev.stepline.expr.syntax.Nodes.Compare;
import dev.stepline.expr.syntax.Nodes.Conditional;
import dev.stepline.expr.syntax.Nodes.DictDisplay;
import dev.stepline.expr.syntax.Nodes.Display;
import dev.stepline.expr.syntax.Nodes.Literal;
import dev.stepline.expr.syntax.Nodes.Name;
import dev.stepline.expr.syntax.Nodes.Not;
import dev.stepline.expr.syntax.Nodes.Slice;
import dev.stepline.expr.syntax.Nodes.Starred;
import dev.stepline.expr.syntax.Nodes.Subscript;
import dev.stepline.expr.syntax.Nodes.Unary;
import dev.stepline.expr.syntax.Token.Kind;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for Python 3 expressions, one method per grammar rule from {@code
 * expressions} down to {@code atom}. Lambda, the walrus operator and set comprehensions are
 * rejected with a SyntaxError that names the construct and the alternative.
 */
public final class Parser {
  /** The maximum depth of an expression tree; a chain of {@code +} adds one level per operand. */
  static final int MAX_DEPTH = 200;

  private final List<Token> tokens;
  private int current;

  private Parser(String source, int offset) {
    this.tokens = new Lexer(source, offset).tokenize();
  }

  /** Parses a whole expression, as {@code eval(source)} would. */
  public static Node parse(String source) {
    return limitedDepth(
        () -> {
          Parser parser = new Parser(source, 0);
          if (parser.peek().kind() == Kind.END) {
            throw new ExpressionException("SyntaxError", "empty expression", 1, null);
          }
          Node node = parser.expressions();
          parser.expectEnd();
          return node;
        });
  }

  /**
   * Parses text as the body of an f-string: {@code {expr}} fields are interpolated and {@code {{}}
   * / {@code }}} are literal braces. Backslashes in the text are kept as written.
   */
  public static Node parseFStringBody(String text) {
    return limitedDepth(() -> new FStringParser(text, 0, true).parse());
  }

  /**
   * Runs {@code parse} and rejects a tree deeper than {@link #MAX_DEPTH} levels, because the
   * evaluator and the checks walk the tree recursively. A parse that overflows the stack on the way
   * fails the same way.
   */
  private static Node limitedDepth(java.util.function.Supplier<Node> parse) {
    Node node;
    try {
      node = parse.get();
    } catch (StackOverflowError e) {
      throw tooDeep();
    }
    if (depth(node) > MAX_DEPTH) {
      throw tooDeep();
    }
    return node;
  }

  private static int depth(Node root) {
    java.util.ArrayDeque<Object[]> pending = new java.util.ArrayDeque<>();
    pending.push(new Object[] {root, 1});
    int deepest = 0;
    while (!pending.isEmpty()) {
      Object[] entry = pending.pop();
      int level = (Integer) entry[1];
      deepest = Math.max(deepest, level);
      for (Node child : Nodes.children((Node) entry[0])) {
        pending.push(new Object[] {child, level + 1});
      }
    }
    return deepest;
  }

  private static ExpressionException tooDeep() {
    return new ExpressionException(
        "SyntaxError",
        "the expression is nested too deeply (more than "
            + MAX_DEPTH
            + " levels); split it into several expressions, or compute parts in earlier steps",
        1,
        null);
  }

  /** Collects the names an expression reads from its context (not comprehension variables). */
  public static java.util.Set<String> freeNames(Node node) {
    java.util.Set<String> free = new java.util.LinkedHashSet<>();
    Nodes.collectFreeNames(node, new java.util.HashSet<>(), free);
    return free;
  }

  /** Visits every node of the tree. */
  public static void walk(Node node, java.util.function.Consumer<Node> visitor) {
    Nodes.walkAll(node, visitor);
  }

  /** Returns the name a node reads, or null when it is not a plain name. */
  public static String nameOf(Node node) {
    return node instanceof Name name ? name.id : null;
  }

  /** Returns the attribute a node reads, or null when it is not an attribute access. */
  public static String attributeOf(Node node) {
    return node instanceof Attribute attribute ? attribute.name : null;
  }

  /** Parses a field expression of an f-string that starts at {@code offset} in the source. */
  static Node parseField(String source, int offset) {
    return limitedDepth(
        () -> {
          Parser parser = new Parser(source, offset);
          if (parser.peek().kind() == Kind.END) {
            throw new ExpressionException(
                "SyntaxError", "f-string: empty expression not allowed", offset + 1, null);
          }
          Node node = parser.expressions();
          parser.expectEnd();
          return node;
        });
  }

  // ---- top level

  private Node expressions() {
    Node first = starredOrExpression();
    if (!peek().isOperator(",")) {
      if (first instanceof Starred) {
        throw error("can't use starred expression here", first.column);
      }
      return first;
    }
    List<Node> items = new ArrayList<>();
    items.add(first);
    while (match(",")) {
      if (!startsExpression()) {
        break;
      }
      items.add(starredOrExpression());
    }
    return new Display(first.column, Display.Kind.TUPLE, items);
  }

  private Node starredOrExpression() {
    Token star = peek();
    if (match("*")) {
      return new Starred(column(star), bitOr());
    }
    return expression();
  }

  private Node expression() {
    Token start = peek();
    if (start.isKeyword("lambda")) {
      throw unsupported(
          "lambda expressions are",
          start,
          "use a comprehension or a builtin such as map or sorted with key=None");
    }
    if (start.isKeyword("yield") || start.isKeyword("await")) {
      throw unsupported("'" + start.text() + "' is", start, "remove it");
    }
    Node node = disjunction();
    if (peek().isOperator(":=")) {
      throw unsupported(
          "assignment expressions (:=) are",
          peek(),
          "compute the value in an earlier step and read it by name");
    }
    if (peek().isKeyword("if")) {
      advance();
      Node test = disjunction();
      if (!peek().isKeyword("else")) {
        throw error("expected 'else' after 'if' expression", column(peek()));
      }
      advance();
      Node orElse = expression();
      return new Conditional(node.column, test, node, orElse);
    }
    return node;
  }

  private Node disjunction() {
    Node first = conjunction();
    if (!peek().isKeyword("or")) {
      return first;
    }
    List<Node> operands = new ArrayList<>(List.of(first));
    while (matchKeyword("or")) {
      operands.add(conjunction());
    }
    return new BoolOp(first.column, false, operands);
  }

  private Node conjunction() {
    Node first = inversion();
    if (!peek().isKeyword("and")) {
      return first;
    }
    List<Node> operands = new ArrayList<>(List.of(first));
    while (matchKeyword("and")) {
      operands.add(inversion());
    }
    return new BoolOp(first.column, true, operands);
  }

  private Node inversion() {
    Token start = peek();
    if (matchKeyword("not")) {
      return new Not(column(start), inversion());
    }
    return comparison();
  }

  private Node comparison() {
    Node first = bitOr();
    List<String> operators = new ArrayList<>();
    List<Node> operands = new ArrayList<>();
    while (true) {
      String operator = comparisonOperator();
      if (operator == null) {
        break;
      }
      operators.add(operator);
      operands.add(bitOr());
    }
    return operators.isEmpty() ? first : new Compare(first.column, first, operators, operands);
  }

  private String comparisonOperator() {
    Token token = peek();
    if (token.kind() == Kind.OPERATOR) {
      switch (token.text()) {
        case "==", "!=", "<", ">", "<=", ">=" -> {
          advance();
          return token.text();
        }
        default -> {
          return null;
        }
      }
    }
    if (token.isKeyword("in")) {
      advance();
      return "in";
    }
    if (token.isKeyword("not") && peekAt(1).isKeyword("in")) {
      advance();
      advance();
      return "not in";
    }
    if (token.isKeyword("is")) {
      advance();
      return matchKeyword("not") ? "is not" : "is";
    }
    return null;
  }

  private Node bitOr() {
    Node left = bitXor();
    while (peek().isOperator("|")) {
      advance();
      left = new BinaryOp(left.column, Binary.OR, left, bitXor());
    }
    return left;
  }

  private Node bitXor() {
    Node left = bitAnd();
    while (peek().isOperator("^")) {
      advance();
      left = new BinaryOp(left.column, Binary.XOR, left, bitAnd());
    }
    return left;
  }

  private Node bitAnd() {
    Node left = shift();
    while (peek().isOperator("&")) {
      advance();
      left = new BinaryOp(left.column, Binary.AND, left, shift());
    }
    return left;
  }

  private Node shift() {
    Node left = sum();
    while (peek().isOperator("<<") || peek().isOperator(">>")) {
      Binary operator = advance().text().equals("<<") ? Binary.LSHIFT : Binary.RSHIFT;
      left = new BinaryOp(left.column, operator, left, sum());
    }
    return left;
  }

  private Node sum() {
    Node left = term();
    while (peek().isOperator("+") || peek().isOperator("-")) {
      Binary operator = advance().text().equals("+") ? Binary.ADD : Binary.SUB;
      left = new BinaryOp(left.column, operator, left, term());
    }
    return left;
  }

  private Node term() {
    Node left = factor();
    while (true) {
      Binary operator =
          switch (peek().kind() == Kind.OPERATOR ? peek().text() : "") {
            case "*" -> Binary.MUL;
            case "/" -> Binary.DIV;
            case "//" -> Binary.FLOORDIV;
            case "%" -> Binary.MOD;
            case "@" -> Binary.MATMUL;
            default -> null;
          };
      if (operator == null) {
        return left;
      }
      advance();
      left = new BinaryOp(left.column, operator, left, factor());
    }
  }

  private Node factor() {
    Token token = peek();
    if (token.isOperator("-") || token.isOperator("+") || token.isOperator("~")) {
      advance();
      Node operand = factor();
      if (token.text().equals("-")
          && operand instanceof Literal literal
          && literal.value instanceof Long value
          && value != Long.MIN_VALUE) {
        return new Literal(column(token), -value);
      }
      return new Unary(column(token), token.text().charAt(0), operand);
    }
    return power();
  }

  private Node power() {
    Node base = primary();
    if (peek().isOperator("**")) {
      advance();
      return new BinaryOp(base.column, Binary.POW, base, factor());
    }
    return base;
  }

  // ---- primary and trailers

  private Node primary() {
    Node node = atom();
    while (true) {
      Token token = peek();
      if (token.isOperator(".")) {
        advance();
        Token name = peek();
        if (name.kind() != Kind.NAME && name.kind() != Kind.KEYWORD) {
          throw error(
              "expected an attribute name after '.' (found " + name.describe() + ")", column(name));
        }
        if (name.kind() == Kind.KEYWORD) {
          throw error(
              "invalid syntax (found keyword '" + name.text() + "' after '.')", column(name));
        }
        advance();
        node = new Attribute(node.column, node, name.text(), column(name));
      } else if (token.isOperator("(")) {
        advance();
        node = arguments(node);
      } else if (token.isOperator("[")) {
        advance();
        Node index = subscriptIndex();
        expect("]", "to close the subscript");
        node = new Subscript(node.column, node, index);
      } else {
        return node;
      }
    }
  }

  private Node arguments(Node function) {
    List<Node> positional = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Node> values = new ArrayList<>();
    while (!peek().isOperator(")")) {
      Token token = peek();
      if (match("*")) {
        positional.add(new Starred(column(token), expression()));
      } else if (match("**")) {
        names.add(null);
        values.add(expression());
      } else if (token.kind() == Kind.NAME && peekAt(1).isOperator("=")) {
        advance();
        advance();
        if (names.contains(token.text())) {
          throw error("keyword argument repeated: " + token.text(), column(token));
        }
        names.add(token.text());
        values.add(expression());
      } else {
        if (!names.isEmpty()) {
          throw error(
              names.get(names.size() - 1) == null
                  ? "positional argument follows keyword argument unpacking"
                  : "positional argument follows keyword argument",
              column(token));
        }
        Node argument = expression();
        if (peek().isKeyword("for")) {
          argument = comprehension(Comprehension.Kind.GENERATOR, argument, null);
          if (!positional.isEmpty() || !peek().isOperator(")")) {
            throw error("Generator expression must be parenthesized", argument.column);
          }
        }
        positional.add(argument);
      }
      if (!match(",")) {
        break;
      }
    }
    expect(")", "to close the call");
    return new Call(function.column, function, positional, names, values);
  }

  private Node subscriptIndex() {
    Node first = sliceItem();
    if (!peek().isOperator(",")) {
      return first;
    }
    List<Node> items = new ArrayList<>(List.of(first));
    while (match(",")) {
      if (peek().isOperator("]")) {
        break;
      }
      items.add(sliceItem());
    }
    return new Display(first.column, Display.Kind.TUPLE, items);
  }

  private Node sliceItem() {
    Token start = peek();
    Node lower = null;
    if (!start.isOperator(":")) {
      lower = starredOrExpression();
      if (!peek().isOperator(":")) {
        return lower;
      }
    }
    advance();
    Node upper =
        peek().isOperator(":") || peek().isOperator("]") || peek().isOperator(",")
            ? null
            : expression();
    Node step = null;
    if (match(":")) {
      step = peek().isOperator("]") || peek().isOperator(",") ? null : expression();
    }
    return new Slice(column(start), lower, upper, step);
  }

  // ---- atoms

  private Node atom() {
    Token token = peek();
    switch (token.kind()) {
      case NAME -> {
        advance();
        return new Name(column(token), token.text());
      }
      case NUMBER -> {
        advance();
        return new Literal(column(token), token.value());
      }
      case STRING, BYTES, FSTRING -> {
        return strings();
      }
      case KEYWORD -> {
        return keywordAtom(token);
      }
      case OPERATOR -> {
        return bracketAtom(token);
      }
      case END -> throw error("unexpected end of expression; an operand is missing", column(token));
      default -> throw error("invalid syntax (found " + token.describe() + ")", column(token));
    }
  }

  private Node keywordAtom(Token token) {
    switch (token.text()) {
      case "True" -> {
        advance();
        return new Literal(column(token), Boolean.TRUE);
      }
      case "False" -> {
        advance();
        return new Literal(column(token), Boolean.FALSE);
      }
      case "None" -> {
        advance();
        return new Literal(column(token), null);
      }
      case "lambda" ->
          throw unsupported(
              "lambda expressions are",
              token,
              "use a comprehension or a builtin such as map or sorted");
      default ->
          throw error("invalid syntax (found keyword '" + token.text() + "')", column(token));
    }
  }

  private Node bracketAtom(Token token) {
    switch (token.text()) {
      case "(" -> {
        advance();
        return parenthesized(token);
      }
      case "[" -> {
        advance();
        return listDisplay(token);
      }
      case "{" -> {
        advance();
        return braceDisplay(token);
      }
      case "..." -> throw unsupported("Ellipsis (...) is", token, "remove it");
      default -> throw error("invalid syntax (found " + token.describe() + ")", column(token));
    }
  }

  private Node parenthesized(Token open) {
    if (match(")")) {
      return new Literal(column(open), dev.stepline.expr.PyTuple.EMPTY);
    }
    Node first = starredOrExpression();
    if (peek().isKeyword("for")) {
      Node generator = comprehension(Comprehension.Kind.GENERATOR, first, null);
      expect(")", "to close the generator expression");
      return generator;
    }
    if (!peek().isOperator(",")) {
      expect(")", "to close the parenthesis");
      if (first instanceof Starred) {
        throw error("can't use starred expression here", first.column);
      }
      return first;
    }
    List<Node> items = new ArrayList<>(List.of(first));
    while (match(",")) {
      if (peek().isOperator(")")) {
        break;
      }
      items.add(starredOrExpression());
    }
    expect(")", "to close the tuple");
    return new Display(column(open), Display.Kind.TUPLE, items);
  }

  private Node listDisplay(Token open) {
    List<Node> items = new ArrayList<>();
    if (match("]")) {
      return new Display(column(open), Display.Kind.LIST, items);
    }
    Node first = starredOrExpression();
    if (peek().isKeyword("for")) {
      Node comprehension = comprehension(Comprehension.Kind.LIST, first, null);
      expect("]", "to close the list comprehension");
      return comprehension;
    }
    items.add(first);
    while (match(",")) {
      if (peek().isOperator("]")) {
        break;
      }
      items.add(starredOrExpression());
    }
    expect("]", "to close the list");
    return new Display(column(open), Display.Kind.LIST, items);
  }

  private Node braceDisplay(Token open) {
    List<Node> keys = new ArrayList<>();
    List<Node> values = new ArrayList<>();
    if (match("}")) {
      return new DictDisplay(column(open), keys, values);
    }
    if (match("**")) {
      keys.add(null);
      values.add(bitOr());
    } else {
      Node first = starredOrExpression();
      if (!peek().isOperator(":")) {
        return setDisplay(open, first);
      }
      advance();
      Node value = expression();
      if (peek().isKeyword("for")) {
        Node comprehension = comprehension(Comprehension.Kind.DICT, first, value);
        expect("}", "to close the dict comprehension");
        return comprehension;
      }
      keys.add(first);
      values.add(value);
    }
    while (match(",")) {
      if (peek().isOperator("}")) {
        break;
      }
      if (match("**")) {
        keys.add(null);
        values.add(bitOr());
        continue;
      }
      keys.add(expression());
      expect(":", "between a dict key and its value");
      values.add(expression());
    }
    expect("}", "to close the dict");
    return new DictDisplay(column(open), keys, values);
  }

  private Node setDisplay(Token open, Node first) {
    if (peek().isKeyword("for")) {
      throw unsupported(
          "set comprehensions are", open, "use set([...]) around a list comprehension");
    }
    List<Node> items = new ArrayList<>(List.of(first));
    while (match(",")) {
      if (peek().isOperator("}")) {
        break;
      }
      items.add(starredOrExpression());
    }
    expect("}", "to close the set");
    return new Display(column(open), Display.Kind.SET, items);
  }

  private Node comprehension(Comprehension.Kind kind, Node element, Node value) {
    if (element instanceof Starred) {
      throw error("iterable unpacking cannot be used in comprehension", element.column);
    }
    List<Comprehension.Clause> clauses = new ArrayList<>();
    while (peek().isKeyword("for") || peek().isKeyword("async")) {
      if (peek().isKeyword("async")) {
        throw unsupported("async comprehensions are", peek(), "remove 'async'");
      }
      advance();
      Comprehension.Target target = targetList();
      if (!matchKeyword("in")) {
        throw error(
            "expected 'in' after the loop variable (found " + peek().describe() + ")",
            column(peek()));
      }
      Node iterable = disjunction();
      List<Node> conditions = new ArrayList<>();
      while (matchKeyword("if")) {
        conditions.add(disjunction());
      }
      clauses.add(new Comprehension.Clause(target, iterable, conditions));
    }
    return new Comprehension(element.column, kind, element, value, clauses);
  }

  private Comprehension.Target targetList() {
    Token start = peek();
    Comprehension.Target first = target();
    if (!peek().isOperator(",")) {
      return first;
    }
    List<Comprehension.Target> items = new ArrayList<>(List.of(first));
    while (match(",")) {
      if (peek().isKeyword("in")) {
        break;
      }
      items.add(target());
    }
    return new Comprehension.Target(null, items, column(start));
  }

  private Comprehension.Target target() {
    Token token = peek();
    if (token.kind() == Kind.NAME) {
      advance();
      return new Comprehension.Target(token.text(), null, column(token));
    }
    if (token.isOperator("(") || token.isOperator("[")) {
      advance();
      String close = token.text().equals("(") ? ")" : "]";
      List<Comprehension.Target> items = new ArrayList<>();
      while (!peek().isOperator(close)) {
        items.add(target());
        if (!match(",")) {
          break;
        }
      }
      expect(close, "to close the loop variables");
      return new Comprehension.Target(null, items, column(token));
    }
    throw error("cannot assign to " + token.describe() + " in a comprehension", column(token));
  }

  // ---- string literals

  private Node strings() {
    Token first = peek();
    List<Token> parts = new ArrayList<>();
    while (peek().kind() == Kind.STRING
        || peek().kind() == Kind.BYTES
        || peek().kind() == Kind.FSTRING) {
      parts.add(advance());
    }
    boolean bytes = parts.get(0).kind() == Kind.BYTES;
    for (Token part : parts) {
      if ((part.kind() == Kind.BYTES) != bytes) {
        throw error("cannot mix bytes and nonbytes literals", column(part));
      }
    }
    if (bytes) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (Token part : parts) {
        out.writeBytes(((PyBytes) part.value()).data());
      }
      return new Literal(column(first), new PyBytes(out.toByteArray()));
    }
    if (parts.stream().noneMatch(part -> part.kind() == Kind.FSTRING)) {
      StringBuilder text = new StringBuilder();
      parts.forEach(part -> text.append((String) part.value()));
      return new Literal(column(first), text.toString());
    }
    List<Object> pieces = new ArrayList<>();
    for (Token part : parts) {
      if (part.kind() == Kind.STRING) {
        pieces.add(part.value());
      } else {
        Nodes.FString parsed = new FStringParser(part.text(), part.bodyStart(), part.raw()).parse();
        pieces.addAll(parsed.parts);
      }
    }
    return new Nodes.FString(column(first), pieces);
  }

  // ---- helpers

  private Token peek() {
    return tokens.get(current);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(current + ahead, tokens.size() - 1));
  }

  private Token advance() {
    Token token = tokens.get(current);
    if (token.kind() != Kind.END) {
      current++;
    }
    return token;
  }

  private boolean match(String operator) {
    if (peek().isOperator(operator)) {
      advance();
      return true;
    }
    return false;
  }

  private boolean matchKeyword(String keyword) {
    if (peek().isKeyword(keyword)) {
      advance();
      return true;
    }
    return false;
  }

  private void expect(String operator, String purpose) {
    if (!match(operator)) {
      Token token = peek();
      String message =
          token.kind() == Kind.END
              ? "'" + operator + "' was never closed; add '" + operator + "' " + purpose
              : "expected '" + operator + "' " + purpose + " (found " + token.describe() + ")";
      throw error(message, column(token));
    }
  }

  private void expectEnd() {
    Token token = peek();
    if (token.kind() != Kind.END) {
      if (token.isOperator("=")) {
        throw error("invalid syntax (found '='); use '==' to compare", column(token));
      }
      if (token.isOperator(":=")) {
        throw unsupported(
            "assignment expressions (:=) are",
            token,
            "compute the value in an earlier step and read it by name");
      }
      throw error("invalid syntax (found " + token.describe() + ")", column(token));
    }
  }

  private boolean startsExpression() {
    Token token = peek();
    return switch (token.kind()) {
      case END -> false;
      case OPERATOR ->
          switch (token.text()) {
            case "(", "[", "{", "-", "+", "~", "*" -> true;
            default -> false;
          };
      case KEYWORD ->
          switch (token.text()) {
            case "not", "None", "True", "False", "lambda" -> true;
            default -> false;
          };
      default -> true;
    };
  }

  private static int column(Token token) {
    return token.start() + 1;
  }

  private static ExpressionException error(String message, int column) {
    return new ExpressionException("SyntaxError", message, column, null);
  }

  private static ExpressionException unsupported(String what, Token token, String instead) {
    return new ExpressionException(
        "SyntaxError", what + " not supported; " + instead, column(token), null);
  }
}
