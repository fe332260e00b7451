package dev.stepline.compile;

import static dev.stepline.compile.Tasks.call;
import static dev.stepline.compile.Tasks.error;
import static dev.stepline.compile.Tasks.evaluate;
import static dev.stepline.compile.Tasks.foreach;
import static dev.stepline.compile.Tasks.ifElse;
import static dev.stepline.compile.Tasks.info;
import static dev.stepline.compile.Tasks.map;
import static dev.stepline.compile.Tasks.parallel;
import static dev.stepline.compile.Tasks.ret;
import static dev.stepline.compile.Tasks.sleep;
import static dev.stepline.compile.Tasks.toolCall;
import static dev.stepline.compile.Tasks.tryCatch;
import static dev.stepline.compile.Tasks.waitForInput;

import dev.stepline.task.Step;
import dev.stepline.task.Task;
import java.util.List;

/** A task with every step kind, nested in every kind of block, for checks over whole machines. */
final class KitchenSink {
  private KitchenSink() {}

  static Task task() {
    Step.Switch switchStep =
        new Step.Switch(
            info("main[2]"),
            List.of(
                new Step.Case(
                    Tasks.expr("_ == 1"), false, List.of(sleep("main[2][0][0]", 1)), Tasks.AT),
                new Step.Case(Tasks.expr("_ == 2"), false, List.of(), Tasks.AT),
                new Step.Case(null, true, List.of(error("main[2][2][0]", "none")), Tasks.AT)));
    return Tasks.named("kitchen sink")
        .declareTool("ask", "function")
        .workflow(
            "main",
            evaluate("main[0]"),
            ifElse(
                "main[1]",
                List.of(
                    foreach(
                        "main[1].then[0]",
                        ifElse(
                            "main[1].then[0].do[0]",
                            List.of(evaluate("main[1].then[0].do[0].then[0]")),
                            List.of()))),
                List.of(ret("main[1].else[0]"))),
            switchStep,
            foreach(
                "main[3]",
                tryCatch(
                    "main[3].do[0]",
                    List.of(
                        call("main[3].do[0].try[0]", "helper"), error("main[3].do[0].try[1]", "x")),
                    List.of(error("main[3].do[0].catch[0]", "again")))),
            map(
                "main[4]",
                3,
                parallel(
                    "main[4].map[0]",
                    List.of(
                        List.of(waitForInput("main[4].map[0][0][0]")),
                        List.of(toolCall("main[4].map[0][1][0]", "ask")),
                        List.of()))),
            parallel(
                "main[5]",
                List.of(
                    List.of(call("main[5][0][0]", "countdown")),
                    List.of(
                        ifElse(
                            "main[5][1][0]",
                            List.of(),
                            List.of(evaluate("main[5][1][0].else[0]")))))),
            tryCatch(
                "main[6]",
                List.of(
                    tryCatch(
                        "main[6].try[0]",
                        List.of(evaluate("main[6].try[0].try[0]")),
                        List.of(evaluate("main[6].try[0].catch[0]")))),
                List.of()),
            new Step.Error(info("main[7]"), Tasks.expr("'computed ' + str(_)")))
        .workflow("helper", foreach("helper[0]", evaluate("helper[0].do[0]")), ret("helper[1]"))
        .workflow(
            "countdown",
            ifElse(
                "countdown[0]",
                List.of(call("countdown[0].then[0]", "countdown")),
                List.of(ret("countdown[0].else[0]"))),
            foreach("countdown[1]", call("countdown[1].do[0]", "helper")))
        .build();
  }
}
