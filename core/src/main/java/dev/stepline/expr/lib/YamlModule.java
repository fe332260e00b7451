package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Py;
import dev.stepline.expr.PyBytes;
import dev.stepline.expr.PyDate;
import dev.stepline.expr.PyDateTime;
import dev.stepline.expr.PySet;
import dev.stepline.expr.PyTuple;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The {@code yaml} module with PyYAML's safe rules (YAML 1.1: {@code yes} is true), and the {@code
 * load_yaml} and {@code dump_yaml} builtins. SnakeYAML's emitter is a port of PyYAML's, so dumps
 * quote and indent as PyYAML does; keys are sorted, as PyYAML's {@code sort_keys} default does.
 */
final class YamlModule {
  private YamlModule() {}

  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:(?:[Tt]|[ \\t]+)(\\d{1,2}):(\\d{2}):(\\d{2})"
              + "(?:\\.(\\d*))?(?:[ \\t]*(Z|[-+]\\d{1,2}(?::?\\d{2})?))?)?");

  static PyModule module() {
    return new PyModule("yaml")
        .function("load", YamlModule::load)
        .function("safe_load", YamlModule::load)
        .function("dump", YamlModule::dump)
        .function("safe_dump", YamlModule::dump);
  }

  static Object load(Args a) {
    a.expect(1, 1, "Loader");
    String text = a.string(0);
    Limits.checkString(text.length());
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(Limits.MAX_STRING_LENGTH * 4);
    Yaml yaml =
        new Yaml(
            new PythonConstructor(options),
            new Representer(new DumperOptions()),
            new DumperOptions(),
            options,
            new PyYamlResolver());
    try {
      return toPython(yaml.load(text));
    } catch (YAMLException e) {
      throw new ExpressionException("YAMLError", e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static final class PythonConstructor extends SafeConstructor {
    PythonConstructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(
          Tag.TIMESTAMP,
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              return timestamp(((ScalarNode) node).getValue());
            }
          });
    }
  }

  private static Object timestamp(String text) {
    Matcher m = TIMESTAMP.matcher(text.trim());
    if (!m.matches()) {
      return text;
    }
    LocalDate date =
        LocalDate.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
    if (m.group(4) == null) {
      return new PyDate(date);
    }
    String fraction = m.group(7) == null ? "0" : (m.group(7) + "000000").substring(0, 6);
    LocalDateTime local =
        date.atTime(
            Integer.parseInt(m.group(4)),
            Integer.parseInt(m.group(5)),
            Integer.parseInt(m.group(6)),
            Integer.parseInt(fraction) * 1000);
    String zone = m.group(8);
    if (zone == null) {
      return new PyDateTime(local, null);
    }
    ZoneOffset offset;
    if (zone.equals("Z")) {
      offset = ZoneOffset.UTC;
    } else {
      String[] parts = zone.substring(1).split(":");
      int hours = Integer.parseInt(parts[0].length() > 2 ? parts[0].substring(0, 2) : parts[0]);
      int minutes =
          parts.length > 1
              ? Integer.parseInt(parts[1])
              : parts[0].length() > 2 ? Integer.parseInt(parts[0].substring(2)) : 0;
      int seconds = (hours * 3600 + minutes * 60) * (zone.charAt(0) == '-' ? -1 : 1);
      offset = ZoneOffset.ofTotalSeconds(seconds);
    }
    return new PyDateTime(local, offset);
  }

  /** Converts what SnakeYAML built into expression values. */
  static Object toPython(Object value) {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof BigInteger big) {
      return Py.normalize(big);
    }
    if (value instanceof byte[] bytes) {
      return new PyBytes(bytes);
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>(list.size());
      list.forEach(item -> items.add(toPython(item)));
      return items;
    }
    if (value instanceof Set<?> set) {
      List<Object> items = new ArrayList<>();
      set.forEach(item -> items.add(toPython(item)));
      return PySet.of(false, items);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> dict = new LinkedHashMap<>();
      map.forEach(
          (key, item) -> {
            Object pyKey = toPython(key);
            if (pyKey instanceof List<?> list) {
              pyKey = PyTuple.copyOf(list);
            }
            Py.dictPut(dict, pyKey, toPython(item));
          });
      return dict;
    }
    return value;
  }

  static Object dump(Args a) {
    a.expect(1, 1, "default_flow_style", "sort_keys", "allow_unicode", "indent", "Dumper", "width");
    DumperOptions options = new DumperOptions();
    Object flow = a.keywords.getOrDefault("default_flow_style", false);
    options.setDefaultFlowStyle(
        flow == null
            ? DumperOptions.FlowStyle.AUTO
            : Py.isTruthy(flow) ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
    options.setAllowUnicode(Py.isTruthy(a.keywords.getOrDefault("allow_unicode", false)));
    options.setIndent((int) a.integer(-1, "indent", 2));
    options.setSplitLines(true);
    options.setWidth((int) a.integer(-1, "width", 80));
    options.setPrettyFlow(false);
    boolean sortKeys = Py.isTruthy(a.keywords.getOrDefault("sort_keys", true));
    Representer representer =
        new Representer(options) {
          {
            this.representers.put(
                Double.class, data -> representScalar(Tag.FLOAT, floatText((Double) data)));
            // No literal block for multi-line strings: the emitter picks the style, as PyYAML's.
            // PyYAML single-quotes a multi-line string where SnakeYAML would write it plain.
            this.representers.put(
                String.class,
                data ->
                    representScalar(
                        Tag.STR,
                        (String) data,
                        ((String) data).indexOf('\n') >= 0
                            ? DumperOptions.ScalarStyle.SINGLE_QUOTED
                            : DumperOptions.ScalarStyle.PLAIN));
          }
        };
    Yaml yaml =
        new Yaml(
            new SafeConstructor(new LoaderOptions()),
            representer,
            options,
            new LoaderOptions(),
            new PyYamlResolver());
    Object data = toJava(a.get(0), sortKeys);
    String text = yaml.dump(data);
    if (!(data instanceof Map || data instanceof List)
        && !text.startsWith("'")
        && !text.startsWith("\"")
        && !text.startsWith("|")
        && !text.startsWith(">")) {
      text = text + "...\n";
    }
    return Limits.checked(upperCaseEscapes(text));
  }

  /** Writes hex escapes in upper case ({@code \xE9}), as PyYAML's emitter does. */
  private static String upperCaseEscapes(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      out.append(c);
      i++;
      if (c != '\\' || i >= text.length()) {
        continue;
      }
      char kind = text.charAt(i);
      int digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
      out.append(kind);
      i++;
      if (digits > 0 && i + digits <= text.length()) {
        out.append(text.substring(i, i + digits).toUpperCase());
        i += digits;
      }
    }
    return out.toString();
  }

  private static String floatText(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    String repr = Py.repr(d);
    if (!repr.contains(".") && repr.contains("e")) {
      repr = repr.replace("e", ".0e");
    }
    return repr;
  }

  private static Object toJava(Object value, boolean sortKeys) {
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>();
      list.forEach(item -> items.add(toJava(item, sortKeys)));
      return items;
    }
    if (value instanceof PyTuple tuple) {
      return toJava(tuple.items(), sortKeys);
    }
    if (Py.isMapping(value)) {
      List<Map.Entry<Object, Object>> entries = new ArrayList<>(Py.asMap(value).entrySet());
      if (sortKeys) {
        entries.sort((x, y) -> Integer.signum(Py.compare(x.getKey(), y.getKey(), "<")));
      }
      Map<Object, Object> map = new LinkedHashMap<>();
      entries.forEach(
          entry -> map.put(toJava(entry.getKey(), sortKeys), toJava(entry.getValue(), sortKeys)));
      return map;
    }
    if (value instanceof BigInteger
        || value instanceof Long
        || value instanceof Boolean
        || value instanceof Double
        || value instanceof String
        || value == null) {
      return value;
    }
    if (Py.isInt(value)) {
      return Py.smallInt(value);
    }
    if (value instanceof PyDateTime || value instanceof PyDate) {
      return Py.str(value);
    }
    throw new ExpressionException(
        "RepresenterError", "cannot represent an object: " + Py.repr(value));
  }
}
