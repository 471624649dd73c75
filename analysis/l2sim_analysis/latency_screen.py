"""Screening of the design files' watcher latency, the one behavioural assumption of the designs
that the Sobol analysis cannot re-price: a watcher's reaction time changes which transactions
confirm, so its effect can only be measured by simulating again.

One-at-a-time screening (the first step of Morris's method, Morris 1991, Technometrics 33(2)):
every `latency_s` of the design's watchers and responders is multiplied by one factor, the
design's first runs are simulated again with the same master seed (the same runs, since a run's
randomness depends only on (seed, run)), and every plan's recorded quantities are compared run by
run with the study's. A plan whose columns are all equal did not notice the change; the
design's headline cost (its cheapest plan at the success target, feasible plan, the sensitivity's
pricing) is priced from both sets of runs."""
import math
import pathlib
import re
import tomllib

import numpy as np

RESPONDER_TABLES = ("responders", "watchers")


class ScreenError(ValueError):
    """A design file whose latencies cannot be scaled; the message names the file."""


def latencies(doc):
    """{"responders.challenger": 60.0, ...}: every watcher's and responder's latency_s."""
    return {f"{table}.{name}": float(agent["latency_s"])
            for table in RESPONDER_TABLES for name, agent in doc.get(table, {}).items()
            if isinstance(agent, dict) and "latency_s" in agent}


def scaled_design(path, factor):
    """The design file's text with every watcher's and responder's latency_s multiplied by
    `factor`, and the latencies before and after. The text is rewritten line by line inside those
    tables only, then read back: each latency must be exactly factor x its old value."""
    path = pathlib.Path(path)
    text = path.read_text()
    try:
        before = latencies(tomllib.loads(text))
    except tomllib.TOMLDecodeError as e:
        raise ScreenError(f"{path}: error: {e}") from None
    table, lines = None, []
    for line in text.splitlines(keepends=True):
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            table = header.group(1).strip()
        m = re.match(r"(\s*latency_s\s*=\s*)([0-9.eE+-]+)(.*)", line, re.S)
        if m and table and table.split(".")[0] in RESPONDER_TABLES:
            line = f"{m.group(1)}{float(m.group(2)) * factor!r}{m.group(3)}"
        lines.append(line)
    scaled = "".join(lines)
    after = latencies(tomllib.loads(scaled))
    if after.keys() != before.keys() or any(not math.isclose(after[k], before[k] * factor) for k in before):
        raise ScreenError(f"{path}: error: cannot scale its latency_s keys (written other than "
                          "`latency_s = NUMBER` inside [responders.NAME] or [watchers.NAME])")
    return scaled, before, after


def changed_plans(base, screened, plans):
    """The plans whose recorded columns differ in any run both frames hold (matched by `run`)."""
    b = base.set_index("run")
    s = screened.set_index("run")
    runs = b.index.intersection(s.index)
    out = []
    for plan in plans:
        cols = [c for c in b.columns if c.startswith(f"{plan}__") and c in s.columns]
        x, y = b.loc[runs, cols].to_numpy(float), s.loc[runs, cols].to_numpy(float)
        if not np.array_equal(x, y, equal_nan=True):
            out.append(plan)
    return out, len(runs)


def headline(frame, plans, econ):
    """(cheapest plan, its cost in USD) at the success target, feasible plan, default prices: the
    sensitivity's pricing (sensitivity.design_points and cost_matrix)."""
    from .sensitivity import cost_matrix, defaults, design_points
    points = design_points(frame, plans, econ)
    if points.frame.empty:
        return "", math.inf
    costs = cost_matrix(points, econ, defaults(econ))[:, 0]
    i = int(np.argmin(costs))
    return str(points.frame["_family"].iloc[i]), float(costs[i])
