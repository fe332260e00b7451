package dev.stepline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.diag.InvalidTaskException;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.task.Task;
import org.junit.jupiter.api.Test;

class TextTaskResolverTest {
  private static final String TASK = "name: greet\nmain:\n  - evaluate: {x: 1}\n";

  @Test
  void sameTextGivesSameTask() {
    TextTaskResolver resolver = new TextTaskResolver(4);

    Task first = resolver.resolve(ExecutionRecord.queued("e1", "greet", TASK, "{}"));
    Task second = resolver.resolve(ExecutionRecord.queued("e2", "greet", TASK, "{}"));

    assertThat(first.name()).isEqualTo("greet");
    assertThat(second).isSameAs(first);
  }

  @Test
  void leastRecentlyUsedTaskIsDropped() {
    TextTaskResolver resolver = new TextTaskResolver(1);
    Task first = resolver.resolve(ExecutionRecord.queued("e1", "greet", TASK, "{}"));
    resolver.resolve(ExecutionRecord.queued("e2", "other", TASK.replace("greet", "other"), "{}"));

    Task again = resolver.resolve(ExecutionRecord.queued("e3", "greet", TASK, "{}"));

    assertThat(again).isNotSameAs(first);
    assertThat(again.name()).isEqualTo("greet");
  }

  @Test
  void invalidTextFailsWithDiagnostics() {
    TextTaskResolver resolver = new TextTaskResolver(4);

    assertThatThrownBy(
            () -> resolver.resolve(ExecutionRecord.queued("e1", "bad", "main: []\n", "{}")))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessageContaining("bad.yaml:");
  }

  @Test
  void validatedResolverSkipsTaskChecks() {
    String unknownWorkflow = "name: jump\nmain:\n  - workflow: nowhere\n";
    ExecutionRecord execution = ExecutionRecord.queued("e1", "jump", unknownWorkflow, "{}");

    assertThatThrownBy(() -> new TextTaskResolver(4).resolve(execution))
        .isInstanceOf(InvalidTaskException.class);
    Task task = TextTaskResolver.forValidatedTasks(4).resolve(execution);

    assertThat(task.name()).isEqualTo("jump");
  }

  @Test
  void validatedResolverRejectsUnloadableText() {
    TextTaskResolver resolver = TextTaskResolver.forValidatedTasks(4);

    assertThatThrownBy(
            () -> resolver.resolve(ExecutionRecord.queued("e1", "bad", "main: [\n", "{}")))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessageContaining("bad.yaml:");
  }
}
