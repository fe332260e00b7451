package dev.stepline.engine;

import java.util.List;

/**
 * A rule of a state's Catch field. A {@code null} {@code resultPath} with {@code discard} false
 * means the default {@code $}.
 */
record Catcher(List<String> errorEquals, String next, JsonPath resultPath, boolean discard) {}
