package dev.stepline.aws;

import dev.stepline.api.BundledTasks;
import dev.stepline.compile.StateMachine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the state machine resources and outputs of {@code template.yaml} from the compiled
 * definitions in {@code statemachines/}, so the template follows the bundled tasks without hand
 * edits. The generated text goes between the {@code # BEGIN} and {@code # END} marker lines.
 *
 * <p>A file {@code NAME.asl.json} is the main machine of a task and {@code NAME.WORKFLOW.asl.json}
 * the machine of one of its recursive subworkflows. A definition's {@code ${...FunctionArn}}
 * substitutions become the ARNs of the functions' {@code live} aliases, and its {@code
 * ${Workflow...StateMachineArn}} substitutions the ARN of the task's subworkflow machine, built
 * from its name so that machines that start each other do not form a dependency cycle.
 */
final class SamTemplate {
  static final String RESOURCES_BEGIN =
      "  # BEGIN state machines: generated from statemachines/ by SamTemplateTest; do not edit by"
          + " hand";
  static final String RESOURCES_END = "  # END state machines";
  static final String OUTPUTS_BEGIN =
      "  # BEGIN state machine outputs: generated from statemachines/ by SamTemplateTest";
  static final String OUTPUTS_END = "  # END state machine outputs";

  /** The function of each handler substitution, as docs/architecture.md assigns them. */
  static final Map<String, String> FUNCTIONS =
      Map.of(
          "ExecutionFunctionArn", "ExecutionFunction",
          "EvaluateFunctionArn", "EvaluateFunction",
          "ControlFunctionArn", "ControlFunction",
          "ToolFunctionArn", "ToolFunction",
          "PromptFunctionArn", "PromptFunction",
          "WaitFunctionArn", "WaitFunction");

  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");
  private static final Pattern WORKFLOW_ARN =
      Pattern.compile("Workflow([A-Za-z0-9]+)StateMachineArn");
  private static final Pattern WORKFLOW_TYPE =
      Pattern.compile(
          "\"Comment\": \"[^\"\\n]*; "
              + Pattern.quote(StateMachine.TYPE_LABEL)
              + "(STANDARD|EXPRESS)\"");

  private SamTemplate() {}

