package dev.stepline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Fails when a state type, field, Choice operator, intrinsic function, resource kind, special error
 * name or context field that the engine supports is used by no case of the suite (the differential
 * cases and the engine-only cases).
 */
class SuiteCoverageTest {

  @Test
  void suiteExercisesEverySupportedFeature() {
    Set<String> used = new TreeSet<>();
    for (String folder : new String[] {"asl", "asl-engine"}) {
      for (Path dir : AslCases.cases(folder)) {
        used.addAll(AslEngine.features(AslCases.definition(dir), Map.of()));
      }
    }

    Set<String> missing = new TreeSet<>(AslFields.supportedFeatures());
    missing.removeAll(used);

    assertThat(missing).as("supported features that no case exercises").isEmpty();
  }

  @Test
  void featureNamesMatchWhatTheParserRecords() {
    String definition =
        "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
            + "\"Parameters\":{\"a.$\":\"States.UUID()\",\"b.$\":\"$$.Execution.Id\"},"
            + "\"Retry\":[{\"ErrorEquals\":[\"States.ALL\"],\"MaxAttempts\":1}],\"End\":true}}}";

    Set<String> features = AslEngine.features(definition, Map.of());

    assertThat(features)
        .contains(
            "Task",
            "Task.Resource",
            "Task.Parameters",
            "Task.Retry",
            "Retry.MaxAttempts",
            "Error.States.ALL",
            "States.UUID",
            "Context.Execution.Id",
            "Resource.LAMBDA_INVOKE");
    assertThat(AslFields.supportedFeatures()).containsAll(features);
  }
}
