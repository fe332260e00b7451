package dev.stepline.expr.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates expressions from templates with random operands, so the suite covers operator and
 * formatting corners no one writes by hand: mixed int and float arithmetic, big ints, rounding
 * halves, slices with negative steps, format specs and comparisons across types. The seed is fixed,
 * so every run checks the same expressions.
 */
final class ExpressionGenerator {
  private static final String[] INTS = {
    "0",
    "1",
    "-1",
    "2",
    "3",
    "-3",
    "7",
    "-7",
    "10",
    "13",
    "-13",
    "100",
    "255",
    "-256",
    "1000",
    "12345",
    "-98765",
    "2147483647",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "123456789012345678901234567890",
    "True",
    "False"
  };
  private static final String[] FLOATS = {
    "0.0",
    "-0.0",
    "0.1",
    "0.2",
    "0.5",
    "1.5",
    "2.5",
    "-2.5",
    "3.0",
    "-3.75",
    "1e16",
    "1e-7",
    "123.456",
    "2.675",
    "1e22",
    "1e300",
    "0.30000000000000004",
    "7.0",
    "-0.5",
    "1234567.891",
    "float('inf')",
    "float('-inf')",
    "3.14159",
    "1/3",
    "2**0.5"
  };
  private static final String[] STRINGS = {
    "''", "'a'", "'abc'", "'Hello, World'", "'  padded  '", "'a,b,,c'", "'MiXeD cAsE'",
    "'line1\\nline2'", "'tab\\tsep'", "'über'", "'x-y_z'", "'12'", "'-3.5'", "'it\\'s'",
    "'\"q\"'", "'日本語'", "'a b  c'"
  };
  private static final String[] LISTS = {
    "[]", "[1]", "[3, 1, 2]", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", "['b', 'a', 'c']",
    "[1.5, -2, 3]", "[[1, 2], [3]]", "[None, True, 0]", "list(range(10))", "_['items']"
  };
  private static final String[] BINARY = {"+", "-", "*", "/", "//", "%"};
  private static final String[] COMPARE = {"==", "!=", "<", "<=", ">", ">="};
  private static final String[] BITWISE = {"&", "|", "^", "<<", ">>"};
  private static final String[] SPECS = {
    "", "d", ">8", "<8", "^9", "08.3f", ".2f", ".0f", ",", "_", ",.2f", "+", " ", "e", ".3e", "g",
    ".3g", ".10g", "%", ".1%", "x", "#x", "X", "o", "#b", "b", "*^12", "=+10", ".2", ".5", "10.4g",
    "E", "G", "n", "-", "c"
  };
  private static final String[] STR_SPECS = {"", "s", ">10", "<10", "^10", "*<7", ".2", "10.3"};
  private static final String[] STR_METHODS = {
    "upper()",
    "lower()",
    "title()",
    "capitalize()",
    "swapcase()",
    "strip()",
    "lstrip()",
    "rstrip()",
    "split()",
    "split(',')",
    "split(',', 1)",
    "rsplit(',', 1)",
    "split(' ')",
    "splitlines()",
    "find('a')",
    "rfind('a')",
    "count('a')",
    "replace('a', 'A')",
    "replace('', '-')",
    "startswith('a')",
    "endswith('c')",
    "isdigit()",
    "isalpha()",
    "isalnum()",
    "isspace()",
    "islower()",
    "isupper()",
    "istitle()",
    "center(11, '*')",
    "ljust(6)",
    "rjust(6, '.')",
    "zfill(6)",
    "partition(',')",
    "rpartition(',')",
    "encode()",
    "casefold()",
    "expandtabs(4)",
    "removeprefix('a')",
    "removesuffix('c')",
    "index('b')",
    "strip('a')",
    "join(['x', 'y'])",
    "isnumeric()",
    "isdecimal()",
    "isidentifier()",
    "isprintable()",
    "format()",
    "__len__()"
  };
  private static final String[] SLICE_PARTS = {
    "", "0", "1", "2", "-1", "-2", "3", "10", "-10", "None"
  };
  private static final String[] STEPS = {"", "1", "2", "-1", "-2", "3", "0"};

  private final Random random;

