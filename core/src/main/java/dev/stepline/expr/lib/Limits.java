package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;

/**
 * The resource limits of expressions, the same as Julep's: no expression builds a string longer
 * than 2,048,000 characters, a comprehension of more than 10,000 items, a range of more than
 * 1,000,000 numbers, or raises to a power an operand larger than 4,000,000.
 */
public final class Limits {
  public static final int MAX_STRING_LENGTH = 2_048_000;
  public static final int MAX_COMPREHENSION_LENGTH = 10_000;
  public static final int MAX_RANGE_LENGTH = 1_000_000;
  public static final long MAX_POWER = 4_000_000;

  private Limits() {}

  public static void checkString(long length) {
    if (length > MAX_STRING_LENGTH) {
      throw new ExpressionException(
          "StringTooLong",
          "string length "
              + length
              + " exceeds the limit of "
              + MAX_STRING_LENGTH
              + " characters; build a shorter string");
    }
  }

  public static String checked(String text) {
    checkString(text.length());
    return text;
  }

  public static void checkComprehension(int size) {
    if (size > MAX_COMPREHENSION_LENGTH) {
      throw new ExpressionException(
          "IterableTooLong",
          "comprehension has more than "
              + MAX_COMPREHENSION_LENGTH
              + " items; filter the input or process it over several steps");
    }
  }

  public static void checkRange(long length) {
    if (length > MAX_RANGE_LENGTH) {
      throw new ExpressionException(
          "ValueError", "Range size exceeds maximum of " + MAX_RANGE_LENGTH);
    }
  }

  /** Checks the size of a list, tuple or str built by repetition or concatenation. */
  public static void checkSequence(long length) {
    if (length > MAX_STRING_LENGTH) {
      throw new ExpressionException(
          "IterableTooLong",
          "sequence length " + length + " exceeds the limit of " + MAX_STRING_LENGTH + " items");
    }
  }
}
