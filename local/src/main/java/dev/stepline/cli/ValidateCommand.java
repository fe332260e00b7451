package dev.stepline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.diag.Diagnostic;
import dev.stepline.validate.InputCheck;
import dev.stepline.validate.TaskFiles;
import dev.stepline.validate.TaskValidator;
import dev.stepline.validate.UnreadableTaskFileException;
import dev.stepline.validate.ValidationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepline validate}: checks task files and prints every problem found. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check task files and print every error and warning as FILE:LINE:COL: error: MESSAGE.",
      "Exit codes: 0 no errors (warnings allowed), 1 a file has an error or the input does not"
          + " match a task's input_schema, 2 usage error."
    })
public final class ValidateCommand implements Callable<Integer> {

  /** Output formats of the command. */
  public enum Format {
    TEXT,
    JSON
  }

  /** The format names as users type them. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("text", "json").iterator();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "TASK", description = "Task files to check.")
  List<Path> tasks;

  @Option(
      names = "--format",
      defaultValue = "text",
      completionCandidates = FormatNames.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--input",
      paramLabel = "JSON|@FILE",
      description =
          "An execution input, as JSON text or @ and a JSON file, to check against each task's"
              + " input_schema.")
  String input;

  @Override
  public Integer call() {
    Input parsedInput = input == null ? null : readInput();
    List<FileReport> reports = new ArrayList<>();
    for (Path task : tasks) {
      reports.add(check(task, parsedInput));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.JSON) {
      out.println(toJson(reports));
    } else {
      printText(reports, out);
    }
    out.flush();
    return reports.stream().anyMatch(FileReport::hasErrors) ? 1 : 0;
  }

  private record Input(JsonNode value, String name) {}

  private record FileReport(Path file, List<Diagnostic> diagnostics) {
    boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  private FileReport check(Path task, Input parsedInput) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(task);
    } catch (IOException e) {
      return new FileReport(task, List.of(TaskFiles.unreadable(task, e)));
    }
    ValidationResult result = new TaskValidator().validate(task.toString(), bytes);
    List<Diagnostic> diagnostics = new ArrayList<>(result.diagnostics());
    if (parsedInput != null && result.task() != null) {
      diagnostics.addAll(InputCheck.check(result.task(), parsedInput.value(), parsedInput.name()));
    }
    return new FileReport(task, diagnostics);
  }

  private Input readInput() {
    String name = "--input";
    String text = input;
    if (input.startsWith("@")) {
      Path file = Path.of(input.substring(1));
      name = file.toString();
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw new ParameterException(
            spec.commandLine(),
            "cannot read the input file "
                + file
                + " ("
                + UnreadableTaskFileException.plainCause(file, e)
                + "); check the path");
      }
    }
    try {
      return new Input(JSON.readTree(text), name);
    } catch (StreamConstraintsException e) {
      throw new ParameterException(
          spec.commandLine(),
          "the input is not valid JSON (nested more than 1000 levels deep, or a value too long);"
              + " pass smaller JSON");
    } catch (JsonProcessingException e) {
      throw new ParameterException(
          spec.commandLine(),
          "the input is not valid JSON ("
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "); pass a JSON value such as '{\"topic\": \"AI\"}'");
    }
  }

  private static void printText(List<FileReport> reports, PrintWriter out) {
    long errors = 0;
    long warnings = 0;
    for (FileReport report : reports) {
      for (Diagnostic diagnostic : report.diagnostics()) {
        out.println(diagnostic.format());
        if (diagnostic.isError()) {
          errors++;
        } else {
          warnings++;
        }
      }
    }
    out.println(
        "checked "
            + plural(reports.size(), "file")
            + ": "
            + plural(errors, "error")
            + ", "
            + plural(warnings, "warning"));
  }

  private static String toJson(List<FileReport> reports) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode files = root.putArray("files");
    for (FileReport report : reports) {
      ObjectNode file = files.addObject();
      file.put("file", report.file().toString());
      file.put("valid", !report.hasErrors());
      ArrayNode diagnostics = file.putArray("diagnostics");
      for (Diagnostic diagnostic : report.diagnostics()) {
        ObjectNode item = diagnostics.addObject();
        item.put("severity", diagnostic.severity().label());
        item.put("file", diagnostic.position().file());
        item.put("line", diagnostic.position().line());
        item.put("column", diagnostic.position().column());
        item.put("path", diagnostic.path());
        item.put("message", diagnostic.message());
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Failed to write the validation report as JSON", e);
    }
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
