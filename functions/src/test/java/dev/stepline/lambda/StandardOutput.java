package dev.stepline.lambda;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Captures what a block writes on standard output, where the JSON log lines go. */
public final class StandardOutput {
  private StandardOutput() {}

  /** Runs {@code block} and returns the lines it wrote on standard output. */
  public static List<String> capture(ThrowingRunnable block) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      block.run();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  public interface ThrowingRunnable {
    void run() throws Exception;
  }
}
