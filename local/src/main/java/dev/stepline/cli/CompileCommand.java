package dev.stepline.cli;

import dev.stepline.compile.AslCompiler;
import dev.stepline.compile.Compilation;
import dev.stepline.compile.CompileOptions;
import dev.stepline.compile.CompiledFiles;
import dev.stepline.compile.StateMachine;
import dev.stepline.compile.WorkflowType;
import dev.stepline.diag.InvalidTaskException;
import dev.stepline.task.Task;
import dev.stepline.validate.TaskFiles;
import dev.stepline.validate.UnreadableTaskFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepline compile}: writes the Amazon States Language definitions of a task. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {
      "Compile a task into AWS Step Functions state machines (Amazon States Language).",
      "Writes DIR/NAME.asl.json for the main workflow and DIR/NAME.WORKFLOW.asl.json for each"
          + " recursive subworkflow, where NAME is the task file's name without .yaml"
          + " (or its directory's name for a file named task.yaml)."
    })
public final class CompileCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "TASK", description = "The task file to compile.")
  Path taskFile;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Directory to write the definitions to, created if missing (default: .).")
  Path outputDir = Path.of(".");

  @Option(
      names = "--stats",
      description =
          "Print the states of each state machine, and the states, Lambda invocations and state"
              + " transitions of one run of each step.")
  boolean stats;

  @Option(
      names = "--type",
      paramLabel = "standard|express",
      converter = WorkflowTypeConverter.class,
      description =
          "Workflow type to compile for (default: express when no step pauses, sleeps over 60 s"
              + " or starts a nested execution, else standard).")
  WorkflowType type;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Task task;
    try {
      task = TaskFiles.readValid(taskFile);
    } catch (InvalidTaskException e) {
      e.diagnostics().forEach(diagnostic -> err.println(diagnostic.format()));
      return 1;
    } catch (UnreadableTaskFileException e) {
      err.println(e.format());
      return 1;
    }

    Compilation compilation = AslCompiler.compile(task, new CompileOptions(type));
    compilation.problems().forEach(problem -> err.println(problem.format()));
    if (compilation.hasErrors()) {
      return 1;
    }
    try {
      write(compilation, out);
    } catch (IOException e) {
      err.println(outputDir + ": error: cannot write the definitions (" + e.getMessage() + ")");
      return 1;
    }
    if (stats) {
      out.println();
      out.print(compilation.stats().format());
    }
    out.flush();
    return 0;
  }

  private void write(Compilation compilation, PrintWriter out) throws IOException {
    Files.createDirectories(outputDir);
    String name = CompiledFiles.taskName(taskFile);
    for (StateMachine machine : compilation.machines()) {
      Path file = outputDir.resolve(CompiledFiles.fileName(name, machine));
      Files.writeString(file, machine.json(), StandardCharsets.UTF_8);
      String role =
          machine.isMain()
              ? "main workflow"
              : "workflow " + machine.workflow() + ", ARN as ${" + machine.arnSubstitution() + "}";
      out.println("wrote " + file + " (" + role + ")");
    }
    out.println(
        "workflow type: " + compilation.type().name() + " (" + compilation.typeReason() + ")");
  }

  /** Parses {@code --type} values, in any case. */
  static final class WorkflowTypeConverter implements CommandLine.ITypeConverter<WorkflowType> {
    @Override
    public WorkflowType convert(String value) {
      try {
        return WorkflowType.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
