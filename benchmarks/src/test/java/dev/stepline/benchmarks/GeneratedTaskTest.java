package dev.stepline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.task.Step;
import dev.stepline.task.Task;
import dev.stepline.validate.TaskValidator;
import dev.stepline.validate.ValidationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that the front-end benchmark measures a valid task of the size it claims. */
class GeneratedTaskTest {

  @Test
  void generatedTaskIsValidWithAllItsSteps() {
    ValidationResult result =
        new TaskValidator().validate("generated.yaml", GeneratedTask.yaml(1000));

    assertThat(result.diagnostics()).isEmpty();
    assertThat(countSteps(result.task())).isEqualTo(5000);
  }

  private static int countSteps(Task task) {
    return count(task.main().steps());
  }

  private static int count(List<Step> steps) {
    int total = 0;
    for (Step step : steps) {
      total++;
      if (step instanceof Step.IfElse ifElse) {
        total += count(ifElse.then()) + count(ifElse.otherwise());
      }
    }
    return total;
  }
}
