package dev.stepline.compile;

import dev.stepline.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the npm {@code asl-validator} on many definitions in one process, after replacing each
 * {@code ${...}} DefinitionSubstitution by an ARN of the right service, as SAM would.
 */
final class AslValidator {
  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{(\\w+)}");

  private AslValidator() {}

  /**
   * Validates every definition and returns the validator's report for each invalid one, by name; an
   * empty map means that all are valid.
   */
  static Map<String, String> invalid(Map<String, String> definitions, Path dir)
      throws IOException, InterruptedException {
    Path node = ExternalTools.node();
    Path validator = ExternalTools.nodeModules().resolve("asl-validator/dist/bin/asl-validator.js");
    if (!Files.exists(validator)) {
      validator = ExternalTools.nodeModules().resolve(".bin/asl-validator").toRealPath();
    }
    List<String> command = new ArrayList<>(List.of(node.toString(), validator.toString()));
    Map<String, String> fileToName = new LinkedHashMap<>();
    int n = 0;
    for (Map.Entry<String, String> definition : definitions.entrySet()) {
      Path file = dir.resolve("definition-" + n++ + ".json");
      Files.writeString(file, withArns(definition.getValue()), StandardCharsets.UTF_8);
      command.add("--json-path");
      command.add(file.toString());
      fileToName.put(file.toString(), definition.getKey());
    }

    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("asl-validator did not finish in 120 s");
    }
    return parse(output, fileToName, process.exitValue());
  }

  private static Map<String, String> parse(
      String output, Map<String, String> fileToName, int exitCode) {
    Map<String, String> invalid = new LinkedHashMap<>();
    int valid = 0;
    String current = null;
    for (String line : output.split("\n")) {
      Matcher verdict = Pattern.compile("definition \"(.+)\" is (valid|invalid)").matcher(line);
      if (verdict.find()) {
        current = null;
        if (verdict.group(2).equals("valid")) {
          valid++;
        } else {
          current = fileToName.getOrDefault(verdict.group(1), verdict.group(1));
          invalid.put(current, "");
        }
      } else if (current != null && !line.isBlank()) {
        invalid.merge(current, line.strip() + "\n", String::concat);
      }
    }
    if (valid + invalid.size() != fileToName.size() || (exitCode != 0) != !invalid.isEmpty()) {
      throw new AssertionError(
          "unexpected asl-validator output (exit code " + exitCode + "):\n" + output);
    }
    return invalid;
  }

  private static String withArns(String json) {
    Matcher matcher = SUBSTITUTION.matcher(json);
    StringBuilder replaced = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String arn =
          name.endsWith("StateMachineArn")
              ? "arn:aws:states:us-east-1:123456789012:stateMachine:stepline-" + name
              : "arn:aws:lambda:us-east-1:123456789012:function:stepline-" + name;
      matcher.appendReplacement(replaced, Matcher.quoteReplacement(arn));
    }
    matcher.appendTail(replaced);
    return replaced.toString();
  }
}
