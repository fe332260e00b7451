package dev.stepline.benchmarks;

/**
 * Generates a task file of a chosen size for benchmarks: groups of five steps (an {@code evaluate},
 * a {@code tool} call, an {@code if} whose {@code then} is one {@code log}, and a {@code prompt}
 * with two messages), each with a label and expressions, f-strings and templates to classify.
 */
public final class GeneratedTask {

  /** Steps per generated group, nested steps included. */
  public static final int STEPS_PER_GROUP = 5;

  private GeneratedTask() {}

  /** Returns the YAML text of a task with {@code groups * 5} steps. */
  public static String yaml(int groups) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: generated\n")
        .append("input_schema:\n")
        .append("  type: object\n")
        .append("  properties: {topic: {type: string}, count: {type: integer}}\n")
        .append("tools:\n")
        .append("  - name: search\n")
        .append("    type: api_call\n")
        .append("    api_call:\n")
        .append("      method: GET\n")
        .append("      url: https://search.example.com\n")
        .append("      headers:\n")
        .append("        Authorization: $ f\"Bearer {secrets.SEARCH_KEY}\"\n")
        .append("main:\n");
    for (int i = 0; i < groups; i++) {
      appendGroup(yaml, i);
    }
    return yaml.toString();
  }

  private static void appendGroup(StringBuilder yaml, int i) {
    yaml.append("  - evaluate:\n")
        .append("      total: $ _.get('count', 0) + ")
        .append(i)
        .append('\n')
        .append("      title: \"Item {steps[0].input.topic} number ")
        .append(i)
        .append("\"\n")
        .append("    label: sum_")
        .append(i)
        .append('\n')
        .append("  - tool: search\n")
        .append("    arguments:\n")
        .append("      query: $ steps['sum_")
        .append(i)
        .append("'].output.title\n")
        .append("      limit: 10\n")
        .append("  - if: $ len(_.get('results', [])) > ")
        .append(i % 7)
        .append('\n')
        .append("    then:\n")
        .append("      log: \"found {{ _.results | length }} results\"\n")
        .append("  - prompt:\n")
        .append("      - role: system\n")
        .append("        content: You summarise search results.\n")
        .append("      - role: user\n")
        .append("        content: $ f\"Summarise {_} for step ")
        .append(i)
        .append("\"\n")
        .append("    unwrap: true\n");
  }
}
