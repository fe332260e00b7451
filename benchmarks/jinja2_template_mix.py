"""Time the template mix of TemplateBenchmark with Jinja2 in CPython.

Run: python3 benchmarks/jinja2_template_mix.py
Prints microseconds per rendering of the whole mix, compiling every template each
time (as rendering with Environment.from_string does), and with compiled templates
cached.
"""

import json
import pathlib
import statistics
import timeit

import jinja2

MIX = pathlib.Path(__file__).parent / "src/main/resources/template-mix.json"


def main():
    mix = json.loads(MIX.read_text())
    templates = mix["templates"]
    environment = jinja2.Environment(trim_blocks=True, lstrip_blocks=True)
    compiled = [environment.from_string(source) for source in templates]

    def names():
        return json.loads(json.dumps(mix["context"]))

    def render_compiling():
        context = names()
        for source in templates:
            environment.from_string(source).render(context)

    def render_cached():
        context = names()
        for template in compiled:
            template.render(context)

    for label, body in (("compiling every time", render_compiling), ("compiled once", render_cached)):
        runs = timeit.repeat(body, number=200, repeat=7)
        per_mix = [run / 200 * 1e6 for run in runs]
        print(
            f"Jinja2 {jinja2.__version__}, {label}: median {statistics.median(per_mix):.1f} us"
            f" per mix of {len(templates)} (min {min(per_mix):.1f})"
        )


if __name__ == "__main__":
    main()
