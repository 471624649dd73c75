"""Refines a family's cheapest budget at the success target along its budget axis: a bisection
on the SIMULATED success between the largest swept budget that misses the target and the
smallest that reaches it, running build/l2sim at each midpoint (`l2sim run` of the results
file's stored effective parameters, with `--set` for the family's swept values and the budget).
Every midpoint runs the file's replications from its master seed with run indices 0..n-1: in a
`seed_mode = "common"` sweep these are the very streams of every grid point (sim/runner/plan.cpp
uses the replication index), so all budgets share common random numbers and the success is
monotone in the budget run by run for the bribe and key attacks. A budget "reaches" the target
when the lower Wilson bound of its success does, as on the grid. The bracket shrinks until its
width is at most `rel_tol` of the budget (integer budgets: one unit)."""
import math
import pathlib
import subprocess
import tempfile

import numpy as np

from .load import load_frame
from .stats import wilson_interval


class RefineError(RuntimeError):
    """l2sim failed at a refinement point (the message says which and why)."""


def _toml_value(v):
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    return str(v)


class Refiner:
    """Callable for inheritance.estimate: (runs, flow points, budget key, target) -> (runs at the
    refined budget or None, {"failing_below", "iterations"}) or None when there is no bracket."""

    def __init__(self, l2sim, meta, confidence=0.95, rel_tol=0.01, threads=2, max_iter=40, only=None):
        self.only = set(only or [])
        self.l2sim, self.meta, self.confidence = l2sim, meta, confidence
        self.rel_tol, self.threads, self.max_iter = rel_tol, threads, max_iter
        self.scratch = tempfile.TemporaryDirectory(prefix="l2sim_refine_")
        self.calls = 0

    def __call__(self, runs, points, key, target):
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
        lo = float(below[key].iloc[-1])
        integer = np.issubdtype(runs[key].dtype, np.integer)
        template = runs[runs[key] == hi].iloc[0]
        meta = self.meta[int(template["_file"])]
        n = int((runs[key] == hi).sum())
        best, iterations = None, 0
        while not self._narrow_enough(lo, hi, integer) and iterations < self.max_iter:
            mid = math.floor((lo + hi) / 2) if integer else (math.sqrt(lo * hi) if lo > 0 else (lo + hi) / 2)
            frame = self._simulate(meta, template, key, int(mid) if integer else mid, n)
            k = int(frame["attack_success"].sum())
            _, s_lo, _ = wilson_interval(np.array([k]), np.array([len(frame)]), self.confidence)
            if s_lo[0] >= target:
                hi, best = mid, frame
            else:
                lo = mid
            iterations += 1
        if best is not None:
            best = best.assign(_file=template["_file"])
        return best, {"failing_below": lo, "iterations": iterations}

    def _narrow_enough(self, lo, hi, integer):
        return hi - lo <= 1 if integer else (hi - lo) <= self.rel_tol * hi

    def _simulate(self, meta, template, key, value, n):
        base = pathlib.Path(self.scratch.name)
        scenario = base / f"file{int(template['_file'])}.toml"
        if not scenario.exists():
            scenario.write_text(meta["effective_parameters"])
        self.calls += 1
        out = base / f"point{self.calls}.h5"
        sets = [f"{k.replace('__', '.')}={_toml_value(template[k])}" for k in meta["swept"] if k != key and k in template]
        sets.append(f"{key.replace('__', '.')}={_toml_value(value)}")
        cmd = [str(self.l2sim), "run", str(scenario), "--runs", str(n), "--seed", str(int(meta["master_seed"])),
               "--threads", str(self.threads), "--progress", "none", "-o", str(out)]
        for s in sets:
            cmd += ["--set", s]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise RefineError(f"{' '.join(cmd)}: exit {done.returncode}: {done.stderr.strip()}")
        frame = load_frame(out)
        out.unlink()
        return frame
