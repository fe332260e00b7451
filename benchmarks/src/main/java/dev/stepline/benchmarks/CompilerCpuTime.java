package dev.stepline.benchmarks;

import dev.stepline.compile.AslCompiler;
import dev.stepline.compile.CompileOptions;
import dev.stepline.task.Task;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Prints the CPU time one thread spends to compile the generated 5,000-step task of {@link
 * CompilerBenchmark}, after a warm-up. On a shared machine JMH's wall-clock scores include time the
 * thread spent waiting for a core; thread CPU time does not.
 *
 * <p>Arguments: warm-up rounds and measured rounds (default 20 and 20).
 */
public final class CompilerCpuTime {

  private CompilerCpuTime() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Task task = GeneratedTasks.withSteps(5000);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    int bytes = 0;
    for (int i = 0; i < warmup; i++) {
      bytes = AslCompiler.compile(task, CompileOptions.DEFAULTS).main().json().length();
    }
    long nanos = 0;
    for (int i = 0; i < rounds; i++) {
      long start = threads.getCurrentThreadCpuTime();
      AslCompiler.compile(task, CompileOptions.DEFAULTS).main().json();
      nanos += threads.getCurrentThreadCpuTime() - start;
    }
    System.out.printf(
        "5000 steps, %d rounds: compile %.1f ms CPU per op, %,d characters of JSON%n",
        rounds, nanos / 1e6 / rounds, bytes);
  }
}
