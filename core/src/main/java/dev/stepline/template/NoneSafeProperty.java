package dev.stepline.template;

import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELContext;

/**
 * Attribute and item access that yields Jinja2's Undefined on {@code None}, where Java EL would
 * return null, so that {@code {{ none.x }}} renders empty instead of printing {@code None}.
 */
final class NoneSafeProperty {
  private NoneSafeProperty() {}

  static final class Dot extends AstDot {
    Dot(AstNode base, String property, boolean lvalue) {
      super(base, property, lvalue);
    }

    @Override
    public Object eval(Bindings bindings, ELContext context) {
      Object base = prefix.eval(bindings, context);
      if (base == null) {
        return Undefined.attribute(null, property);
      }
      return resolve(context, base, property);
    }
  }

  static final class Bracket extends AstBracket {
    Bracket(AstNode base, AstNode property, boolean lvalue, boolean strict) {
      super(base, property, lvalue, strict);
    }

    @Override
    public Object eval(Bindings bindings, ELContext context) {
      Object base = prefix.eval(bindings, context);
      Object key = property.eval(bindings, context);
      if (base == null) {
        return Undefined.attribute(null, key);
      }
      return resolve(context, base, key);
    }
  }

  private static Object resolve(ELContext context, Object base, Object property) {
    context.setPropertyResolved(false);
    return context.getELResolver().getValue(context, base, property);
  }
}
