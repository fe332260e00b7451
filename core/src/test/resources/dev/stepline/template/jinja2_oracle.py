"""Render Jinja templates with Jinja2 3.1 for the differential conformance test.

Reads one JSON object per line on stdin, {"template": ..., "context": {...}},
and writes one line per input: {"output": ...} or
{"error": {"type": ..., "message": ...}}. The environment is configured as
Stepline's template engine promises to behave: trim_blocks and lstrip_blocks
on, no autoescape, no loader.
"""

import json
import sys

import jinja2


def make_environment():
    return jinja2.Environment(trim_blocks=True, lstrip_blocks=True, autoescape=False)


def render(environment, request):
    try:
        template = environment.from_string(request["template"])
        return {"output": template.render(request.get("context") or {})}
    except Exception as error:  # every failure is a result to compare
        return {"error": {"type": type(error).__name__, "message": str(error)}}


def main():
    environment = make_environment()
    for line in sys.stdin:
        if not line.strip():
            continue
        result = render(environment, json.loads(line))
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
