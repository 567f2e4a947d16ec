#!/usr/bin/env python3
"""Print the results, ratios and goals of JMH runs of the benchmarks module as Markdown.

Usage: python3 benchmarks/ratios.py RESULT.json [OTHER.json ...]

Each RESULT.json is what
    java -jar benchmarks/target/benchmarks.jar -prof gc -rf json -rff RESULT.json
writes; give several (for example one per JDK) to see them side by side. Standard library
only.

How the numbers are computed, always within one run (one file):
- ratio = score of A / score of B; the range divides the ends of the two 99.9% confidence
  intervals JMH reports: (A - errA) / (B + errB) to (A + errA) / (B - errB);
- difference = A - B, error sqrt(errA² + errB²), and the same difference of B/op;
- B/op is JMH's gc.alloc.rate.norm (from -prof gc); below 0.5 B/op counts as nothing;
- a goal is met when the ratio, difference or B/op is at most the goal's bound.
"""

import json
import math
import sys

HIT = "HitPathBenchmarks."
FILTER = "FilterOverheadBenchmarks."
CYCLE = "RequestCycleBenchmarks."

ZERO_BYTES = 0.5

ORDER = [HIT + name for name in (
    "plainCall", "threadLocalGet", "threadLocalMapLookup", "simpleThreadScopeProxy", "requestScopeProxy",
    "threadLocalVarsGetRequired", "threadLocalVarsGetOrCreate", "threadLocalScopeProxy", "threadLocalScopeGetBean",
    "threadLocalGetTwoThreads", "simpleThreadScopeProxyTwoThreads", "threadLocalVarsGetRequiredTwoThreads",
    "threadLocalVarsGetOrCreateTwoThreads", "threadLocalScopeProxyTwoThreads")]
ORDER += [FILTER + name for name in (
    "bareChain", "noOpOncePerRequestFilter", "requestBoundaryOnly", "threadLocalVarsFilterNoTouch")]
ORDER += [CYCLE + name + "[" + beans + "]" for beans in ("1", "5", "20")
          for name in ("threadLocalScopeCycle", "requestScopeCycle", "requestContextFilterCycle")]

# (label, A, B, goal): A / B, with an upper bound as the goal or None.
RATIOS = [
    ("threadlocal proxy call / ThreadLocal.get()+call", HIT + "threadLocalScopeProxy", HIT + "threadLocalGet", 5),
    ("threadlocal proxy call / SimpleThreadScope proxy call", HIT + "threadLocalScopeProxy",
     HIT + "simpleThreadScopeProxy", 0.1),
    ("threadlocal proxy call / @RequestScope proxy call", HIT + "threadLocalScopeProxy", HIT + "requestScopeProxy",
     0.1),
    ("getRequired hit / ThreadLocal.get()+call", HIT + "threadLocalVarsGetRequired", HIT + "threadLocalGet", 3),
    ("getOrCreate hit / ThreadLocal.get()+call", HIT + "threadLocalVarsGetOrCreate", HIT + "threadLocalGet", 3),
    ("1-bean request: threadlocal cycle / request-scope cycle", CYCLE + "threadLocalScopeCycle[1]",
     CYCLE + "requestScopeCycle[1]", 1.2),
    ("5-bean request: threadlocal cycle / request-scope cycle", CYCLE + "threadLocalScopeCycle[5]",
     CYCLE + "requestScopeCycle[5]", None),
    ("20-bean request: threadlocal cycle / request-scope cycle", CYCLE + "threadLocalScopeCycle[20]",
     CYCLE + "requestScopeCycle[20]", None),
    ("1-bean request: threadlocal cycle / RequestContextFilter cycle", CYCLE + "threadLocalScopeCycle[1]",
     CYCLE + "requestContextFilterCycle[1]", None),
    ("5-bean request: threadlocal cycle / RequestContextFilter cycle", CYCLE + "threadLocalScopeCycle[5]",
     CYCLE + "requestContextFilterCycle[5]", None),
    ("20-bean request: threadlocal cycle / RequestContextFilter cycle", CYCLE + "threadLocalScopeCycle[20]",
     CYCLE + "requestContextFilterCycle[20]", None),
    ("`ThreadLocal<HashMap>` lookup / ThreadLocal.get()+call", HIT + "threadLocalMapLookup", HIT + "threadLocalGet",
     None),
    ("bean factory lookup of the target / threadlocal proxy call", HIT + "threadLocalScopeGetBean",
     HIT + "threadLocalScopeProxy", None),
    ("2 threads: threadlocal proxy call / ThreadLocal.get()+call", HIT + "threadLocalScopeProxyTwoThreads",
     HIT + "threadLocalGetTwoThreads", None),
    ("2 threads: threadlocal proxy call / SimpleThreadScope proxy call", HIT + "threadLocalScopeProxyTwoThreads",
     HIT + "simpleThreadScopeProxyTwoThreads", None),
    ("2 threads: getRequired hit / ThreadLocal.get()+call", HIT + "threadLocalVarsGetRequiredTwoThreads",
     HIT + "threadLocalGetTwoThreads", None),
    ("2 threads: getOrCreate hit / ThreadLocal.get()+call", HIT + "threadLocalVarsGetOrCreateTwoThreads",
     HIT + "threadLocalGetTwoThreads", None),
] + [
    (f"{name}: 2 threads / 1 thread", HIT + name + "TwoThreads", HIT + name, None)
    for name in ("threadLocalGet", "threadLocalVarsGetRequired", "threadLocalVarsGetOrCreate",
                 "threadLocalScopeProxy", "simpleThreadScopeProxy")
]

