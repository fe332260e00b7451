"""Drives `stepline serve` with the unmodified Julep SDK and prints what it saw as JSON.

The server address and key come from JULEP_BASE_URL and JULEP_API_KEY, as for any
Julep client; the task file is the first argument.
"""

import json
import sys
import time

import yaml
from julep import Julep

client = Julep()

secret = client.secrets.create(name="greeting_word", value="Hello", description="the word")
renamed = client.secrets.update(
    secret.id, name="salutation", value="Hi", description="the word, renamed"
)
secrets = client.secrets.list()

agent = client.agents.create(name="sdk agent", about="drives tasks from the SDK")
with open(sys.argv[1], encoding="utf-8") as task_file:
    definition = yaml.safe_load(task_file)
task = client.tasks.create(agent.id, **definition)

execution = client.executions.create(task.id, input={"name": "Ada"})
for _ in range(1500):
    execution = client.executions.get(execution.id)
    if execution.status in ("succeeded", "failed", "cancelled"):
        break
    time.sleep(0.02)

transitions = client.executions.transitions.list(execution_id=execution.id)

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
        }
    )
)
