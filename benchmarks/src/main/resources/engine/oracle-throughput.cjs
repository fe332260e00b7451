// Measures how many executions per second aws-local-stepfunctions completes for one definition,
// running one execution at a time with every Task state returning at once from a local handler.
//
// Usage: node oracle-throughput.cjs NODE_MODULES_DIR DEFINITION_FILE WARMUP_SECONDS MEASURE_SECONDS
// Prints one JSON object: {"executions", "seconds", "perSecond", "perCpuSecond"}, where the CPU
// time is the process's user and system time.
'use strict';

const fs = require('fs');
const path = require('path');

const [nodeModules, definitionFile, warmupSeconds, measureSeconds] = process.argv.slice(2);
const { StateMachine } = require(path.resolve(nodeModules, 'aws-local-stepfunctions'));

const definition = JSON.parse(fs.readFileSync(definitionFile, 'utf8'));
const handlers = {};
for (const [name, state] of Object.entries(definition.States)) {
  if (state.Type === 'Task') {
    handlers[name] = async () => ({ ok: true });
  }
}
const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
const options = { overrides: { taskResourceLocalHandlers: handlers } };

async function runFor(seconds) {
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  let executions = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  while (process.hrtime.bigint() < end) {
    await machine.run({ execution: 'bench', count: 0 }, options).result;
    executions++;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { executions, seconds: elapsed, perSecond: executions / elapsed, perCpuSecond: executions / cpuSeconds };
}

(async () => {
  await runFor(Number(warmupSeconds));
  process.stdout.write(JSON.stringify(await runFor(Number(measureSeconds))));
})();