# (label, A, B, goal): A - B in ns, with an upper bound as the goal or None.
DIFFERENCES = [
    ("no-touch request: starter's filter − bare chain", FILTER + "threadLocalVarsFilterNoTouch",
     FILTER + "bareChain", 50),
    ("of which OncePerRequestFilter: no-op subclass − bare chain", FILTER + "noOpOncePerRequestFilter",
     FILTER + "bareChain", None),
    ("of which the boundary: boundary around the chain − bare chain", FILTER + "requestBoundaryOnly",
     FILTER + "bareChain", None),
]

ALLOCATION_GOALS = [HIT + name for name in (
    "threadLocalVarsGetRequired", "threadLocalVarsGetOrCreate", "threadLocalScopeProxy",
    "threadLocalVarsGetRequiredTwoThreads", "threadLocalVarsGetOrCreateTwoThreads",
    "threadLocalScopeProxyTwoThreads")]


def number(value):
    """JMH writes NaN (the error of a single iteration) as a string."""
    value = float(value)
    return 0.0 if math.isnan(value) else value


def load(path):
    with open(path, encoding="utf-8") as file:
        runs = json.load(file)
    results = {}
    for run in runs:
        key = ".".join(run["benchmark"].rsplit(".", 2)[-2:])
        beans = run.get("params", {}).get("beans")
        if beans is not None:
            key += "[" + beans + "]"
        primary = run["primaryMetric"]
        norm = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        results[key] = {
            "threads": run["threads"],
            "score": number(primary["score"]),
            "error": number(primary["scoreError"]),
            "bytes": number(norm["score"]) if norm else None,
            "jdk": run.get("jdkVersion", "?"),
            "vm": run.get("vmVersion", "?"),
            "settings": (f"{run.get('forks')} fork, warmup {run.get('warmupIterations')} × {run.get('warmupTime')}, "
                         f"measurement {run.get('measurementIterations')} × {run.get('measurementTime')}"),
        }
    return results


def fmt(value, digits=1):
    return f"{value:,.{digits}f}"


def fmt_score(value):
    return fmt(value, 2 if value < 100 else 0)


def fmt_bytes(value):
    if value is None:
        return "n/a"
    return "0" if abs(value) < ZERO_BYTES else fmt(value, 0)


def ratio(results, a, b):
    if a not in results or b not in results:
        return None
    x, y = results[a], results[b]
    low = max(x["score"] - x["error"], 0.0) / (y["score"] + y["error"])
    high = (x["score"] + x["error"]) / (y["score"] - y["error"]) if y["score"] > y["error"] else math.inf
    return x["score"] / y["score"], low, high


