package dev.stepline.validate;

/** Shortens what the user wrote to one line for a message's "(found ...)" part. */
final class Echo {
  private static final int LIMIT = 60;

  private Echo() {}

  static String of(String text) {
    String oneLine = text.strip().replace("\n", "\\n");
    return oneLine.length() <= LIMIT ? oneLine : oneLine.substring(0, LIMIT - 3) + "...";
  }
}
