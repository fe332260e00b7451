package dev.stepline.compile;

/**
 * What one run of a step costs on Step Functions, not counting the steps of its blocks.
 *
 * @param workflow the workflow the step belongs to
 * @param path the step path
 * @param kind the step kind, as users write it
 * @param states the states compiled for the step, per copy (an inlined workflow is copied once per
 *     call site)
 * @param lambdaInvocations the Lambda invocations of one run of the step
 * @param transitions the state transitions of one run of the step
 */
public record StepCost(
    String workflow,
    String path,
    String kind,
    int states,
    int lambdaInvocations,
    int transitions) {}
