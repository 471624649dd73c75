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


def read_design(path):
    """The design file's text and document; ScreenError names the file when it cannot be read."""
    path = pathlib.Path(path)
    try:
        text = path.read_text()
        return text, tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ScreenError(f"{path}: error: cannot read the design file the runs name ({e})") from None


def composed(doc):
    """A composed design keeps its parts' watchers in other files, which the screen does not scale."""
    return "parts" in doc


def scaled_design(path, factor):
    """The design file's text with every watcher's and responder's latency_s multiplied by
    `factor`, and the latencies before and after. The text is rewritten line by line inside the
    [responders.NAME] and [watchers.NAME] tables only, then read back: each latency must be
    exactly factor x its old value, and nothing else may change."""
    path = pathlib.Path(path)
    text, doc = read_design(path)
    try:
        before = latencies(doc)
    except (TypeError, ValueError) as e:
        raise ScreenError(f"{path}: error: a latency_s is not a number ({e})") from None
    table, lines = None, []
    for line in text.splitlines(keepends=True):
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            table = header.group(1).strip().split(".")
        m = re.match(r"(\s*latency_s\s*=\s*)([0-9.eE+-]+)(.*)", line, re.S)
        if m and table and len(table) == 2 and table[0] in RESPONDER_TABLES:
            line = f"{m.group(1)}{float(m.group(2)) * factor!r}{m.group(3)}"
        lines.append(line)
    scaled = "".join(lines)
    try:
        after_doc = tomllib.loads(scaled)
        after = latencies(after_doc)
    except (tomllib.TOMLDecodeError, TypeError, ValueError):
        after_doc, after = None, {}
    if (after.keys() != before.keys() or any(not math.isclose(after[k], before[k] * factor) for k in before)
            or _without_latencies(after_doc) != _without_latencies(doc)):
        raise ScreenError(f"{path}: error: cannot scale its latency_s keys (written other than "
                          "`latency_s = NUMBER` inside [responders.NAME] or [watchers.NAME])")
    return scaled, before, after


def _without_latencies(doc):
    """The document with the watchers' and responders' latency_s removed (a copy)."""
    import copy
    if doc is None:
        return None
    doc = copy.deepcopy(doc)
    for table in RESPONDER_TABLES:
        for agent in doc.get(table, {}).values():
            if isinstance(agent, dict):
                agent.pop("latency_s", None)
    return doc


def shared_runs(base, screened):
    """Both frames cut to the runs both hold (matched by `run`), in the same order."""
    runs = sorted(set(base["run"]) & set(screened["run"]))
    pick = lambda f: f[f["run"].isin(runs)].sort_values("run").reset_index(drop=True)  # noqa: E731
    return pick(base), pick(screened)


def changed_plans(base, screened, plans):
    """The plans whose recorded columns differ in any run both frames hold (matched by `run`),
    and the number of runs compared."""
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