  private ExpressionGenerator(long seed) {
    this.random = new Random(seed);
  }

  static List<ConformanceCase> generate(long seed, int count, JsonNode context) {
    ExpressionGenerator generator = new ExpressionGenerator(seed);
    List<Supplier<String>> families =
        List.of(
            generator::arithmetic,
            generator::arithmetic,
            generator::comparison,
            generator::bitwise,
            generator::formatNumber,
            generator::formatString,
            generator::stringMethod,
            generator::slice,
            generator::rounding,
            generator::conversion,
            generator::logic,
            generator::collection,
            generator::percent,
            generator::membership);
    List<ConformanceCase> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String expression = families.get(i % families.size()).get();
      cases.add(new ConformanceCase("generated #" + i, expression, context));
    }
    return cases;
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  private String number() {
    return random.nextBoolean() ? pick(INTS) : pick(FLOATS);
  }

  private String operand() {
    String value = number();
    return value.startsWith("-") || value.contains("/") || value.contains("**")
        ? "(" + value + ")"
        : value;
  }

  private String arithmetic() {
    String expression = operand() + " " + pick(BINARY) + " " + operand();
    if (random.nextInt(4) == 0) {
      expression = "(" + expression + ") " + pick(BINARY) + " " + operand();
    }
    if (random.nextInt(6) == 0) {
      expression =
          operand() + " ** " + pick(new String[] {"0", "2", "3", "-1", "0.5", "-2", "64", "100"});
    }
    return expression;
  }

  private String comparison() {
    String[] pool = random.nextInt(3) == 0 ? STRINGS : random.nextInt(2) == 0 ? LISTS : null;
    if (pool != null) {
      return pick(pool) + " " + pick(COMPARE) + " " + pick(pool);
    }
    String expression = operand() + " " + pick(COMPARE) + " " + operand();
    if (random.nextBoolean()) {
      expression += " " + pick(COMPARE) + " " + operand();
    }
    return expression;
  }

  private String bitwise() {
    String left = pick(INTS);
    String right = pick(new String[] {"0", "1", "2", "3", "7", "63", "64", "100", "-1", "True"});
    String op = pick(BITWISE);
    if (random.nextInt(5) == 0) {
      return "~" + operand();
    }
    return "(" + left + ") " + op + " " + right;
  }

  private String formatNumber() {
    String value = number();
    String spec = pick(SPECS);
    return random.nextBoolean()
        ? "f'{" + value + ":" + spec + "}'"
        : "format(" + value + ", '" + spec + "')";
  }

  private String formatString() {
    String value = pick(STRINGS);
    return random.nextBoolean()
        ? "'{:" + pick(STR_SPECS) + "}'.format(" + value + ")"
        : "f'{" + value.replace('\'', '"') + "!r:" + pick(STR_SPECS) + "}'";
  }

  private String stringMethod() {
    return pick(STRINGS) + "." + pick(STR_METHODS);
  }

  private String slice() {
    String target = random.nextBoolean() ? pick(STRINGS) : pick(LISTS);
    String step = pick(STEPS);
    String slice = pick(SLICE_PARTS) + ":" + pick(SLICE_PARTS) + (step.isEmpty() ? "" : ":" + step);
    if (random.nextInt(4) == 0) {
      return target + "[" + pick(new String[] {"0", "1", "-1", "5", "-6", "'a'", "1.0"}) + "]";
    }
    return target + "[" + slice + "]";
  }

  private String rounding() {
    String value =
        pick(
            new String[] {
              "0.5",
              "1.5",
              "2.5",
              "-0.5",
              "-1.5",
              "2.675",
              "1.005",
              "0.125",
              "0.375",
              "1234.5678",
              "-1234.5678",
              "1e16",
              "12345",
              "-12355",
              "1e-10",
              "float('inf')",
              "float('nan')",
              "True",
              "99.995",
              "5e-324"
            });
    String digits = pick(new String[] {"", ", 0", ", 1", ", 2", ", 3", ", -1", ", -2", ", None"});
    return "round(" + value + digits + ")";
  }

