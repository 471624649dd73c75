"""Refines a family's cheapest budget at the success target along its budget axis: a bisection
on the SIMULATED success between the largest swept budget that misses the target and the
smallest that reaches it, running build/l2sim at each step (`l2sim sweep` of the results file's
stored effective parameters, with a zip over every open family's swept values and midpoint).
Every midpoint runs the file's replications from its master seed with `seed_mode = "common"`:
replication r uses stream r at every point (sim/runner/plan.cpp), the streams of every grid point
of a common-seed sweep, so all budgets share common random numbers and the success is monotone
in the budget run by run for the bribe and key attacks. A budget "reaches" the target
when the lower Wilson bound of its success does, as on the grid. The bracket shrinks until its
width is at most `rel_tol` of the budget (integer budgets: one unit)."""
import json
import math
import pathlib
import subprocess
import tempfile
import tomllib

import numpy as np

from . import lightning
from .load import flatten_toml, load_frame
from .stats import wilson_interval


class RefineError(RuntimeError):
    """l2sim failed at a refinement point (the message says which and why)."""


def _toml_value(v, like=None):
    """A --set value; `like` (the key's effective value) gives its type, since the results file
    stores booleans as 0/1 and text as codes."""
    if isinstance(like, bool) or isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(like, float):
        return repr(float(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    return str(v)


class Bracket:
    """One family's search: [lo, hi] with lo missing the target and hi reaching it."""

    def __init__(self, family, runs, key, lo, hi, rel_tol):
        self.family, self.key, self.lo, self.hi, self.rel_tol = family, key, lo, hi, rel_tol
        self.integer = np.issubdtype(runs[key].dtype, np.integer)
        self.template = runs[runs[key] == hi].iloc[0]
        self.n = int((runs[key] == hi).sum())
        self.best, self.iterations = None, 0

    def done(self, max_iter):
        narrow = self.hi - self.lo <= 1 if self.integer else self.hi - self.lo <= self.rel_tol * self.hi
        return narrow or self.iterations >= max_iter

    def midpoint(self):
        if self.integer:
            return int(math.floor((self.lo + self.hi) / 2))
        return math.sqrt(self.lo * self.hi) if self.lo > 0 else (self.lo + self.hi) / 2


class Refiner:
    """For inheritance.estimate: refine([(family, runs, flow points, budget key)], target) ->
    {family: (runs at the refined budget or None, {"failing_below", "iterations"})}; families
    without a bracket (no swept budget misses the target below the cheapest one) are left out.
    Each bisection step runs all of a file's open brackets as one `l2sim sweep` (a zip over the
    families' swept values and midpoints), so the cost is one l2sim call per file and step."""

    def __init__(self, l2sim, meta, confidence=0.95, rel_tol=0.01, threads=2, max_iter=40, only=None):
        self.only = set(only or [])
        self.l2sim, self.meta, self.confidence = l2sim, meta, confidence
        self.rel_tol, self.threads, self.max_iter = rel_tol, threads, max_iter
        self.scratch = tempfile.TemporaryDirectory(prefix="l2sim_refine_")
        self.calls = 0

    def bracket(self, family, runs, points, key, target):
        if self.only and key not in self.only:
            return None
        pts = points.sort_values(key)
        passing = pts[pts["success_lo"] >= target]
        if passing.empty:
            return None
        hi = float(passing[key].iloc[0])
        below = pts[pts[key] < hi]
        if below.empty:
            return None
        return Bracket(family, runs, key, float(below[key].iloc[-1]), hi, self.rel_tol)

    def refine(self, families, target):
        brackets = [b for b in (self.bracket(*f, target) for f in families) if b is not None]
        by_file = {}
        for b in brackets:
            by_file.setdefault(int(b.template["_file"]), []).append(b)
        for file, group in by_file.items():
            while True:
                active = [b for b in group if not b.done(self.max_iter)]
                if not active:
                    break
                mids = [b.midpoint() for b in active]
                frames = self._simulate(file, active, mids)
                for b, mid, frame in zip(active, mids, frames):
                    k = int(frame["attack_success"].sum())
                    _, s_lo, _ = wilson_interval(np.array([k]), np.array([len(frame)]), self.confidence)
                    if s_lo[0] >= target:
                        b.hi, b.best = mid, frame.assign(_file=file)
                    else:
                        b.lo = mid
                    b.iterations += 1
        return {b.family: (b.best, {"failing_below": b.lo, "iterations": b.iterations}) for b in brackets}

    def simulate(self, file, brackets, budgets):
        """Runs each bracket's family (its `template` run, `n` replications, budget `key`) at the
        given budget, all in one sweep of results file `file`; one frame of runs per bracket. With
        the file's master seed and common random numbers this reproduces the runs the bisection
        made at that budget (analysis/sensitivity.py re-creates the refined points this way)."""
        return self._simulate(file, brackets, budgets)

    def _simulate(self, file, brackets, mids):
        """Runs every bracket's midpoint in one sweep; returns one frame of runs per bracket."""
        meta = self.meta[file]
        types = meta.setdefault("_flat", flatten_toml(meta["effective_parameters"]))
        keys = list(dict.fromkeys([*meta["swept"], *(b.key for b in brackets)]))
        keys = [k for k in keys if all(k in b.template for b in brackets)]
        columns = {k: [] for k in keys}
        for b, mid in zip(brackets, mids):
            for k in keys:
                columns[k].append(mid if k == b.key else b.template[k])
        lines = [meta["effective_parameters"], "", "[sweep]", f"replications = {brackets[0].n}",
                 'seed_mode = "common"', "", "[sweep.zip]"]
        for k, values in columns.items():
            dotted = k.replace("__", ".")
            lines.append(f'"{dotted}" = [{", ".join(_toml_literal(v, types.get(dotted)) for v in values)}]')
        base = pathlib.Path(self.scratch.name)
        self.calls += 1
        scenario, out = base / f"step{self.calls}.toml", base / f"step{self.calls}.h5"
        scenario.write_text("\n".join(lines) + "\n")
        cmd = [str(self.l2sim), "sweep", str(scenario), "--seed", str(int(meta["master_seed"])),
               "--threads", str(self.threads), "--progress", "none", "-o", str(out)]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise RefineError(f"{' '.join(cmd)}: exit {done.returncode}: {done.stderr.strip()}")
        frame = load_frame(out)
        out.unlink()
        if meta.get("model") == "lightning":  # priced by name like the file's own runs (lightning.py)
            frame = lightning.adapt(frame)
        return [frame[frame["point"] == i] for i in range(len(brackets))]


def _toml_literal(v, like):
    """A TOML literal for a zip list: text quoted, numbers and booleans typed like the key."""
    if isinstance(like, str) or isinstance(v, str):
        return json.dumps(str(v))
    return _toml_value(v, like)
