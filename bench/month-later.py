#!/usr/bin/env python3
"""A re-plan a period later, for the tenth round's measurements (bench/README.md, section 5): the request with
asOf 1, its plan's period-0 allocations signed as commitments, the whole plan as previousPlan, every line's capacity
from period 8 on scaled by a random factor in [0.9, 1.1] and every tranche's amount by one in [1.0, 1.05] (budgets
only grow, so the signed money always fits). Deterministic for a seed.

    allocator solve national.json -o national-result.json
    bench/month-later.py national.json national-result.json --seed 22 -o national-replan-22.json
"""
import argparse
import json
import random

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("request")
parser.add_argument("result", help="the result of solving the request: its allocations become the previous plan")
parser.add_argument("--seed", type=int, default=11)
parser.add_argument("-o", "--output", required=True)
arguments = parser.parse_args()

rng = random.Random(arguments.seed)
request = json.load(open(arguments.request))
allocations = json.load(open(arguments.result))["allocations"]
for line in request["lines"]:
    line["capacity"] = [c if t < 8 else round(c * rng.uniform(0.9, 1.1)) for t, c in enumerate(line["capacity"])]
for donor in request["donors"]:
    for tranche in donor["tranches"]:
        tranche["amount"] = round(tranche["amount"] * rng.uniform(1.0, 1.05))
rows = [{key: a[key] for key in ("donor", "tranche", "line", "period", "amount")} for a in allocations]
request["asOf"] = 1
request["commitments"] = [row for row in rows if row["period"] == 0]
request["previousPlan"] = {"allocations": rows}
with open(arguments.output, "w") as output:
    json.dump(request, output)
