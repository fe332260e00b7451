package dev.stepline.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The methods of Python's {@code str}, {@code dict} and {@code list} that templates may call. Any
 * other method name fails with Jinja2's {@code UndefinedError} message, so no Java method is ever
 * invoked on a template value.
 */
final class PythonMethods {
  private PythonMethods() {}

  static Object call(Object base, String name, Object[] args) {
    if (base instanceof String) {
      return stringMethod((String) base, name, args);
    }
    if (base instanceof Map) {
      return mappingMethod((Map<?, ?>) base, name, args);
    }
    if (base instanceof List) {
      return listMethod((List<?>) base, name, args);
    }
    throw noAttribute(base, name);
  }

  private static Object stringMethod(String text, String name, Object[] args) {
    switch (name) {
      case "upper":
        return text.toUpperCase(Locale.ROOT);
      case "lower":
        return text.toLowerCase(Locale.ROOT);
      case "strip":
        return strip(text, argument(args, 0), true, true);
      case "lstrip":
        return strip(text, argument(args, 0), true, false);
      case "rstrip":
        return strip(text, argument(args, 0), false, true);
      case "title":
        return Strings.title(text);
      case "capitalize":
        return Strings.capitalize(text);
      case "startswith":
        return text.startsWith(stringArgument(args, 0, name));
      case "endswith":
        return text.endsWith(stringArgument(args, 0, name));
      case "replace":
        return Strings.replace(
            text,
            stringArgument(args, 0, name),
            stringArgument(args, 1, name),
            args.length > 2 ? ((Number) args[2]).longValue() : -1);
      case "split":
        return Strings.split(
            text, (String) argument(args, 0), args.length > 1 ? ((Number) args[1]).intValue() : -1);
      case "join":
        return Strings.join(text, args[0]);
      case "find":
        return (long) text.indexOf(stringArgument(args, 0, name));
      case "count":
        return Strings.count(text, stringArgument(args, 0, name));
      case "isdigit":
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
      case "isalpha":
        return !text.isEmpty() && text.chars().allMatch(Character::isLetter);
      case "isupper":
        return !text.equals(text.toLowerCase(Locale.ROOT))
            && text.equals(text.toUpperCase(Locale.ROOT));
      case "islower":
        return !text.equals(text.toUpperCase(Locale.ROOT))
            && text.equals(text.toLowerCase(Locale.ROOT));
      case "zfill":
        return Strings.zfill(text, ((Number) args[0]).intValue());
      case "format":
        return Strings.format(text, args);
      default:
        throw noAttribute(text, name);
    }
  }

  private static Object mappingMethod(Map<?, ?> map, String name, Object[] args) {
    switch (name) {
      case "get":
        if (map.containsKey(args[0])) {
          return map.get(args[0]);
        }
        return args.length > 1 ? args[1] : null;
      case "keys":
        return new ArrayList<>(map.keySet());
      case "values":
        return new ArrayList<>(map.values());
      case "items":
        List<Object> items = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          items.add(new Tuple(entry.getKey(), entry.getValue()));
        }
        return items;
      case "copy":
        return new LinkedHashMap<>(map);
      default:
        throw noAttribute(map, name);
    }
  }

  private static Object listMethod(List<?> list, String name, Object[] args) {
    switch (name) {
      case "index":
        int position = list.indexOf(args[0]);
        if (position < 0) {
          throw new TemplateFailure("ValueError", PythonValues.repr(args[0]) + " is not in list");
        }
        return (long) position;
      case "count":
        return list.stream().filter(item -> java.util.Objects.equals(item, args[0])).count();
      case "append":
        @SuppressWarnings("unchecked")
        List<Object> target = (List<Object>) list;
        target.add(args[0]);
        return null;
      default:
        throw noAttribute(list, name);
    }
  }

  static TemplateFailure noAttribute(Object base, String name) {
    return new TemplateFailure(
        "UndefinedError",
        PythonValues.objectTypeRepr(base) + " has no attribute " + PythonValues.repr(name));
  }

  private static Object argument(Object[] args, int index) {
    return index < args.length ? args[index] : null;
  }

  private static String stringArgument(Object[] args, int index, String method) {
    Object value = argument(args, index);
    if (!(value instanceof String)) {
      throw new TemplateFailure(
          "TypeError",
          method
              + "() argument "
              + (index + 1)
              + " must be str, not "
              + PythonValues.typeName(value));
    }
    return (String) value;
  }

  private static String strip(Object text, Object chars, boolean left, boolean right) {
    return Strings.strip((String) text, (String) chars, left, right);
  }
}