def difference(results, a, b):
    if a not in results or b not in results:
        return None
    x, y = results[a], results[b]
    bytes_ = None if x["bytes"] is None or y["bytes"] is None else x["bytes"] - y["bytes"]
    return x["score"] - y["score"], math.hypot(x["error"], y["error"]), bytes_


def verdict(value, goal, unit):
    if value <= goal:
        return "met"
    if unit == "×":
        return f"missed by {value / goal:.2f}×"
    return f"missed by {fmt(value - goal, 0)} {unit}"


def row(cells):
    print("| " + " | ".join(cells) + " |")


def main(paths):
    runs = [load(path) for path in paths]
    names = []
    for results in runs:
        first = next(iter(results.values()))
        names.append("JDK " + first["jdk"])
        settings = sorted({r["settings"] for r in results.values()})
        print(f"- {names[-1]}: {first['vm']}; " + " or ".join(settings))
    print()

    row(["Benchmark", "beans", "threads"] + [f"{name} {col}" for name in names for col in ("ns/op", "±", "B/op")])
    row(["---", "---:", "---:"] + ["---:"] * (3 * len(runs)))
    keys = sorted({key for results in runs for key in results},
                  key=lambda key: (ORDER.index(key), key) if key in ORDER else (len(ORDER), key))
    for key in keys:
        name, _, beans = key.partition("[")
        threads = next(results[key]["threads"] for results in runs if key in results)
        cells = [name, beans.rstrip("]") or "-", str(threads)]
        for results in runs:
            r = results.get(key)
            cells += ([fmt_score(r["score"]), fmt_score(r["error"]), fmt_bytes(r["bytes"])] if r
                      else ["", "", ""])
        row(cells)
    print()

    goals = [[0, 0] for _ in runs]
    row(["Ratio (range: 99.9% intervals)", "goal"] + names)
    row(["---", "---:"] + ["---"] * len(runs))
    for label, a, b, goal in RATIOS:
        cells = [label, f"≤ {goal:g}×" if goal is not None else ""]
        for index, results in enumerate(runs):
            computed = ratio(results, a, b)
            if computed is None:
                cells.append("")
                continue
            value, low, high = computed
            cell = f"{value:.2f}× [{low:.2f}, {high:.2f}]"
            if goal is not None:
                cell += ": " + verdict(value, goal, "×")
                goals[index][0] += value <= goal
                goals[index][1] += 1
            cells.append(cell)
        row(cells)
    print()

    row(["Difference", "goal"] + names)
    row(["---", "---:"] + ["---"] * len(runs))
    for label, a, b, goal in DIFFERENCES:
        cells = [label, f"≤ {goal:g} ns" if goal is not None else ""]
        for index, results in enumerate(runs):
            computed = difference(results, a, b)
            if computed is None:
                cells.append("")
                continue
            value, error, bytes_ = computed
            cell = f"{fmt(value)} ± {fmt(error)} ns, {fmt_bytes(bytes_)} B/op"
            if goal is not None:
                cell += ": " + verdict(value, goal, "ns")
                goals[index][0] += value <= goal
                goals[index][1] += 1
            cells.append(cell)
        row(cells)
    print()

    row(["Hit path allocation", "goal"] + names)
    row(["---", "---:"] + ["---"] * len(runs))
    for key in ALLOCATION_GOALS:
        cells = [key.split(".")[1], "0 B/op"]
        for index, results in enumerate(runs):
            r = results.get(key)
            if r is None or r["bytes"] is None:
                cells.append("")
                continue
            met = r["bytes"] < ZERO_BYTES
            cells.append(f"{fmt_bytes(r['bytes'])} B/op: " + ("met" if met else f"missed by {fmt_bytes(r['bytes'])} B/op"))
            goals[index][0] += met
            goals[index][1] += 1
        row(cells)
    print()
    print("Goals met: " + "; ".join(f"{name}: {met} of {total}" for name, (met, total) in zip(names, goals)))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
