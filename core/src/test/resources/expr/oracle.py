"""Evaluate Python expressions the way Julep does, for Stepline's conformance test.

Reads JSON lines {"id": ..., "expr": ..., "context": {...}} on stdin and writes one JSON
line per input: {"id": ..., "cpython": RESULT, "simpleeval": RESULT or null}. A RESULT is
{"value": ENCODED, "repr": ...} or {"error": "<exception type name>"}.

The CPython side runs eval() with no builtins but Stepline's allow-list, a Box-like dict
wrapper (attribute access reads keys) and the same limits on ** and range(). The simpleeval
side runs simpleeval's EvalWithCompoundTypes with the same names and functions.
"""

import ast
import base64 as _base64
import csv as _csv
import datetime as _dt
import io
import json as _json
import math as _math
import random as _random
import re as _re
import signal
import statistics as _statistics
import string as _string
import sys
import time as _time
import types
import urllib.parse as _parse
from functools import reduce as _reduce

import simpleeval
import yaml as _yaml

MAX_POWER = 4_000_000
MAX_RANGE = 1_000_000
MAX_STRING = 2_048_000


class Box(dict):
    """A dict whose keys can also be read as attributes, as Julep's Box allows."""

    def __getattribute__(self, name):
        if not name.startswith("__") and dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        raise AttributeError(f"'dict' object has no attribute '{name}'")


def box(value):
    if isinstance(value, dict):
        return Box({key: box(item) for key, item in value.items()})
    if isinstance(value, list):
        return [box(item) for item in value]
    return value


def safe_range(*args):
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise ValueError(f"Range size exceeds maximum of {MAX_RANGE}")
    return result


class NumberTooHigh(Exception):
    pass


def safe_power(a, b):
    if abs(a) > MAX_POWER or abs(b) > MAX_POWER:
        raise NumberTooHigh(f"Sorry! I don't want to evaluate {a!r} ** {b!r}")
    return a ** b


def load_json(text):
    if not isinstance(text, (str, bytes)):
        raise TypeError("the JSON object must be str")
    return _json.loads(text)


def extract_json(text):
    if "```json" in text:
        start = text.find("```json") + 7
        text = text[start:text.find("```", start)]
    return _json.loads(text)


def b64encode(text):
    if not isinstance(text, str):
        raise TypeError("b64encode() argument must be str")
    return _base64.b64encode(text.encode("utf-8")).decode("utf-8")


def b64decode(text):
    if not isinstance(text, str):
        raise TypeError("b64decode() argument must be str")
    try:
        return _base64.b64decode(text).decode("utf-8")
    except Exception as error:
        raise ValueError(f"Invalid base64 string: {error}")


def yaml_load(text, Loader=None):
    return _yaml.safe_load(text)


def unbox(value):
    if isinstance(value, dict):
        return {key: unbox(item) for key, item in dict.items(value)}
    if isinstance(value, list):
        return [unbox(item) for item in value]
    return value


def yaml_dump(value, **options):
    options.pop("Dumper", None)
    return _yaml.safe_dump(unbox(value), **options)


FUNCTIONS = {
    "abs": abs, "all": all, "any": any, "bool": bool, "dict": dict, "enumerate": enumerate,
    "float": float, "int": int, "len": len, "list": list, "map": map, "max": max, "min": min,
    "round": round, "set": set, "str": str, "sum": sum, "tuple": tuple, "zip": zip,
    "reduce": _reduce, "range": safe_range, "sorted": sorted, "reversed": reversed,
    "load_json": load_json, "load_yaml": yaml_load, "dump_json": _json.dumps,
    "dump_yaml": yaml_dump, "extract_json": extract_json,
    "search_regex": lambda pattern, text: _re.search(pattern, text),
    "match_regex": lambda pattern, text: bool(_re.fullmatch(pattern, text)),
}

NS = types.SimpleNamespace
MODULES = {
    "re": NS(search=_re.search, match=_re.match, fullmatch=_re.fullmatch, findall=_re.findall,
             finditer=_re.finditer, split=_re.split, sub=_re.sub, subn=_re.subn,
             escape=_re.escape, IGNORECASE=2, I=2, MULTILINE=8, M=8, DOTALL=16, S=16),
    "json": NS(loads=load_json, dumps=_json.dumps),
    "yaml": NS(load=yaml_load, safe_load=yaml_load, dump=yaml_dump, safe_dump=yaml_dump),
    "datetime": NS(datetime=_dt.datetime, date=_dt.date, timedelta=_dt.timedelta,
                   timezone=_dt.timezone),
    "math": NS(**{name: getattr(_math, name) for name in [
        "sqrt", "exp", "sin", "cos", "tan", "asin", "acos", "atan", "log10", "log2", "fabs",
        "degrees", "radians", "log", "pow", "atan2", "hypot", "ceil", "floor", "trunc", "isinf",
        "isnan", "isfinite", "isclose", "factorial", "gcd", "pi", "e", "tau", "inf", "nan"]}),
    "statistics": NS(**{name: getattr(_statistics, name) for name in [
        "mean", "median", "median_low", "median_high", "mode", "stdev", "geometric_mean",
        "quantiles"]}),
    "base64": NS(b64encode=b64encode, b64decode=b64decode),
    "urllib": NS(parse=NS(quote=_parse.quote, quote_plus=_parse.quote_plus,
                          unquote=_parse.unquote, unquote_plus=_parse.unquote_plus,
                          urlencode=_parse.urlencode, urlparse=_parse.urlparse,
                          urlsplit=_parse.urlsplit, parse_qs=_parse.parse_qs,
                          parse_qsl=_parse.parse_qsl)),
    "random": NS(random=_random.random, randint=_random.randint, choice=_random.choice,
                 sample=_random.sample),
    "time": NS(time=_time.time, strftime=_time.strftime, strptime=_time.strptime),
    "string": NS(**{name: getattr(_string, name) for name in [
        "ascii_letters", "ascii_lowercase", "ascii_uppercase", "digits", "hexdigits",
        "octdigits", "punctuation", "whitespace", "printable"]}),
    "csv": NS(reader=lambda data, *args, **kw: _csv.reader(io.StringIO(data), *args, **kw),
              DictReader=lambda data, *args, **kw: _csv.DictReader(io.StringIO(data), *args,
                                                                   **kw),
              QUOTE_MINIMAL=0, QUOTE_ALL=1, QUOTE_NONNUMERIC=2, QUOTE_NONE=3),
}
CONSTANTS = {"NEWLINE": "\n", "true": True, "false": False, "null": None}


