package dev.stepline.task;

import java.util.List;
import java.util.Map;

/**
 * One step of a workflow, normalised from either spelling (Julep keys or {@code kind:}).
 *
 * <p>Block fields ({@code then}, {@code else}, {@code do}, {@code map}, {@code try}, {@code catch})
 * are always lists, even where the file wrote a single step.
 */
public sealed interface Step
    permits Step.Prompt,
        Step.ToolCall,
        Step.Evaluate,
        Step.WaitForInput,
        Step.Log,
        Step.Get,
        Step.Set,
        Step.Foreach,
        Step.MapReduce,
        Step.Parallel,
        Step.IfElse,
        Step.Switch,
        Step.Sleep,
        Step.Return,
        Step.Workflow,
        Step.Error,
        Step.TryCatch {

  StepInfo info();

  /** The step kind's name as users write it in Julep spelling, for messages and state names. */
  String kindName();

  /**
   * A {@code prompt} step. {@code prompt} is a string value or a list of messages ({@code role},
   * {@code content}); {@code settings} holds {@code temperature}, {@code max_tokens}, {@code
   * response_format} and the other model settings.
   */
  record Prompt(
      StepInfo info,
      Value prompt,
      Value model,
      Map<String, Value> settings,
      Map<String, Value> templateVariables,
      boolean unwrap,
      String secretName,
      Value tools)
      implements Step {
    public String kindName() {
      return "prompt";
    }
  }

  /** A {@code tool} step, or {@code kind: tool_call}. {@code operation} may be {@code null}. */
  record ToolCall(StepInfo info, String tool, String operation, Value arguments, String secretName)
      implements Step {
    public String kindName() {
      return "tool";
    }
  }

  /**
   * An {@code evaluate} step, or {@code kind: transform} / {@code kind: evaluate}. {@code value} is
   * the mapping of {@code evaluate:} or the single {@code expression:}.
   */
  record Evaluate(StepInfo info, Value value) implements Step {
    public String kindName() {
      return "evaluate";
    }
  }

  /** A {@code wait_for_input} step; {@code info} is the value shown to whoever answers. */
  record WaitForInput(StepInfo info, Value prompt) implements Step {
    public String kindName() {
      return "wait_for_input";
    }
  }

  /** A {@code log} step. */
  record Log(StepInfo info, Value message) implements Step {
    public String kindName() {
      return "log";
    }
  }

  /** A {@code get} step: reads {@code state[key]}. */
  record Get(StepInfo info, String key) implements Step {
    public String kindName() {
      return "get";
    }
  }

  /** A {@code set} step: merges a mapping into {@code state}. */
  record Set(StepInfo info, Value values) implements Step {
    public String kindName() {
      return "set";
    }
  }

  /** A {@code foreach} step: runs {@code body} once per item of {@code in}, one at a time. */
  record Foreach(StepInfo info, Value in, List<Step> body) implements Step {
    public Foreach {
      body = List.copyOf(body);
    }

    public String kindName() {
      return "foreach";
    }
  }

  /**
   * An {@code over}/{@code map} step: maps every item, {@code parallelism} at a time, then folds
   * the results with {@code reduce} (a Python expression over {@code results} and {@code _}), or
   * returns the list when {@code reduce} is {@code null}.
   */
  record MapReduce(
      StepInfo info, Value over, List<Step> map, Value reduce, Value initial, int parallelism)
      implements Step {
    public MapReduce {
      map = List.copyOf(map);
    }

    public String kindName() {
      return "map";
    }
  }

  /** A {@code parallel} step: every branch runs concurrently; the output is the list of outputs. */
  record Parallel(StepInfo info, List<List<Step>> branches) implements Step {
    public Parallel {
      branches = branches.stream().map(List::copyOf).toList();
    }

    public String kindName() {
      return "parallel";
    }
  }

  /**
   * An {@code if}/{@code then}/{@code else} step. {@code otherwise} is empty when there is no else.
   */
  record IfElse(StepInfo info, Value condition, List<Step> then, List<Step> otherwise)
      implements Step {
    public IfElse {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }

    public String kindName() {
      return "if";
    }
  }

  /** A {@code switch} step: the first case whose condition is true runs. */
  record Switch(StepInfo info, List<Case> cases) implements Step {
    public Switch {
      cases = List.copyOf(cases);
    }

    public String kindName() {
      return "switch";
    }
  }

  /** One case of a switch. {@code isDefault} is true for {@code case: _}. */
  record Case(Value condition, boolean isDefault, List<Step> then, SourcePosition position) {
    public Case {
      then = List.copyOf(then);
    }
  }

  /** A {@code sleep} step; the duration is the sum of its fields, in seconds. */
  record Sleep(StepInfo info, Value seconds, Value minutes, Value hours, Value days)
      implements Step {
    public String kindName() {
      return "sleep";
    }
  }

  /** A {@code return} step: a scalar or a mapping. Ends the workflow it is in. */
  record Return(StepInfo info, Value value) implements Step {
    public String kindName() {
      return "return";
    }
  }

  /** A subworkflow call: {@code workflow: name} with {@code arguments}. */
  record Workflow(StepInfo info, String workflow, Value arguments) implements Step {
    public String kindName() {
      return "workflow";
    }
  }

  /** An {@code error} step: fails the execution with a message. */
  record Error(StepInfo info, Value message) implements Step {
    public String kindName() {
      return "error";
    }
  }

  /** A {@code try_catch} step; inside {@code catchSteps} the name {@code error} is bound. */
  record TryCatch(StepInfo info, List<Step> trySteps, List<Step> catchSteps) implements Step {
    public TryCatch {
      trySteps = List.copyOf(trySteps);
      catchSteps = List.copyOf(catchSteps);
    }

    public String kindName() {
      return "try_catch";
    }
  }
}
