package dev.stepline.load;

import java.math.BigInteger;
import java.time.ZoneOffset;
import java.util.Date;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Converts a YAML scalar to a JSON-like Java value with YAML 1.1 rules, as PyYAML does: {@code
 * yes}/{@code no}/{@code on}/{@code off} are booleans, {@code 0o17} and {@code 017} are octal,
 * {@code 1:30} is sexagesimal, {@code ~} is null.
 *
 * <p>Integers become {@link Long} (or {@link BigInteger} beyond its range), floats {@link Double}.
 * Timestamps and {@code !!binary} values stay the strings the user wrote, because JSON has no type
 * for them.
 */
final class ScalarConverter extends SafeConstructor {

  ScalarConverter() {
    super(new LoaderOptions());
  }

  /**
   * Returns the scalar's value.
   *
   * @throws org.yaml.snakeyaml.error.YAMLException when the scalar has an unknown tag or a value
   *     that does not fit its tag
   */
  Object convert(ScalarNode node) {
    Tag tag = node.getTag();
    if (tag.equals(Tag.TIMESTAMP) || tag.equals(Tag.BINARY)) {
      return node.getValue();
    }
    Object value = constructObject(node);
    return normalise(value);
  }

  private static Object normalise(Object value) {
    if (value instanceof Integer integer) {
      return integer.longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    }
    if (value instanceof Float single) {
      return single.doubleValue();
    }
    if (value instanceof Date date) {
      return date.toInstant().atOffset(ZoneOffset.UTC).toString();
    }
    return value;
  }
}
