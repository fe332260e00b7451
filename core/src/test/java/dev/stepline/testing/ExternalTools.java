package dev.stepline.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Locates the tools that differential tests compare Stepline with: CPython with its oracle
 * packages, and Node.js 22 with the npm tools that {@code .ci/setup-tools} installs.
 *
 * <p>When a tool is missing, a test is skipped with the reason, unless the system property {@code
 * stepline.requireTools} is {@code true} (as {@code .ci/run} sets it), in which case it fails, so
 * CI can never pass by skipping.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** Returns the repository root, from the {@code stepline.repoRoot} property Maven sets. */
  public static Path repoRoot() {
    String root = System.getProperty("stepline.repoRoot");
    if (root != null && !root.isBlank() && !root.startsWith("${")) {
      return Path.of(root);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "repository root not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** Returns the directory of the npm tools ({@code .ci/tools/node_modules}). */
  public static Path nodeModules() {
    return repoRoot().resolve(".ci/tools/node_modules");
  }

  /** Returns the Node.js 22 binary of {@code .ci/tools}, or skips or fails the test without it. */
  public static Path node() {
    Path node = nodeModules().resolve(".bin/node");
    require(
        Files.isExecutable(node), "Node.js 22 not found at " + node + "; run bash .ci/setup-tools");
    return node;
  }

  /** Returns the path of {@code python3} after checking that it imports {@code modules}. */
  public static String python(String... modules) {
    StringBuilder script = new StringBuilder();
    for (String module : modules) {
      script.append("import ").append(module).append('\n');
    }
    boolean ok;
    try {
      Process process =
          new ProcessBuilder("python3", "-c", script.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      ok = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    }
    require(
        ok, "python3 with " + String.join(", ", modules) + " not found; run bash .ci/setup-tools");
    return "python3";
  }

  /** Returns whether an executable named {@code command} is in a directory of the PATH. */
  public static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Skips the calling test when {@code available} is false, or fails it when tools are required.
   */
  public static void require(boolean available, String reason) {
    if (!available && Boolean.getBoolean("stepline.requireTools")) {
      throw new AssertionError(reason + " (stepline.requireTools is set, so this is a failure)");
    }
    assumeTrue(available, reason);
  }
}
