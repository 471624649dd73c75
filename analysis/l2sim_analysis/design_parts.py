"""Composed designs (a rollup = its data availability + its bridge + its upgrade path): the
planner writes each part's plans under the column prefix `<part>__` and labels them
"[part <name>] ..." (models/layer2/planner/design_attack_model.cpp). A composed design falls to
the cheapest attack on any one of its parts, so its cheapest attack is the cheapest plan over
all parts, and the report names the part it belongs to.

Plan ids are read by name: a deposit reversal is `deposit__reorg<z>_hash<q>`, with a part's
prefix in front in a composed design (`bridge__deposit__reorg6_hash45`)."""
import math
import re

_PART = re.compile(r"\[part ([^\]]+)\] ")
_PART_DEPOSIT = re.compile(r"__deposit__reorg\d+_hash\d+$")


def is_deposit_plan(plan_id):
    """True for a deposit-reversal plan: `deposit__...` in a design of its own (as before
    composition), `<part>__deposit__reorg<z>_hash<q>` in a part."""
    return plan_id.startswith("deposit__") or bool(_PART_DEPOSIT.search(plan_id))


def part_of(label):
    """The part a plan belongs to, from its column label ("[part da] spend ..."); None for a
    design without parts. Parts of parts read "outer/inner"."""
    m = _PART.search(label or "")
    return m.group(1) if m else None


def cheapest_by_part(rows):
    """{part: its cheapest row} over rows with a finite cost (rows: dicts with "part" and
    "cost_btc", as design_plans.plan_report makes them)."""
    best = {}
    for r in rows:
        if r.get("part") is None or not math.isfinite(r["cost_btc"]):
            continue
        if r["part"] not in best or r["cost_btc"] < best[r["part"]]["cost_btc"]:
            best[r["part"]] = r
    return best


def cheapest_part(rows):
    """(part, row) of the composed design's cheapest attack: the cheapest plan over all parts;
    (None, None) when no part's plan succeeds at the target or the design has no parts."""
    best = cheapest_by_part(rows)
    if not best:
        return None, None
    part = min(best, key=lambda p: (best[p]["cost_btc"], p))
    return part, best[part]
