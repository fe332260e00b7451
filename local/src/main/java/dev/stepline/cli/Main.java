package dev.stepline.cli;

import dev.stepline.aws.MissingRegionException;
import dev.stepline.lambda.JsonLogProvider;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.core.exception.SdkClientException;

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
  /** The AWS SDK's system property that turns off calls to the EC2 instance metadata service. */
  static final String EC2_METADATA_DISABLED_PROPERTY = "aws.disableEc2Metadata";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    quietLogging(args);
    disableInstanceMetadata();
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
   * Stops the AWS SDK from asking the EC2 instance metadata service for a region or credentials,
   * even through a profile that names it as the credential source. The CLI runs on workstations and
   * in CI, where that address must not be called; set {@code -Daws.disableEc2Metadata=false} to
   * allow it.
   */
  static void disableInstanceMetadata() {
    if (System.getProperty(EC2_METADATA_DISABLED_PROPERTY) == null) {
      System.setProperty(EC2_METADATA_DISABLED_PROPERTY, "true");
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
    commandLine.setExecutionExceptionHandler(Main::handleExecutionException);
    // Arguments such as `--input @input.json` name files that the command reads itself.
    commandLine.setExpandAtFiles(false);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  /**
   * Reports a missing AWS region or missing AWS credentials in one line with exit code 2, like
   * other missing settings, and another failed AWS call in one line with exit code 1. Every other
   * exception goes on to picocli's default handling.
   */
  private static int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) throws Exception {
    PrintWriter err = commandLine.getErr();
    int exitCode;
    if (e instanceof MissingRegionException) {
      boolean hasRegionOption = commandLine.getCommandSpec().findOption("--region") != null;
      err.println(
          "error: no AWS region is set; "
              + (hasRegionOption ? "pass --region REGION or " : "")
              + "set AWS_REGION (for example AWS_REGION=us-east-1)");
      exitCode = 2;
    } else if (e instanceof SdkClientException sdk && isMissingCredentials(sdk)) {
      err.println(
          "error: no AWS credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or"
              + " AWS_PROFILE naming a profile in ~/.aws/credentials");
      exitCode = 2;
    } else if (e instanceof SdkClientException sdk) {
      err.println(
          "error: the AWS request failed: " + sdk.getMessage().lines().findFirst().orElse(""));
      exitCode = 1;
    } else {
      throw e;
    }
    err.flush();
    return exitCode;
  }

  /** Tells whether the SDK found no credentials; it reports that only in the message text. */
  private static boolean isMissingCredentials(SdkClientException e) {
    return e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials");
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: name one of the commands below.");
  }
}
