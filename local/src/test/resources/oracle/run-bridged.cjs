// Runs compiled Stepline state machines on aws-local-stepfunctions and prints one JSON object that
// maps each case name to {status, output, error, cause}.
//
// Usage: node run-bridged.cjs NODE_MODULES_DIR CASES_FILE
//
// CASES_FILE is JSON: {"bridge": URL, "cases": [{"name", "main", "machines", "input"}]}, where
// "machines" maps each state machine ARN of the case to its definition, with every
// DefinitionSubstitution already filled in. Task states that call a step handler POST
// {"case", "resource", "input"} to the bridge, a loopback server in the test JVM that runs the same
// handler objects as the embedded engine, and wait for its reply: {"result"} or {"error", "cause"}.
// aws-local-stepfunctions 3 has no states:startExecution integration, so a .sync:2 Task state runs
// the child machine here, on aws-local-stepfunctions too, and returns what Step Functions returns.
// Cases run one after another; Wait states and retry pauses take no time.
'use strict';

const fs = require('fs');
const path = require('path');

const [nodeModules, casesFile] = process.argv.slice(2);
const { StateMachine } = require(path.resolve(nodeModules, 'aws-local-stepfunctions'));

const START_EXECUTION_SYNC2 = 'arn:aws:states:::states:startExecution.sync:2';
const ACCOUNT_PREFIX = 'arn:aws:states:us-east-1:123456789012:';

function taskError(error, cause) {
  const failure = new Error(cause);
  failure.name = error;
  return failure;
}

// Calls visit(name, state) for each state of a definition, branches and Map processors included.
function forEachState(definition, visit) {
  for (const [name, state] of Object.entries(definition.States)) {
    visit(name, state);
    for (const branch of state.Branches || []) {
      forEachState(branch, visit);
    }
    const processor = state.ItemProcessor || state.Iterator;
    if (processor) {
      forEachState(processor, visit);
    }
  }
}

async function callBridge(bridge, caseName, resource, input) {
  const response = await fetch(bridge, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ case: caseName, resource, input }),
  });
  const reply = await response.json();
  if (response.status !== 200) {
    throw new Error(`the bridge replied ${response.status}: ${JSON.stringify(reply)}`);
  }
  if (reply.error !== undefined) {
    throw taskError(reply.error, reply.cause);
  }
  return reply.result;
}

// Runs one machine of a case and returns its output; a failed run throws what the library threw.
async function runMachine(bridge, testCase, arn, input, executionName) {
  const definition = testCase.machines[arn];
  if (!definition) {
    throw taskError('StepFunctions.StateMachineDoesNotExistException', `no state machine ${arn}`);
  }
  const handlers = {};
  const waits = {};
  const retries = {};
  forEachState(definition, (name, state) => {
    retries[name] = 0;
    if (state.Type === 'Wait') {
      waits[name] = 0;
    }
    if (state.Type !== 'Task') {
      return;
    }
    handlers[name] = state.Resource === START_EXECUTION_SYNC2
      ? (taskInput) => runChild(bridge, testCase, taskInput)
      : (taskInput) => callBridge(bridge, testCase.name, state.Resource, taskInput);
  });
  const machine = new StateMachine(definition, { validationOptions: { checkArn: false, checkPaths: false } });
  const machineName = arn.substring(arn.lastIndexOf(':') + 1);
  // aws-local-stepfunctions 3 fills no State fields of $$, and the compiled Task states read
  // $$.State.RetryCount for the handlers' logs, so every state reads 0 here, retries included.
  const context = {
    Execution: { Id: `${ACCOUNT_PREFIX}execution:${machineName}:${executionName}`, Name: executionName },
    State: { RetryCount: 0 },
    StateMachine: { Id: arn, Name: machineName },
  };
  const overrides = { taskResourceLocalHandlers: handlers, waitTimeOverrides: waits, retryIntervalOverrides: retries };
  return machine.run(input, { overrides, context }).result;
}

// Runs the child machine of a startExecution.sync:2 Task state and returns the
// DescribeExecution-shaped result with Output as JSON, as Step Functions does.
let childCount = 0;
async function runChild(bridge, testCase, taskInput) {
  childCount += 1;
  const name = taskInput.Name || `child-${childCount}`;
  const arn = taskInput.StateMachineArn;
  const input = typeof taskInput.Input === 'string' ? JSON.parse(taskInput.Input) : (taskInput.Input || {});
  const executionArn = `${ACCOUNT_PREFIX}execution:${arn.substring(arn.lastIndexOf(':') + 1)}:${name}`;
  try {
    const output = await runMachine(bridge, testCase, arn, input, name);
    return { ExecutionArn: executionArn, StateMachineArn: arn, Name: name, Status: 'SUCCEEDED', Input: input, Output: output };
  } catch (failure) {
    const cause = failure.cause instanceof Error ? failure.cause : failure;
    const description = {
      ExecutionArn: executionArn, StateMachineArn: arn, Name: name, Status: 'FAILED',
      Input: input, Error: cause.name, Cause: cause.message,
    };
    throw taskError('States.TaskFailed', JSON.stringify(description));
  }
}

async function runCase(bridge, testCase) {
  try {
    const output = await runMachine(bridge, testCase, testCase.main, testCase.input, 'run');
    return { status: 'SUCCEEDED', output };
  } catch (failure) {
    const cause = failure.cause instanceof Error ? failure.cause : failure;
    return { status: 'FAILED', error: cause.name, cause: cause.message };
  }
}

async function main() {
  const { bridge, cases } = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
  const results = {};
  for (const testCase of cases) {
    try {
      results[testCase.name] = await runCase(bridge, testCase);
    } catch (error) {
      results[testCase.name] = { status: 'ORACLE_ERROR', error: String((error && error.stack) || error) };
    }
  }
  process.stdout.write(JSON.stringify(results));
}

main();
