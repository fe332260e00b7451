package dev.stepline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.Expressions;
import dev.stepline.expr.Py;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepline eval}: evaluates Python expressions as task files do and prints JSON. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a Python expression with Stepline's semantics and print its value as JSON.",
      "With --jsonl, read {\"expr\": ..., \"context\": {...}} lines on standard input and write"
          + " {\"value\": ...} or {\"error\": {\"type\": ..., \"message\": ...}} lines."
    })
public final class EvalCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(arity = "0..1", paramLabel = "EXPR", description = "The expression, without '$ '.")
  String expression;

  @Option(
      names = "--context",
      paramLabel = "JSON|@FILE",
      description = "The names the expression sees, as a JSON object or @file with one.")
  String context;

  @Option(names = "--jsonl", description = "Evaluate JSON lines from standard input.")
  boolean jsonLines;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private InputStream input = System.in;

  /** Sets where {@code --jsonl} reads from, for tests. */
  EvalCommand readingFrom(InputStream input) {
    this.input = input;
    return this;
  }

  @Override
  public Integer call() throws IOException {
    if (jsonLines) {
      if (expression != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--jsonl reads expressions from standard input; remove EXPR");
      }
      return evaluateLines();
    }
    if (expression == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Missing expression: give EXPR, or --jsonl to read JSON lines");
    }
    Map<String, Object> names = readContext();
    PrintWriter out = spec.commandLine().getOut();
    try {
      Object value = Expressions.evaluate(expression, names);
      out.println(JSON.writeValueAsString(Py.toJson(value)));
      out.flush();
      return 0;
    } catch (ExpressionException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: " + e.type() + ": " + e.describe() + columnOf(e));
      err.flush();
      return 1;
    }
  }

  private static String columnOf(ExpressionException e) {
    return e.column() > 0 ? " (column " + e.column() + ")" : "";
  }

  private Map<String, Object> readContext() throws IOException {
    if (context == null) {
      return Map.of();
    }
    String text = context;
    if (text.startsWith("@")) {
      try {
        text = Files.readString(Path.of(text.substring(1)), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "Context file not found: " + text.substring(1) + "; check the path after '@'");
      }
    }
    try {
      return toNames(JSON.readTree(text));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid --context (found "
              + abbreviate(text)
              + "); give a JSON object such as '{\"_\": {\"x\": 1}}'");
    }
  }

  private static Map<String, Object> toNames(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("context is not a JSON object");
    }
    Map<String, Object> names = new HashMap<>();
    node.fields()
        .forEachRemaining(field -> names.put(field.getKey(), Py.fromJson(field.getValue())));
    return names;
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }

  private int evaluateLines() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      out.println(JSON.writeValueAsString(evaluateLine(line)));
      out.flush();
    }
    return 0;
  }

  private static ObjectNode evaluateLine(String line) {
    ObjectNode result = JSON.createObjectNode();
    try {
      JsonNode request = JSON.readTree(line);
      JsonNode source = request.get("expr");
      if (source == null || !source.isTextual()) {
        return error(result, "ValueError", "each line needs an \"expr\" string");
      }
      Object value = Expressions.evaluate(source.textValue(), toNames(request.get("context")));
      result.set("value", Py.toJson(value));
      return result;
    } catch (ExpressionException e) {
      ObjectNode error = error(result, e.type(), e.describe());
      if (e.column() > 0) {
        ((ObjectNode) error.get("error")).put("column", e.column());
      }
      return error;
    } catch (JsonProcessingException e) {
      return error(result, "ValueError", "invalid JSON line: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      return error(result, "ValueError", "\"context\" must be a JSON object");
    }
  }

  private static ObjectNode error(ObjectNode result, String type, String message) {
    ObjectNode error = result.putObject("error");
    error.put("type", type);
    error.put("message", message);
    return result;
  }
}
