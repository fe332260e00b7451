package dev.stepline.cli;

import dev.stepline.lambda.JsonLogProvider;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code stepline} command. */
@Command(
    name = "stepline",
    mixinStandardHelpOptions = true,
    version = "stepline 0.1.0",
    description =
        "Validate, compile and run Julep-style task files on AWS Step Functions or locally.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ValidateCommand.class,
      EvalCommand.class,
      CompileCommand.class,
      RunCommand.class,
      SecretsCommand.class,
      ServeCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    quietLogging(args);
    System.exit(newCommandLine().execute(args));
  }

  /**
   * Turns library logging off, or to DEBUG with {@code --debug}, before the first logger is made.
   * The log lines would go to standard output, which carries the command's results.
   */
  static void quietLogging(String[] args) {
    if (System.getProperty(JsonLogProvider.LEVEL_PROPERTY) == null) {
      boolean debug = Arrays.asList(args).contains("--debug");
      System.setProperty(JsonLogProvider.LEVEL_PROPERTY, debug ? "DEBUG" : "OFF");
    }
  }

  /**
   * Builds the command line with Stepline's exit codes: 0 ok, 1 invalid input or failed run, 2
   * usage error.
   */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExitCodeExceptionMapper(
        e -> e instanceof CommandLine.ParameterException ? 2 : 1);
    // Arguments such as `--input @input.json` name files that the command reads itself.
    commandLine.setExpandAtFiles(false);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: name one of the commands below.");
  }
}