  private String conversion() {
    String[] conversions = {
      "int("
          + pick(
              new String[] {
                "'42'", "' -17 '", "'1_000'", "'0x1f'", "'3.5'", "''", "'abc'", "'+5'", "'٣'",
                "'1e3'"
              })
          + ")",
      "int(" + pick(FLOATS) + ")",
      "int("
          + pick(
              new String[] {
                "'ff', 16", "'0b101', 0", "'777', 8", "'z', 36", "'12', 2", "'0o17', 0", "' 10 ', 0"
              })
          + ")",
      "float("
          + pick(
              new String[] {
                "'1.5'",
                "' 2 '",
                "'1e-3'",
                "'inf'",
                "'-Infinity'",
                "'nan'",
                "'1_0.5'",
                "'abc'",
                "''",
                "'.5'",
                "'5.'",
                "'1e400'"
              })
          + ")",
      "float(" + pick(INTS) + ")",
      "str(" + number() + ")",
      "repr(" + number() + ")".replace("repr(", "str(["),
      "bool("
          + pick(
              new String[] {
                "0", "0.0", "''", "'0'", "[]", "[0]", "{}", "None", "-1", "' '", "()", "set()"
              })
          + ")",
      "list(" + pick(STRINGS) + ")",
      "tuple(" + pick(LISTS) + ")",
      "str(" + pick(LISTS) + ")",
      "abs(" + number() + ")"
    };
    String expression = pick(conversions);
    if (expression.startsWith("str([")) {
      expression = "str([" + number() + "])";
    }
    return expression;
  }

  private String value() {
    String[][] pools = {
      INTS,
      FLOATS,
      STRINGS,
      LISTS,
      {"None", "{}", "{'a': 0}", "()", "(1,)", "set()", "_['empty']", "_['none']"}
    };
    return pick(pools[random.nextInt(pools.length)]);
  }

  private String logic() {
    String[] forms = {
      "%s and %s",
      "%s or %s",
      "not %s",
      "%s and %s or %s",
      "(%s or %s) and %s",
      "%s if %s else %s",
      "[%s] and %s"
    };
    String form = pick(forms);
    return String.format(form, value(), value(), value());
  }

  private String collection() {
    String list = pick(LISTS);
    String[] forms = {
      "sorted(" + list + ")",
      "sorted(" + list + ", reverse=True)",
      "len(" + list + ")",
      "sum(" + list + ")",
      "min(" + list + ")",
      "max(" + list + ")",
      "[x * 2 for x in " + list + "]",
      "[x for x in " + list + " if x]",
      "{str(i): x for i, x in enumerate(" + list + ")}",
      "list(reversed(" + list + "))",
      "list(zip(" + list + ", " + pick(LISTS) + "))",
      "list(enumerate(" + list + ", 1))",
      "any(" + list + ")",
      "all(" + list + ")",
      list + " + " + pick(LISTS),
      list + " * 2",
      list + ".index(1)",
      list + ".count(1)",
      "set(" + list + ") == set(" + pick(LISTS) + ")",
      "dict(zip(['a', 'b'], " + list + "))",
      "list(map(str, " + list + "))",
      "sum(x for x in " + list + " if x)",
      "sorted(" + list + ", key=str)",
      "max(" + list + ", default=None)",
      "tuple(" + list + ")[::-1]"
    };
    return pick(forms);
  }

  private String percent() {
    String[] formats = {
      "'%s'",
      "'%r'",
      "'%d'",
      "'%5d'",
      "'%-5d|'",
      "'%05.1f'",
      "'%.3f'",
      "'%e'",
      "'%g'",
      "'%x'",
      "'%o'",
      "'%+d'",
      "'%s and %s'",
      "'%c'",
      "'%%s'",
      "'%10.4s|'"
    };
    String format = pick(formats);
    String argument = format.contains("and") ? "(" + value() + ", " + value() + ")" : value();
    return format + " % " + argument;
  }

  private String membership() {
    String[] forms = {"%s in %s", "%s not in %s", "%s == %s", "%s is None", "%s is not None"};
    String left = value();
    String right =
        random.nextBoolean()
            ? pick(LISTS)
            : random.nextBoolean() ? pick(STRINGS) : "{'a': 1, 1: 'x', (1, 2): 3}";
    return String.format(pick(forms), left, right);
  }
}
