// Runs every differential case on aws-local-stepfunctions and prints one JSON object that maps
// each case name to {status, output, error, cause}.
//
// Usage: node run-cases.cjs NODE_MODULES_DIR CASES_DIR
//
// Task states run the fixed behaviours of the case's tasks.json (see TaskBehaviours.java, which
// gives the embedded engine the same behaviours); Wait states and retry pauses take no time.
'use strict';

const fs = require('fs');
const path = require('path');

const [nodeModules, casesDir] = process.argv.slice(2);
const { StateMachine } = require(path.join(nodeModules, 'aws-local-stepfunctions'));

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const ACCOUNT_PREFIX = 'arn:aws:states:us-east-1:123456789012:';

function readJson(file, fallback) {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : fallback;
}

function taskError(error, cause) {
  const failure = new Error(cause);
  failure.name = error;
  return failure;
}

// Applies one behaviour to a task input; mirrors TaskBehaviours.apply in the Java suite.
async function applyBehaviour(behaviour, input) {
  if (behaviour.sleepMs) {
    await new Promise((resolve) => setTimeout(resolve, behaviour.sleepMs));
  }
  if (behaviour.failIfField !== undefined) {
    const flagged = input !== null && typeof input === 'object' && input[behaviour.failIfField] === true;
    if (flagged) {
      throw taskError(behaviour.fail.error, behaviour.fail.cause);
    }
    return input;
  }
  if (behaviour.fail) {
    throw taskError(behaviour.fail.error, behaviour.fail.cause);
  }
  if (behaviour.merge) {
    return { ...input, ...behaviour.merge };
  }
  if ('return' in behaviour) {
    return behaviour.return;
  }
  return input;
}

function collectTaskStates(definition, found) {
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task') {
      found[name] = state.Resource;
    }
    for (const branch of state.Branches || []) {
      collectTaskStates(branch, found);
    }
    const processor = state.ItemProcessor || state.Iterator;
    if (processor) {
      collectTaskStates(processor, found);
    }
  }
  return found;
}

function collectStates(definition, found, type) {
  for (const [name, state] of Object.entries(definition.States)) {
    if (!type || state.Type === type) {
      found.push(name);
    }
    for (const branch of state.Branches || []) {
      collectStates(branch, found, type);
    }
    const processor = state.ItemProcessor || state.Iterator;
    if (processor) {
      collectStates(processor, found, type);
    }
  }
  return found;
}

function overrides(definition, behaviours) {
  const calls = {};
  const handlers = {};
  for (const [name, resource] of Object.entries(collectTaskStates(definition, {}))) {
    handlers[name] = async (input) => {
      const list = behaviours[name] || [{ echo: true }];
      const count = calls[name] || 0;
      calls[name] = count + 1;
      const behaviour = list[Math.min(count, list.length - 1)];
      if (resource === LAMBDA_INVOKE) {
        const payload = await applyBehaviour(behaviour, input.Payload === undefined ? {} : input.Payload);
        return { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 };
      }
      return applyBehaviour(behaviour, input);
    };
  }
  const waits = {};
  for (const name of collectStates(definition, [], 'Wait')) {
    waits[name] = 0;
  }
  const retries = {};
  for (const name of collectStates(definition, [])) {
    retries[name] = 0;
  }
  return { taskResourceLocalHandlers: handlers, waitTimeOverrides: waits, retryIntervalOverrides: retries };
}

async function runCase(name) {
  const dir = path.join(casesDir, name);
  const definition = readJson(path.join(dir, 'definition.asl.json'));
  const input = readJson(path.join(dir, 'input.json'), {});
  const behaviours = readJson(path.join(dir, 'tasks.json'), {});
  const machine = new StateMachine(definition, { validationOptions: { checkArn: false, checkPaths: false } });
  const context = {
    Execution: { Id: `${ACCOUNT_PREFIX}execution:${name}:run`, Name: 'run' },
    StateMachine: { Id: `${ACCOUNT_PREFIX}stateMachine:${name}`, Name: name },
  };
  try {
    const execution = machine.run(input, { overrides: overrides(definition, behaviours), context });
    const output = await execution.result;
    return { status: 'SUCCEEDED', output };
  } catch (failure) {
    const cause = failure.cause instanceof Error ? failure.cause : failure;
    return { status: 'FAILED', error: cause.name, cause: cause.message };
  }
}

async function main() {
  const names = fs.readdirSync(casesDir).filter((n) => fs.statSync(path.join(casesDir, n)).isDirectory());
  const results = {};
  await Promise.all(names.map(async (name) => {
    try {
      results[name] = await runCase(name);
    } catch (error) {
      results[name] = { status: 'ORACLE_ERROR', error: String(error && error.stack || error) };
    }
  }));
  process.stdout.write(JSON.stringify(results));
}

main();
