package dev.stepline.template;

import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.PowerOfOperator;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import com.hubspot.jinjava.el.ext.TruncDivOperator;
import java.util.Map;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser.ExtensionHandler;
import jinjava.de.odysseus.el.tree.impl.Parser.ExtensionPoint;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;

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

  PythonParser(Builder builder, String input) {
    super(builder, input);
    putExtensionHandler(
        TruncDivOperator.TOKEN, binary(ExtensionPoint.MUL, PythonOperators.FLOOR_DIV));
    putExtensionHandler(PowerOfOperator.TOKEN, binary(ExtensionPoint.MUL, PythonOperators.POW));
    putExtensionHandler(
        StringConcatOperator.TOKEN, binary(ExtensionPoint.ADD, PythonOperators.CONCAT));
  }

  @Override
  protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
    return super.createAstBinary(left, right, REPLACED.getOrDefault(operator, operator));
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
