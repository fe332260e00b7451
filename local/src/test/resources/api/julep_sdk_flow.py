"""Drives `stepline serve` with the unmodified Julep SDK and prints what it saw as JSON.

The server address and key come from JULEP_BASE_URL and JULEP_API_KEY, as for any
Julep client; the arguments are the task file and a task file that waits for input.
"""

import json
import sys
import time

import yaml
from julep import Julep

client = Julep()


def wait_for(execution_id, statuses):
    """Polls the execution until its status is one of `statuses`, and returns it."""
    for _ in range(1500):
        found = client.executions.get(execution_id)
        if found.status in statuses:
            return found
        time.sleep(0.02)
    raise AssertionError(f"execution {execution_id} never reached {statuses}")


ENDED = ("succeeded", "failed", "cancelled")

secret = client.secrets.create(name="greeting_word", value="Hello", description="the word")
renamed = client.secrets.update(
    secret.id, name="salutation", value="Hi", description="the word, renamed"
)
secrets = client.secrets.list()

agent = client.agents.create(name="sdk agent", about="drives tasks from the SDK")
with open(sys.argv[1], encoding="utf-8") as task_file:
    definition = yaml.safe_load(task_file)
task = client.tasks.create(agent.id, **definition)
updated = client.tasks.create_or_update(
    task.id, agent_id=agent.id, **{**definition, "description": "Greets, updated."}
)

execution = client.executions.create(task.id, input={"name": "Ada"})
execution = wait_for(execution.id, ENDED)
transitions = client.executions.transitions.list(execution_id=execution.id)
listed = client.executions.list(task.id).items

with open(sys.argv[2], encoding="utf-8") as task_file:
    waiting = client.tasks.create(agent.id, **yaml.safe_load(task_file))
to_resume = client.executions.create(waiting.id, input={})
to_cancel = client.executions.create(waiting.id, input={})
wait_for(to_resume.id, ("awaiting_input",))
wait_for(to_cancel.id, ("awaiting_input",))
client.executions.change_status(to_resume.id, status="running", input={"ok": True})
client.executions.change_status(to_cancel.id, status="cancelled", reason="not needed")
resumed = wait_for(to_resume.id, ENDED)
cancelled = client.executions.get(to_cancel.id)
cancelled_transitions = client.executions.transitions.list(execution_id=cancelled.id)

print(
    json.dumps(
        {
            "secret_names": [s.name for s in secrets],
            "renamed_value": renamed.value,
            "agent_name": client.agents.get(agent.id).name,
            "task_name": task.name,
            "status": execution.status,
            "output": execution.output,
            "transition_types": [t.type for t in transitions.items],
            "agent_task_ids": [t.id for t in client.tasks.list(agent.id).items],
            "task_id": task.id,
            "updated_description": client.tasks.get(task.id).description,
            "updated_same_id": updated.id == task.id,
            "listed_execution_ids": [e.id for e in listed],
            "execution_id": execution.id,
            "resumed_status": resumed.status,
            "resumed_output": resumed.output,
            "cancelled_status": cancelled.status,
            "cancelled_last_transition": cancelled_transitions.items[-1].type,
        }
    )
)
