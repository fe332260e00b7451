package dev.stepline.template;

import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.objects.collections.PyList;
import com.hubspot.jinjava.objects.collections.PyMap;
import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyMapping;
import dev.stepline.expr.PySet;
import dev.stepline.expr.PyTuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where the template engine meets the expression engine's value model ({@link Py}):
 * Python {@code str()}, {@code repr()}, truth and type names, the conversions between Jinjava's
 * values and Python's, and the public exception type.
 *
 * <p>Inside a render, a Python tuple is a {@link Tuple} and a {@link PyMapping} is a {@link
 * MappingView}, because Jinjava unpacks loop variables and looks up keys only on {@code List} and
 * {@code Map}. {@link #toPython} turns them back before printing.
 */
final class PythonValues {
  private PythonValues() {}

  /** Returns Python's {@code str(value)}, and the empty string for Undefined. */
  static String str(Object value) {
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Undefined || value instanceof SafeString) {
      return value.toString();
    }
    return Py.str(toPython(value));
  }

  /** Returns Python's {@code repr(value)}. */
  static String repr(Object value) {
    return Py.repr(toPython(value));
  }

  /** Returns Python's truth value of {@code value}, and false for Undefined. */
  static boolean isTruthy(Object value) {
    if (value instanceof Undefined) {
      return false;
    }
    if (value instanceof SafeString) {
      return !value.toString().isEmpty();
    }
    return Py.isTruthy(value);
  }

  /** Returns the Python type name of {@code value}, such as {@code str} or {@code NoneType}. */
  static String typeName(Object value) {
    if (value instanceof Undefined) {
      return "Undefined";
    }
    if (value instanceof SafeString) {
      return "str";
    }
    Object unwrapped = unwrap(value);
    if (unwrapped instanceof MappingView) {
      return ((MappingView) unwrapped).mapping().typeName();
    }
    if (isTuple(unwrapped)) {
      return "tuple";
    }
    return Py.typeName(unwrapped);
  }

  /** Returns how Jinja2 names the type of {@code value} in messages: {@code 'str object'}. */
  static String objectTypeRepr(Object value) {
    if (value == null) {
      return "None";
    }
    return "'" + typeName(value) + " object'";
  }

  static boolean isInteger(Object value) {
    return value instanceof Long
        || value instanceof Integer
        || value instanceof BigInteger
        || value instanceof Short
        || value instanceof Byte;
  }

  /** Returns whether {@code value} is a tuple: ours, or a Jinjava tuple literal such as (1, 2). */
  static boolean isTuple(Object value) {
    if (value instanceof Tuple || value instanceof PyTuple) {
      return true;
    }
    if (value instanceof PyList) {
      List<Object> inner = ((PyList) value).toList();
      return inner instanceof Tuple || inner.getClass().getName().contains("Unmodifiable");
    }
    return false;
  }

  /** Returns the list or map inside Jinjava's wrapper of it, or {@code value} itself. */
  private static Object unwrap(Object value) {
    if (value instanceof PyList) {
      return ((PyList) value).toList();
    }
    if (value instanceof PyMap) {
      return ((PyMap) value).toMap();
    }
    return value;
  }

  /** Returns {@code value} in the form templates work on, wrapping containers without copying. */
  static Object toTemplate(Object value) {
    if (value instanceof PyMapping) {
      return new MappingView((PyMapping) value);
    }
    if (value instanceof PyTuple) {
      return new Tuple(((PyTuple) value).items().toArray());
    }
    if (value instanceof PySet) {
      return ((PySet) value).toList();
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    return value;
  }

  /** Returns {@code value} in the expression engine's value model, converting nested values. */
  static Object toPython(Object value) {
    if (value instanceof PyTuple || value instanceof PyMapping) {
      return value;
    }
    boolean tuple = isTuple(value);
    value = unwrap(value);
    if (value instanceof MappingView) {
      return ((MappingView) value).mapping();
    }
    if (value instanceof SafeString) {
      return value.toString();
    }
    if (value instanceof Undefined) {
      return UNDEFINED_REPR;
    }
    if (tuple) {
      List<Object> items = new ArrayList<>();
      for (Object item : (List<?>) value) {
        items.add(toPython(item));
      }
      return PyTuple.copyOf(items);
    }
    if (value instanceof List) {
      List<Object> converted = new ArrayList<>();
      boolean changed = false;
      for (Object item : (List<?>) value) {
        Object python = toPython(item);
        changed |= python != item;
        converted.add(python);
      }
      return changed ? converted : value;
    }
    if (value instanceof Map) {
      Map<Object, Object> converted = new LinkedHashMap<>();
      boolean changed = false;
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        Object python = toPython(entry.getValue());
        changed |= python != entry.getValue();
        converted.put(entry.getKey(), python);
      }
      return changed ? converted : value;
    }
    return value;
  }

  /** Converts a failure inside the engine into the public exception. */
  static TemplateException toException(TemplateFailure failure) {
    return new TemplateException(
        failure.type(), failure.detail(), failure.line(), failure.column());
  }

  /** Returns the failure for an error that the expression engine raised inside a template. */
  static TemplateFailure fromExpression(ExpressionException error) {
    return new TemplateFailure(error.type(), error.getMessage());
  }

  /**
   * The stand-in that prints an Undefined value inside a container as Jinja2 does: {@code
   * [Undefined]}.
   */
  private static final Object UNDEFINED_REPR =
      new dev.stepline.expr.PyObject() {
        @Override
        public String typeName() {
          return "Undefined";
        }

        @Override
        public String repr() {
          return "Undefined";
        }
      };
}