  /**
   * One compiled definition file.
   *
   * @param type the workflow type the compiler chose, from the end of the definition's {@code
   *     Comment}
   */
  record Machine(
      String stem, String task, String workflow, String type, Set<String> substitutions) {
    boolean isMain() {
      return workflow == null;
    }

    String fileName() {
      return stem + ".asl.json";
    }

    String logicalId() {
      StringBuilder id = new StringBuilder();
      for (String part : stem.split("[^A-Za-z0-9]+")) {
        if (!part.isEmpty()) {
          id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
      }
      return id + "StateMachine";
    }

    /** Returns the machine name after its {@code NamePrefix-} part, at most 59 characters. */
    String nameSuffix() {
      return BundledTasks.machineNameSuffix(stem);
    }
  }

  /** Reads every definition of {@code directory}, sorted by file name. */
  static List<Machine> read(Path directory) throws IOException {
    List<String> stems = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".asl.json"))
          .sorted()
          .forEach(name -> stems.add(name.substring(0, name.length() - ".asl.json".length())));
    }
    List<Machine> machines = new ArrayList<>();
    for (String stem : stems) {
      String text = Files.readString(directory.resolve(stem + ".asl.json"), StandardCharsets.UTF_8);
      Set<String> substitutions = new TreeSet<>();
      Matcher matcher = SUBSTITUTION.matcher(text);
      while (matcher.find()) {
        substitutions.add(matcher.group(1));
      }
      String task = mainOf(stem, stems);
      String workflow = task == null ? null : stem.substring(task.length() + 1);
      machines.add(
          new Machine(stem, task == null ? stem : task, workflow, type(stem, text), substitutions));
    }
    return machines;
  }

  /** Reads the workflow type that the compiler wrote at the end of the definition's Comment. */
  private static String type(String stem, String definition) {
    Matcher matcher = WORKFLOW_TYPE.matcher(definition);
    if (!matcher.find()) {
      throw new IllegalStateException(
          "statemachines/"
              + stem
              + ".asl.json has no workflow type at the end of its Comment; regenerate the folder"
              + " with StatemachinesTest (see docs/compilation.md)");
    }
    return matcher.group(1);
  }

  /** Returns the task whose subworkflow {@code stem} is, or {@code null} for a main machine. */
  private static String mainOf(String stem, List<String> stems) {
    for (int dot = stem.lastIndexOf('.'); dot > 0; dot = stem.lastIndexOf('.', dot - 1)) {
      if (stems.contains(stem.substring(0, dot))) {
        return stem.substring(0, dot);
      }
    }
    return null;
  }

  /** Returns the state machine resources of {@code machines} as template lines. */
  static String resources(List<Machine> machines) {
    StringBuilder yaml = new StringBuilder();
    for (Machine machine : machines) {
      yaml.append("  ").append(machine.logicalId()).append(":\n");
      yaml.append("    Type: AWS::Serverless::StateMachine\n");
      yaml.append("    Properties:\n");
      yaml.append("      Name: !Sub \"${NamePrefix}-").append(machine.nameSuffix()).append("\"\n");
      yaml.append("      Type: ").append(machine.type()).append('\n');
      yaml.append("      DefinitionUri: statemachines/").append(machine.fileName()).append('\n');
      Map<String, String> substitutions = substitutions(machine, machines);
      if (!substitutions.isEmpty()) {
        yaml.append("      DefinitionSubstitutions:\n");
        substitutions.forEach(
            (name, value) ->
                yaml.append("        ").append(name).append(": ").append(value).append('\n'));
      }
      yaml.append("      Tracing:\n        Enabled: true\n");
      yaml.append("      Logging:\n");
      yaml.append("        Level: ERROR\n");
      yaml.append("        IncludeExecutionData: false\n");
      yaml.append("        Destinations:\n");
      yaml.append("          - CloudWatchLogsLogGroup:\n");
      yaml.append("              LogGroupArn: !GetAtt StateMachineLogGroup.Arn\n");
      yaml.append("      Policies:\n");
      for (String substitution : machine.substitutions()) {
        String function = FUNCTIONS.get(substitution);
        if (function != null) {
          yaml.append("        - LambdaInvokePolicy: {FunctionName: !Ref ")
              .append(function)
              .append("}\n");
        }
      }
      appendLogDeliveryPolicy(yaml);
      for (Machine nested : nestedMachines(machine, machines)) {
        appendNestedRunPolicy(yaml, nested);
      }
      yaml.append('\n');
    }
    return yaml.toString();
  }

  /** Returns the outputs of the main machines as template lines. */
  static String outputs(List<Machine> machines) {
    StringBuilder yaml = new StringBuilder();
    for (Machine machine : machines) {
      if (machine.isMain()) {
        yaml.append("  ").append(machine.logicalId()).append("Arn:\n");
        yaml.append("    Description: Starts task ").append(machine.task()).append('\n');
        yaml.append("    Value: !Ref ").append(machine.logicalId()).append('\n');
      }
    }
    return yaml.toString();
  }

  private static Map<String, String> substitutions(Machine machine, List<Machine> machines) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String substitution : machine.substitutions()) {
      String function = FUNCTIONS.get(substitution);
      if (function != null) {
        values.put(substitution, "!Ref " + function + ".Alias");
      } else {
        Machine nested = workflowMachine(machine, substitution, machines);
        values.put(
            substitution,
            "!Sub \"arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${NamePrefix}-"
                + nested.nameSuffix()
                + "\"");
      }
    }
    return values;
  }

  private static List<Machine> nestedMachines(Machine machine, List<Machine> machines) {
    List<Machine> nested = new ArrayList<>();
    for (String substitution : machine.substitutions()) {
      if (!FUNCTIONS.containsKey(substitution)) {
        nested.add(workflowMachine(machine, substitution, machines));
      }
    }
    return nested;
  }

  /**
   * Finds the subworkflow machine a {@code Workflow<Name>StateMachineArn} substitution means: the
   * machine of the same task whose workflow name, without separators, equals {@code <Name>} in any
   * case (the compiler writes {@code run_browser} as {@code RunBrowser}). When two workflows share
   * a name that way, the compiler numbers the later ones ({@code RunBrowser2}), so a name with
   * trailing digits is tried with and without them.
   */
  private static Machine workflowMachine(
      Machine machine, String substitution, List<Machine> machines) {
    Matcher matcher = WORKFLOW_ARN.matcher(substitution);
    if (!matcher.matches()) {
      throw new IllegalStateException(
          "statemachines/"
              + machine.fileName()
              + " uses the unknown substitution ${"
              + substitution
              + "}; a definition may use the function ARNs "
              + new TreeSet<>(FUNCTIONS.keySet())
              + " and Workflow<Name>StateMachineArn");
    }
    String name = matcher.group(1).toLowerCase(Locale.ROOT);
    for (String wanted : List.of(name, name.replaceFirst("\\d+$", ""))) {
      List<Machine> candidates =
          machines.stream()
              .filter(other -> !other.isMain() && other.task().equals(machine.task()))
              .filter(other -> squeeze(other.workflow()).equals(wanted))
              .toList();
      if (candidates.size() == 1) {
        return candidates.get(0);
      }
    }
    throw new IllegalStateException(
        "statemachines/"
            + machine.fileName()
            + ": ${"
            + substitution
            + "} matches no single subworkflow machine of task "
            + machine.task()
            + "; expected one file "
            + machine.task()
            + ".<workflow>.asl.json whose workflow is "
            + matcher.group(1));
  }

  private static String squeeze(String workflow) {
    return workflow.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
  }

  private static void appendLogDeliveryPolicy(StringBuilder yaml) {
    // CloudWatch Logs delivery actions support no resource-level permissions, so "*" is required.
    yaml.append("        - Statement:\n");
    yaml.append("            - Effect: Allow\n");
    yaml.append("              Action:\n");
    for (String action :
        List.of(
            "logs:CreateLogDelivery",
            "logs:GetLogDelivery",
            "logs:UpdateLogDelivery",
            "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries",
            "logs:PutResourcePolicy",
            "logs:DescribeResourcePolicies",
            "logs:DescribeLogGroups")) {
      yaml.append("                - ").append(action).append('\n');
    }
    yaml.append("              Resource: \"*\"\n");
  }

  private static void appendNestedRunPolicy(StringBuilder yaml, Machine nested) {
    String name = "${NamePrefix}-" + nested.nameSuffix();
    yaml.append("        - StepFunctionsExecutionPolicy:\n");
    yaml.append("            StateMachineName: !Sub \"").append(name).append("\"\n");
    yaml.append("        - Statement:\n");
    yaml.append("            - Effect: Allow\n");
    yaml.append("              Action: [states:DescribeExecution, states:StopExecution]\n");
    yaml.append(
            "              Resource: !Sub \"arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:")
        .append(name)
        .append(":*\"\n");
    yaml.append("            - Effect: Allow\n");
    yaml.append("              Action: [events:PutTargets, events:PutRule, events:DescribeRule]\n");
    yaml.append(
        "              Resource: !Sub \"arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionManagedRule\"\n");
  }

  /** Returns {@code template} with the text between the two marker lines replaced. */
  static String replaceBlock(String template, String begin, String end, String body) {
    int start = template.indexOf(begin + "\n");
    int stop = template.indexOf(end + "\n");
    if (start < 0 || stop < start) {
      throw new IllegalStateException(
          "template.yaml lacks the marker lines " + begin + " / " + end);
    }
    return template.substring(0, start + begin.length() + 1) + body + template.substring(stop);
  }

  /** Returns the template text with both generated blocks rewritten from {@code machines}. */
  static String regenerate(String template, List<Machine> machines) {
    String withResources =
        replaceBlock(template, RESOURCES_BEGIN, RESOURCES_END, resources(machines));
    return replaceBlock(withResources, OUTPUTS_BEGIN, OUTPUTS_END, outputs(machines));
  }
}
