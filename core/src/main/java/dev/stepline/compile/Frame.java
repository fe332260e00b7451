package dev.stepline.compile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.task.Step;

/**
 * Where a list of steps is being compiled: the workflow its requests name, the prefix of its state
 * names, the scope suffix its requests add to the payload scope, where failures and {@code return}
 * go, and the body its states belong to.
 *
 * @param prefix the inlined calls around the steps, such as {@code main[3] > }, or empty
 * @param scopeSuffix what the steps add to {@code $.scope}: parallel branches and inlined calls
 *     open scopes without a state that could write the new id to the payload
 * @param catchHandler where a failure goes: a catch handler, the main workflow's {@code fail}
 *     state, or {@code null} to fail the enclosing Map, Parallel or nested execution
 * @param returnTarget the state after a {@code return}, or {@code null} to end the body
 * @param returnForbiddenBy the loop or parallel step whose body the steps are in, where a {@code
 *     return} cannot leave, or {@code null}
 * @param depth how many Map and Parallel states enclose the steps
 */
record Frame(
    String workflow,
    String prefix,
    String scopeSuffix,
    CatchHandler catchHandler,
    String returnTarget,
    String returnForbiddenBy,
    int depth,
    Body body) {

  static Frame main(Body body) {
    return new Frame(
        "main",
        "",
        "",
        new CatchHandler(MachineCompiler.FAIL),
        MachineCompiler.FINISH,
        null,
        0,
        body);
  }

  static Frame nested(String workflow, Body body) {
    return new Frame(workflow, "", "", null, null, null, 0, body);
  }

  Frame loopBody(Step step, Body iteration) {
    return new Frame(workflow, prefix, "", null, null, describe(step), depth + 1, iteration);
  }

  Frame parallelBranch(Step step, int branch, Body branchBody) {
    String suffix = scopeSuffix + "/" + step.info().path() + "|" + branch;
    return new Frame(workflow, prefix, suffix, null, null, describe(step), depth + 1, branchBody);
  }

  Frame inlineCall(Step step, String callee, String closeState) {
    String path = step.info().path();
    return new Frame(
        callee,
        prefix + path + " > ",
        scopeSuffix + "/" + path + "@",
        catchHandler,
        closeState,
        null,
        depth,
        body);
  }

  Frame tryBlock(String catchState) {
    return new Frame(
        workflow,
        prefix,
        scopeSuffix,
        new CatchHandler(catchState),
        returnTarget,
        returnForbiddenBy,
        depth,
        body);
  }

  /** Returns {@code state}, or the body's final Succeed state when {@code state} is null. */
  String target(String state, StateNames names) {
    return state != null ? state : body.done(names);
  }

  String catchTarget() {
    return catchHandler == null ? null : catchHandler.state;
  }

  /** Returns the catch handler's state and notes that something goes there. */
  String useCatchTarget() {
    catchHandler.used = true;
    return catchHandler.state;
  }

  boolean catchUsed() {
    return catchHandler != null && catchHandler.used;
  }

  /** Adds the Catch rule of this frame to {@code state}, if failures are caught here. */
  void catchTo(ObjectNode state) {
    if (catchHandler != null) {
      Asl.catchAll(state, useCatchTarget());
    }
  }

  private static String describe(Step step) {
    return step.kindName() + " at " + step.info().path();
  }

  /** The state a failure goes to, and whether any state of the block goes there. */
  static final class CatchHandler {
    final String state;
    boolean used;

    CatchHandler(String state) {
      this.state = state;
    }
  }
}
