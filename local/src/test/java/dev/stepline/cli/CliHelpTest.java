package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help text of every command. */
class CliHelpTest {

  /**
   * Checks that each command's summary starts with an imperative verb ("Serve", not "Serves"), as
   * the command lists of {@code stepline --help} and {@code stepline secrets --help} read.
   */
  @Test
  void summariesStartWithImperativeVerb() {
    List<String> summaries = new ArrayList<>();
    collectSummaries(Main.newCommandLine(), summaries);

    assertThat(summaries).hasSizeGreaterThan(10);
    for (String summary : summaries) {
      String verb = summary.split(" ", 2)[0];
      assertThat(verb).as(summary).doesNotEndWith("s");
    }
  }

  private static void collectSummaries(CommandLine commandLine, List<String> summaries) {
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      String[] description = sub.getCommandSpec().usageMessage().description();
      if (description.length > 0) {
        summaries.add(description[0]);
      }
      collectSummaries(sub, summaries);
    }
  }
}
