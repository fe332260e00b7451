"""Time the expression mix of ExpressionBenchmark with simpleeval 1.0.3 in CPython.

Run: python3 benchmarks/simpleeval_mix.py
Prints microseconds per evaluation of the whole mix, as Julep evaluates (parsing each
expression every time), and with simpleeval's previously_parsed trees cached.
"""

import json
import math
import pathlib
import re
import statistics
import timeit

import simpleeval

MIX = pathlib.Path(__file__).parent / "src/main/resources/expression-mix.json"


class Box(dict):
    """A dict whose keys can also be read as attributes, as Julep's Box allows."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)


def box(value):
    if isinstance(value, dict):
        return Box({key: box(item) for key, item in value.items()})
    if isinstance(value, list):
        return [box(item) for item in value]
    return value


def main():
    mix = json.loads(MIX.read_text())
    expressions = mix["expressions"]
    functions = {"len": len, "sum": sum, "sorted": sorted, "round": round}
    modules = {"json": json, "math": math, "re": re, "statistics": statistics}

    def evaluator():
        names = {key: box(value) for key, value in mix["context"].items()}
        names.update(modules)
        return simpleeval.EvalWithCompoundTypes(names=names, functions=functions)

    parsed = [evaluator().parse(expression) for expression in expressions]

    def run_parsing():
        ev = evaluator()
        for expression in expressions:
            ev.eval(expression)

    def run_cached():
        ev = evaluator()
        for expression, tree in zip(expressions, parsed):
            ev.eval(expression, previously_parsed=tree)

    for name, run in (("parse every time (as Julep)", run_parsing),
                      ("parsed trees cached", run_cached)):
        run()
        timer = timeit.Timer(run)
        loops, _ = timer.autorange()
        best = min(timer.repeat(repeat=5, number=loops)) / loops
        print(f"simpleeval, {name}: {best * 1e6:.1f} us per mix of {len(expressions)}")


if __name__ == "__main__":
    main()
