#!/usr/bin/python3
"""The attack planner's report for one `design_attack` results file (l2sim run scenarios/designs/...
or one file of `make design-study`): every plan priced by l2sim_analysis/plan_pricing.py in the
flow, stock and feasible views, the cheapest plan at --target with its order-statistic interval,
its inherited share (hash x time and block space, paid in Bitcoin's resources) and external part
(keys, stake, bribes), and the max safe value and deposit. Exit code 2 on bad input."""
import argparse
import json
import math
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from l2sim_analysis.economics import EconomicsError, load_economics  # noqa: E402
from l2sim_analysis.plan_pricing import plan_ids, plan_rows, quantile_with_ci, summary, z_of  # noqa: E402,F401


def read_columns(path):
    import h5py
    out, labels = {}, {}
    with h5py.File(path, "r") as f:
        status = np.asarray(f["status"]) if "status" in f else None
        for name, ds in f.items():
            if isinstance(ds, h5py.Dataset) and ds.ndim == 1:
                out[name] = np.asarray(ds, float)
                if "long_name" in ds.attrs:
                    v = ds.attrs["long_name"]
                    labels[name] = v.decode() if isinstance(v, bytes) else str(v)
    if status is not None:
        keep = status == 1
        out = {k: v[keep] for k, v in out.items()}
    return out, labels


def plan_report(cols, labels, econ, target, confidence=0.999, pricing="flow"):
    """The rows of one cost view (default flow, z = 3.29 intervals)."""
    return [r for r in plan_rows(cols, labels, econ, target, confidence) if r["pricing"] == pricing]


def fmt(x):
    return "inf" if x == math.inf else ("n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:,.1f}")


def pct(x):
    return "n/a" if x is None or math.isnan(x) else f"{100 * x:.1f}%"


def markdown(rows, s, target, confidence=0.999):
    pct_ci = f"{100 * confidence:g}% CI"
    out = [f"| plan | P(success) [{pct_ci}] | cost at P={target} (BTC) [{pct_ci}] | inherited share |",
           "|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: r["cost_btc"]):
        out.append(f"| {r['plan']} | {r['success']:.3f} [{r['success_lo']:.3f}, {r['success_hi']:.3f}] | "
                   f"{fmt(r['cost_btc'])} [{fmt(r['cost_btc_lo'])}, {fmt(r['cost_btc_hi'])}] | "
                   f"{pct(r['inherited_share'])} |")
    out.append("")
    out.append(f"cheapest plan at P={target}: {s['cheapest_plan']} ({s['cheapest_what']})")
    out.append(f"cost: {fmt(s['cheapest_cost_btc'])} BTC [{fmt(s['cheapest_cost_btc_lo'])}, "
               f"{fmt(s['cheapest_cost_btc_hi'])}]; external {fmt(s['cheapest_external_btc'])} BTC, paid in "
               f"Bitcoin's resources {fmt(s['cheapest_bitcoin_paid_btc'])} BTC; inherited share "
               f"{pct(s['cheapest_inherited_share'])}")
    out.append(f"max safe value: {fmt(s['max_safe_value_btc'])} BTC held; max safe deposit: "
               f"{fmt(s['max_safe_deposit_btc'])} BTC")
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("results", help="results file of a design_attack run (.h5)")
    ap.add_argument("--economics", default=str(pathlib.Path(__file__).resolve().parents[1] /
                                               "scenarios/economics/default.toml"))
    ap.add_argument("--target", type=float, default=0.9, help="success probability the budget must reach")
    ap.add_argument("--confidence", type=float, default=0.999, help="confidence level of the intervals "
                    "(0.999: z = 3.29)")
    ap.add_argument("--pricing", choices=["flow", "stock", "feasible"], default="flow", help="cost view")
    ap.add_argument("--json", help="also write the report as JSON here")
    a = ap.parse_args(argv)
    if not 0.0 < a.target < 1.0:
        print(f"error: --target {a.target} must be in (0, 1)", file=sys.stderr)
        return 2
    try:
        econ = load_economics(a.economics)
    except EconomicsError as e:
        print(e, file=sys.stderr)
        return 2
    try:
        cols, labels = read_columns(a.results)
    except OSError as e:
        print(f"{a.results}: error: {e}", file=sys.stderr)
        return 2
    if not plan_ids(cols):
        print(f"{a.results}: error: no plan columns (<plan>__success): not a design_attack results file",
              file=sys.stderr)
        return 2
    if not 0.0 < a.confidence < 1.0:
        print(f"error: --confidence {a.confidence} must be in (0, 1)", file=sys.stderr)
        return 2
    rows = plan_report(cols, labels, econ, a.target, a.confidence, a.pricing)
    s = summary(rows, a.pricing)
    print(markdown(rows, s, a.target, a.confidence))
    if a.json:
        clean = lambda v: None if isinstance(v, float) and not math.isfinite(v) else v  # noqa: E731
        with open(a.json, "w") as f:
            json.dump({"target": a.target, "summary": {k: clean(v) for k, v in s.items()},
                       "plans": [{k: clean(v) for k, v in r.items()} for r in rows]}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
