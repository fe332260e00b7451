package dev.stepline.compile;

import dev.stepline.diag.Diagnostic;
import dev.stepline.task.Step;
import dev.stepline.task.Value;
import java.util.Locale;

/** Builds the warning for a loop over a list whose length is known only at run time. */
final class LoopWarning {
  private LoopWarning() {}

  static Diagnostic of(WorkflowType type, CompileNotes.Loop loop) {
    Step step = loop.step();
    Value items =
        step instanceof Step.Foreach foreach ? foreach.in() : ((Step.MapReduce) step).over();
    int byPayload = HistoryEstimate.PAYLOAD_LIMIT / HistoryEstimate.ITERATION_OUTPUT_BYTES;
    int byHistory = HistoryEstimate.STANDARD_HISTORY_LIMIT / loop.eventsPerIteration();

    String limit;
    String advice;
    int maxItems;
    if (type == WorkflowType.STANDARD && byHistory <= byPayload) {
      maxItems = byHistory;
      limit =
          String.format(
              Locale.ROOT,
              "a Standard execution fails after %,d history events while each item adds about %d",
              HistoryEstimate.STANDARD_HISTORY_LIMIT,
              loop.eventsPerIteration());
      advice =
          "keep the list shorter, or process it in batches through a recursive subworkflow,"
              + " since each nested execution has its own history";
    } else {
      maxItems = byPayload;
      limit = "a Map state fails when the outputs of its iterations exceed 256 KiB together";
      advice = "keep the list shorter, or split it into batches with a loop inside a loop";
    }
    String message =
        String.format(
            Locale.ROOT,
            "%s at %s iterates over a list known only at run time, and %s, so it can handle about"
                + " %,d items (found %s); %s",
            step.kindName(),
            step.info().path(),
            limit,
            maxItems,
            describe(items),
            advice);
    return Diagnostic.warning(
        items == null ? step.info().position() : items.position(), step.info().path(), message);
  }

  private static String describe(Value value) {
    if (value instanceof Value.Expression expression) {
      return "$ " + shorten(expression.source());
    } else if (value instanceof Value.FString text) {
      return shorten(text.source());
    } else if (value instanceof Value.Jinja template) {
      return shorten(template.source());
    }
    return "a value that is not a list";
  }

  private static String shorten(String source) {
    String oneLine = source.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
