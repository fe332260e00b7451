package dev.stepline.template;

import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.el.ext.CollectionNonMembershipOperator;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.PowerOfOperator;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import com.hubspot.jinjava.el.ext.TruncDivOperator;
import java.math.BigInteger;
import java.util.Map;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser.ExtensionHandler;
import jinjava.de.odysseus.el.tree.impl.Parser.ExtensionPoint;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.Scanner.ScanException;
import jinjava.de.odysseus.el.tree.impl.Scanner.Symbol;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELContext;

/** Jinjava's expression parser with Python's binary operators ({@link PythonOperators}). */
final class PythonParser extends ExtendedParser {
  private static final Map<AstBinary.Operator, AstBinary.Operator> REPLACED =
      Map.ofEntries(
          Map.entry(AdditionOperator.OP, PythonOperators.ADD),
          Map.entry(AstBinary.ADD, PythonOperators.ADD),
          Map.entry(AstBinary.SUB, PythonOperators.SUB),
          Map.entry(AstBinary.MUL, PythonOperators.MUL),
          Map.entry(AstBinary.DIV, PythonOperators.DIV),
          Map.entry(AstBinary.MOD, PythonOperators.MOD),
          Map.entry(AstBinary.EQ, PythonOperators.EQ),
          Map.entry(AstBinary.NE, PythonOperators.NE),
          Map.entry(AstBinary.LT, PythonOperators.LT),
          Map.entry(AstBinary.LE, PythonOperators.LE),
          Map.entry(AstBinary.GT, PythonOperators.GT),
          Map.entry(AstBinary.GE, PythonOperators.GE),
          Map.entry(AstBinary.AND, PythonOperators.AND));

  private static final Map<Symbol, AstBinary.Operator> ORDERING =
      Map.of(
          Symbol.LT, AstBinary.LT,
          Symbol.LE, AstBinary.LE,
          Symbol.GE, AstBinary.GE,
          Symbol.GT, AstBinary.GT);

  PythonParser(Builder builder, String input) {
    super(builder, input);
    putExtensionHandler(
        TruncDivOperator.TOKEN, binary(ExtensionPoint.MUL, PythonOperators.FLOOR_DIV));
    putExtensionHandler(PowerOfOperator.TOKEN, binary(ExtensionPoint.MUL, PythonOperators.POW));
    putExtensionHandler(
        StringConcatOperator.TOKEN, binary(ExtensionPoint.ADD, PythonOperators.CONCAT));
  }

  @Override
  protected Scanner createScanner(String expression) {
    return new PythonScanner(expression);
  }

  /** Parses integer literals of any size, as Python's ints have no limit. */
  @Override
  protected Number parseInteger(String string) throws ParseException {
    BigInteger value = new BigInteger(string);
    return Numbers.normalize(value);
  }

  @Override
  protected AstDot createAstDot(AstNode base, String property, boolean lvalue) {
    return new NoneSafeProperty.Dot(base, property, lvalue);
  }

  @Override
  protected AstBracket createAstBracket(
      AstNode base, AstNode property, boolean lvalue, boolean strict) {
    return new NoneSafeProperty.Bracket(base, property, lvalue, strict);
  }

  /**
   * Parses a run of comparisons such as {@code a < b <= c}; Jinjava's version stops after the first
   * one. {@link #createAstBinary} turns the run into a Python comparison chain.
   */
  @Override
  protected AstNode cmp(boolean required) throws ScanException, ParseException {
    AstNode v = add(required);
    if (v == null) {
      return null;
    }
    while (true) {
      Symbol symbol = getToken().getSymbol();
      AstBinary.Operator operator = ORDERING.get(symbol);
      if (operator != null) {
        consumeToken();
        v = createAstBinary(v, add(true), operator);
      } else if (symbol == Symbol.EXTENSION
          && getExtensionHandler(getToken()).getExtensionPoint() == ExtensionPoint.CMP) {
        v = getExtensionHandler(consumeToken()).createAstNode(v, add(true));
      } else if ("not".equals(getToken().getImage()) && "in".equals(lookahead(0).getImage())) {
        consumeToken();
        consumeToken();
        v = getExtensionHandler(CollectionNonMembershipOperator.TOKEN).createAstNode(v, add(true));
      } else {
        return v;
      }
    }
  }

  @Override
  protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
    AstBinary.Operator python = REPLACED.getOrDefault(operator, operator);
    if (python instanceof PythonOperators
        && ((PythonOperators) python).isComparison()
        && isComparison(left)) {
      return new AstBinary(left, right, new ComparisonChain((PythonOperators) python));
    }
    return super.createAstBinary(left, right, python);
  }

  /** Tells whether {@code node} is an unparenthesized comparison, which a next one extends. */
  private static boolean isComparison(AstNode node) {
    if (!(node instanceof AstBinary)) {
      return false;
    }
    AstBinary.Operator operator = ((AstBinary) node).getOperator();
    return operator instanceof ComparisonChain
        || operator instanceof PythonOperators && ((PythonOperators) operator).isComparison();
  }

  /**
   * Python's {@code a < b < c}: true when {@code a < b} and {@code b < c}, with {@code c} evaluated
   * only when the first link holds. The middle operand is evaluated twice.
   */
  private static final class ComparisonChain implements AstBinary.Operator {
    private final PythonOperators link;

    ComparisonChain(PythonOperators link) {
      this.link = link;
    }

    @Override
    public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
      if (!PythonValues.isTruthy(left.eval(bindings, context))) {
        return false;
      }
      Object middle = ((AstBinary) left).getChild(1).eval(bindings, context);
      return link.apply(middle, right.eval(bindings, context));
    }

    @Override
    public String toString() {
      return link.toString();
    }
  }

  private static ExtensionHandler binary(ExtensionPoint point, PythonOperators operator) {
    return new ExtensionHandler(point) {
      @Override
      public AstNode createAstNode(AstNode... children) {
        return new AstBinary(children[0], children[1], operator);
      }
    };
  }
}
