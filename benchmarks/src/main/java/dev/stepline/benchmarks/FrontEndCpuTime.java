package dev.stepline.benchmarks;

import dev.stepline.load.TaskLoader;
import dev.stepline.validate.TaskValidator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Prints the CPU time one thread spends to load, and to load and validate, the generated 5,000-step
 * task, after a warm-up. On a shared machine JMH's wall-clock scores include time the thread spent
 * waiting for a core; thread CPU time does not.
 *
 * <p>Arguments: warm-up rounds and measured rounds (default 20 and 20).
 */
public final class FrontEndCpuTime {

  private FrontEndCpuTime() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String text = GeneratedTask.yaml(5000 / GeneratedTask.STEPS_PER_GROUP);
    TaskLoader loader = new TaskLoader();
    TaskValidator validator = new TaskValidator();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    for (int i = 0; i < warmup; i++) {
      loader.load("generated.yaml", text);
      validator.validate("generated.yaml", text);
    }
    long loadNanos = 0;
    long validateNanos = 0;
    for (int i = 0; i < rounds; i++) {
      long start = threads.getCurrentThreadCpuTime();
      loader.load("generated.yaml", text);
      long loaded = threads.getCurrentThreadCpuTime();
      validator.validate("generated.yaml", text);
      long validated = threads.getCurrentThreadCpuTime();
      loadNanos += loaded - start;
      validateNanos += validated - loaded;
    }
    System.out.printf(
        "5000 steps, %d rounds: load %.1f ms CPU per op, load and validate %.1f ms CPU per op%n",
        rounds, loadNanos / 1e6 / rounds, validateNanos / 1e6 / rounds);
  }
}
