package dev.stepline.load;

/**
 * Limits that keep a hostile or broken task file from exhausting memory or time while it is read.
 *
 * <p>NOTE: the values are judgement calls sized well above every published Julep task (the largest
 * is under 20 KB, with no aliases and fewer than 15 levels of nesting).
 */
public final class YamlLimits {

  /** Largest task file accepted, in characters. */
  public static final int MAX_CHARACTERS = 4 * 1024 * 1024;

  /** Most aliases ({@code *name}) to a list or mapping in one document. */
  public static final int MAX_ALIASES = 20;

  /** Deepest nesting of lists and mappings. */
  public static final int MAX_DEPTH = 100;

  /** Most nodes the document may have once aliases are expanded. */
  public static final int MAX_EXPANDED_NODES = 1_000_000;

  private YamlLimits() {}
}