class Rewriter(ast.NodeTransformer):
    """Applies Stepline's rules that plain eval() lacks."""

    def visit_Lambda(self, node):
        raise SyntaxError("lambda expressions are not supported")

    def visit_NamedExpr(self, node):
        raise SyntaxError("assignment expressions (:=) are not supported")

    def visit_SetComp(self, node):
        raise SyntaxError("set comprehensions are not supported")

    def visit_Name(self, node):
        if node.id.startswith("__"):
            raise NameError(f"name '{node.id}' is not defined")
        return node

    def visit_Attribute(self, node):
        if node.attr.startswith("__"):
            raise AttributeError(f"access to private attribute '{node.attr}' is not allowed")
        return self.generic_visit(node)

    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Pow):
            call = ast.Call(ast.Name("__power__", ast.Load()), [node.left, node.right], [])
            return ast.copy_location(call, node)
        return node


def cpython_eval(source, context):
    tree = Rewriter().visit(ast.parse(source.strip(), mode="eval"))
    ast.fix_missing_locations(tree)
    code = compile(tree, "<expr>", "eval")
    # Only __import__, which strftime and strptime need internally; the Rewriter rejects every
    # name that starts with two underscores, so no expression can reach it.
    scope = {"__builtins__": {"__import__": __import__}, "__power__": safe_power}
    scope.update(FUNCTIONS)
    scope.update(MODULES)
    scope.update(CONSTANTS)
    scope.update({key: box(value) for key, value in context.items()})
    return eval(code, scope)


def simpleeval_eval(source, context):
    names = {key: box(value) for key, value in context.items()}
    names.update(MODULES)
    names.update(CONSTANTS)
    evaluator = simpleeval.EvalWithCompoundTypes(names=names, functions=dict(FUNCTIONS))
    return evaluator.eval(source)


ITERATOR_TYPES = (map, zip, enumerate, filter, type(iter([])), reversed, type(iter(range(0))))


def encode(value):
    """Returns a JSON-able description of a value and its Python type."""
    if value is None:
        return ["None"]
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, str):
        return ["str", value]
    if isinstance(value, bytes):
        return ["bytes", repr(value)]
    if isinstance(value, list):
        return ["list", [encode(item) for item in value]]
    if isinstance(value, tuple):
        return ["tuple", [encode(item) for item in value]]
    if isinstance(value, dict):
        return ["dict", [[encode(key), encode(item)] for key, item in dict.items(value)]]
    if isinstance(value, (set, frozenset)):
        return [type(value).__name__,
                sorted(_json.dumps(encode(item), separators=(",", ":"), ensure_ascii=False)
                       for item in value)]
    if isinstance(value, (_dt.datetime, _dt.date, _dt.timedelta, _dt.timezone)):
        return [type(value).__name__, repr(value)]
    if isinstance(value, _re.Match):
        return ["Match", repr(value)]
    if type(value).__name__ in ("dict_keys", "dict_values", "dict_items"):
        return [type(value).__name__, [encode(item) for item in value]]
    if callable(value):
        return ["callable"]
    return [type(value).__name__]


def has_unordered(value):
    if isinstance(value, (set, frozenset)):
        return len(value) > 1
    if isinstance(value, (list, tuple)):
        return any(has_unordered(item) for item in value)
    if isinstance(value, dict):
        return any(has_unordered(k) or has_unordered(v) for k, v in dict.items(value))
    return False


def result(run, source, context):
    signal.alarm(5)
    try:
        value = run(source, context)
        description = {"value": encode(value)}
        if encode(value)[0] in ("None", "bool", "int", "float", "str", "bytes", "list", "tuple",
                                "dict", "set", "frozenset", "datetime", "date", "timedelta",
                                "Match") and not has_unordered(value):
            description["repr"] = repr(value)
            description["str"] = str(value)
        return description
    except Exception as error:
        if isinstance(error, _yaml.YAMLError):
            return {"error": "YAMLError"}
        return {"error": type(error).__name__}
    finally:
        signal.alarm(0)


def on_alarm(signum, frame):
    raise TimeoutError("evaluation took too long")


def main():
    signal.signal(signal.SIGALRM, on_alarm)
    sys.setrecursionlimit(3000)
    for line in sys.stdin:
        request = _json.loads(line)
        source = request["expr"]
        context = request.get("context") or {}
        answer = {"id": request["id"], "cpython": result(cpython_eval, source, context)}
        simple = result(simpleeval_eval, source, context)
        answer["simpleeval"] = simple if "value" in simple else None
        sys.stdout.write(_json.dumps(answer) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
