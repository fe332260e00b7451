package dev.stepline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.examples.CompiledCases;
import dev.stepline.task.Step;
import dev.stepline.task.Workflow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Fails when a state type, field, Choice operator, intrinsic function, resource kind, special error
 * name or context field that the engine supports is used by no case of the suite (the hand-written
 * differential cases, the engine-only cases and the compiled tasks of {@link CompiledCases}), or
 * when a step kind appears in no compiled task of the differential suite.
 */
class SuiteCoverageTest {
  /**
   * Step kinds that compile to {@code .waitForTaskToken}, which aws-local-stepfunctions 3 does not
   * implement; {@code RunCommandTest} runs them on the embedded engine.
   */
  private static final Set<String> ENGINE_ONLY_KINDS = Set.of("WaitForInput");

  @Test
  void suiteExercisesEverySupportedFeature() {
    Set<String> used = new TreeSet<>();
    for (String folder : new String[] {"asl", "asl-engine"}) {
      for (Path dir : AslCases.cases(folder)) {
        used.addAll(AslEngine.features(AslCases.definition(dir), Map.of()));
      }
    }
    for (CompiledCases.Case compiled : CompiledCases.all()) {
      for (String definition : compiled.machines().values()) {
        used.addAll(AslEngine.features(definition, Map.of()));
      }
    }

    Set<String> missing = new TreeSet<>(AslFields.supportedFeatures());
    missing.removeAll(used);

    assertThat(missing).as("supported features that no case exercises").isEmpty();
  }

  @Test
  void suiteTakesEveryDeclaredTransition() {
    Set<String> taken = new TreeSet<>();
    for (String folder : new String[] {"asl", "asl-engine"}) {
      for (Path dir : AslCases.cases(folder)) {
        AslCases.runOnEngine(dir, taken);
      }
    }

    Set<String> missing = new TreeSet<>();
    Transitions.ALLOWED.forEach(
        (type, steps) -> steps.forEach(step -> missing.add(type + "." + step)));
    missing.removeAll(taken);

    assertThat(missing).as("declared transitions that no case takes").isEmpty();
  }

  @Test
  void compiledTasksUseEveryStepKind() {
    Set<String> used = new TreeSet<>();
    for (CompiledCases.Case compiled : CompiledCases.all()) {
      for (Workflow workflow : compiled.task().workflows().values()) {
        addKinds(workflow.steps(), used);
      }
    }

    Set<String> missing = new TreeSet<>();
    for (Class<?> kind : Step.class.getPermittedSubclasses()) {
      missing.add(kind.getSimpleName());
    }
    missing.removeAll(used);
    missing.removeAll(ENGINE_ONLY_KINDS);

    assertThat(missing).as("step kinds that no compiled task of the suite uses").isEmpty();
  }

  private static void addKinds(List<Step> steps, Set<String> used) {
    for (Step step : steps) {
      used.add(step.getClass().getSimpleName());
      if (step instanceof Step.Foreach foreach) {
        addKinds(foreach.body(), used);
      } else if (step instanceof Step.MapReduce map) {
        addKinds(map.map(), used);
      } else if (step instanceof Step.Parallel parallel) {
        parallel.branches().forEach(branch -> addKinds(branch, used));
      } else if (step instanceof Step.IfElse ifElse) {
        addKinds(ifElse.then(), used);
        addKinds(ifElse.otherwise(), used);
      } else if (step instanceof Step.Switch switchStep) {
        switchStep.cases().forEach(branch -> addKinds(branch.then(), used));
      } else if (step instanceof Step.TryCatch tryCatch) {
        addKinds(tryCatch.trySteps(), used);
        addKinds(tryCatch.catchSteps(), used);
      }
    }
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
