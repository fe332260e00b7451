package dev.stepline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs one {@code stepline} command in process and captures its exit code, stdout and stderr. */
final class CommandRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CommandRun() {}

  /** The exit code and captured output of one command. */
  record Result(int exitCode, String out, String err) {
    JsonNode output() throws Exception {
      return JSON.readTree(out);
    }
  }

  /** Runs {@code stepline COMMAND ARGS...} with the exit codes and settings of the real CLI. */
  static Result execute(String command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = command;
    System.arraycopy(args, 0, all, 1, args.length);
    int exitCode = commandLine.execute(all);
    return new Result(exitCode, out.toString(), err.toString());
  }
}
