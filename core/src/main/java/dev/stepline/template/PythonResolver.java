package dev.stepline.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.Namespace;
import com.hubspot.jinjava.objects.PyWrapper;
import com.hubspot.jinjava.util.ForLoop;
import java.beans.FeatureDescriptor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Resolves attributes, items and method calls the way Jinja2 does on Python values, and nothing
 * else: mappings by key, sequences and strings by index, and the allow-listed methods of {@link
 * PythonMethods}. No Java object, class or bean property is ever reachable, so {@code
 * ''.getClass()} fails like any other missing attribute.
 */
final class PythonResolver extends ELResolver {

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base == null) {
      return null;
    }
    context.setPropertyResolved(true);
    if (base instanceof Undefined) {
      throw ((Undefined) base).error();
    }
    if (base instanceof Map) {
      return mappingItem((Map<?, ?>) base, property);
    }
    if (base instanceof List) {
      return sequenceItem((List<?>) base, property);
    }
    if (base instanceof String) {
      return stringItem((String) base, property);
    }
    if (base instanceof ForLoop) {
      return loopAttribute((ForLoop) base, String.valueOf(property));
    }
    return Undefined.attribute(base, property);
  }

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (base == null) {
      return null;
    }
    context.setPropertyResolved(true);
    if (base instanceof Undefined) {
      throw ((Undefined) base).error();
    }
    Object[] arguments = params == null ? new Object[0] : params;
    if (base instanceof Filter && "filter".equals(method)) {
      return invokeFilter((Filter) base, arguments);
    }
    if (base instanceof ExpTest) {
      return invokeTest((ExpTest) base, String.valueOf(method), arguments);
    }
    if (base instanceof ForLoop && "cycle".equals(method)) {
      return ((ForLoop) base).cycle(arguments);
    }
    return PythonMethods.call(base, String.valueOf(method), arguments);
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    if (base instanceof Namespace || base instanceof Map && base instanceof PyWrapper) {
      context.setPropertyResolved(true);
      @SuppressWarnings("unchecked")
      Map<Object, Object> map = (Map<Object, Object>) base;
      map.put(String.valueOf(property), value);
      return;
    }
    throw new TemplateFailure(
        "TypeError", PythonValues.objectTypeRepr(base) + " does not support item assignment");
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return !(base instanceof Namespace);
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return base == null ? null : Object.class;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return base == null ? null : Object.class;
  }

  @SuppressWarnings("unchecked")
  private static Object invokeFilter(Filter filter, Object[] arguments) {
    JinjavaInterpreter interpreter = (JinjavaInterpreter) arguments[1];
    return filter.filter(
        arguments[0], interpreter, (Object[]) arguments[2], (Map<String, Object>) arguments[3]);
  }

  private static Object invokeTest(ExpTest test, String method, Object[] arguments) {
    JinjavaInterpreter interpreter = (JinjavaInterpreter) arguments[1];
    Object[] rest = Arrays.copyOfRange(arguments, 2, arguments.length);
    if (rest.length == 1 && rest[0] instanceof Object[]) {
      rest = (Object[]) rest[0];
    }
    if ("evaluateNegated".equals(method)) {
      return test.evaluateNegated(arguments[0], interpreter, rest);
    }
    return test.evaluate(arguments[0], interpreter, rest);
  }

  private static Object loopAttribute(ForLoop loop, String name) {
    switch (name) {
      case "index":
        return (long) loop.getIndex();
      case "index0":
        return (long) loop.getIndex0();
      case "revindex":
        return (long) loop.getRevindex();
      case "revindex0":
        return (long) loop.getRevindex0();
      case "first":
        return loop.isFirst();
      case "last":
        return loop.isLast();
      case "length":
        return (long) loop.getLength();
      case "depth":
        return (long) loop.getDepth();
      case "depth0":
        return (long) loop.getDepth0();
      default:
        return Undefined.attribute(loop, name);
    }
  }

  private static Object mappingItem(Map<?, ?> map, Object key) {
    if (map.containsKey(key)) {
      return map.get(key);
    }
    // Jinjava passes every property as a string, so an integer key written as d[1] arrives as "1".
    Object integerKey = integerOrNull(key);
    if (integerKey != null && map.containsKey(integerKey)) {
      return map.get(integerKey);
    }
    return Undefined.attribute(map, key);
  }

  private static Object sequenceItem(List<?> list, Object property) {
    Long index = integerOrNull(property);
    if (index == null) {
      return Undefined.attribute(list, property);
    }
    long position = index < 0 ? index + list.size() : index;
    if (position < 0 || position >= list.size()) {
      return Undefined.attribute(list, index);
    }
    return list.get((int) position);
  }

  private static Object stringItem(String text, Object property) {
    Long index = integerOrNull(property);
    if (index == null) {
      return Undefined.attribute(text, property);
    }
    int length = text.codePointCount(0, text.length());
    long position = index < 0 ? index + length : index;
    if (position < 0 || position >= length) {
      return Undefined.attribute(text, index);
    }
    int start = text.offsetByCodePoints(0, (int) position);
    return new String(Character.toChars(text.codePointAt(start)));
  }

  private static Long integerOrNull(Object property) {
    if (property instanceof Long || property instanceof Integer) {
      return ((Number) property).longValue();
    }
    if (property instanceof String) {
      String text = (String) property;
      if (text.matches("-?\\d{1,18}")) {
        return Long.parseLong(text);
      }
    }
    return null;
  }
}
