#!/usr/bin/python3
"""The attack planner's report for a `design_attack` results file (l2sim run scenarios/designs/...).

Every candidate plan has columns `<plan>__<quantity>` (models/layer2/planner/plan_outcome.hpp),
read by name. Per plan and run, the cost is priced from physical quantities with an explicit
economics file: keys_btc + bonds_slashed_btc (external: keys, stake, bribes) plus hash_share_s
(hash as a multiple of the network's hashrate x seconds, priced as rented hash: network_hashrate_ehs
x hash_rental_usd_per_ehs_day x rental_markup, Budish 2018's flow cost, rewards not netted) and
block_space_sat (the attacker's fees), both paid in Bitcoin's own resources (inherited).

A run the plan does not win costs +inf: the budget that makes a plan succeed with probability
--target is the --target quantile of that per-run cost, with a distribution-free confidence
interval from order statistics at z = 3.29 (the project's z). The cheapest plan is the one with
the lowest such budget; its inherited share is the Bitcoin-paid part of the cost in the runs that
budget wins. A plan that takes a design output (loot = the output's value) makes the design unsafe
once it holds more than that budget: max_safe_value_btc is the lowest budget over those plans
(and max_safe_deposit_btc over deposit reversals). Exit code 2 on bad input."""
import argparse
import json
import math
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from l2sim_analysis.design_parts import cheapest_part, is_deposit_plan, part_of  # noqa: E402
from l2sim_analysis.economics import EconomicsError, load_economics  # noqa: E402

Z = 3.29


def plan_ids(names):
    return sorted(n[: -len("__success")] for n in names if n.endswith("__success"))


def quantile_with_ci(costs, q, z=Z):
    """The q quantile of costs (inf allowed) and its order-statistic interval: the ranks
    n q -/+ z sqrt(n q (1 - q)) of the sorted sample (normal approximation to the binomial)."""
    x = np.sort(np.asarray(costs, float))
    n = len(x)
    if n == 0:
        return math.nan, math.nan, math.nan
    half = z * math.sqrt(n * q * (1 - q))
    at = lambda r: float(x[min(max(int(r), 0), n - 1)])  # noqa: E731
    return at(math.ceil(n * q) - 1), at(math.floor(n * q - half) - 1), at(math.ceil(n * q + half) - 1)


def wilson(k, n, z=Z):
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return p, c - h, c + h


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


def plan_report(cols, labels, econ, target):
    btc_per_hash_s = econ.network_hashrate_ehs * econ.hash_rental_usd_per_ehs_day * econ.rental_markup \
        / 86400.0 / econ.btc_usd
    rows = []
    for pid in plan_ids(cols):
        c = lambda q: cols[f"{pid}__{q}"]  # noqa: E731
        success = c("success") > 0.5
        external = c("keys_btc") + c("bonds_slashed_btc")
        bitcoin_paid = c("hash_share_s") * btc_per_hash_s + c("block_space_sat") * 1e-8
        total = external + bitcoin_paid
        to_succeed = np.where(success, total, np.inf)
        cost, lo, hi = quantile_with_ci(to_succeed, target)
        won = success & (total <= cost)
        inherited = float(bitcoin_paid[won].sum() / total[won].sum()) if won.any() and total[won].sum() > 0 else math.nan
        n = len(success)
        p, p_lo, p_hi = wilson(int(success.sum()), n)
        label = labels.get(f"{pid}__success", "")
        rows.append({
            "plan": pid, "what": label.split(": ", 1)[-1], "runs": n, "success": p, "success_lo": p_lo,
            "success_hi": p_hi, "cost_btc": cost, "cost_btc_lo": lo, "cost_btc_hi": hi,
            "external_btc": float(external[won].mean()) if won.any() else math.nan,
            "bitcoin_paid_btc": float(bitcoin_paid[won].mean()) if won.any() else math.nan,
            "inherited_share": inherited, "loot_btc": float(c("loot_btc").max()),
            "deposit": is_deposit_plan(pid), "part": part_of(label),
        })
    return rows


def summary(rows):
    finite = [r for r in rows if math.isfinite(r["cost_btc"])]
    best = min(finite, key=lambda r: r["cost_btc"]) if finite else None
    custody = [r["cost_btc"] for r in rows if not r["deposit"]]
    deposit = [r["cost_btc"] for r in rows if r["deposit"]]
    part, _ = cheapest_part(rows)
    return {
        "cheapest_part": part,
        "cheapest_plan": best["plan"] if best else None,
        "cheapest_what": best["what"] if best else None,
        "cheapest_cost_btc": best["cost_btc"] if best else math.inf,
        "cheapest_cost_btc_lo": best["cost_btc_lo"] if best else math.inf,
        "cheapest_cost_btc_hi": best["cost_btc_hi"] if best else math.inf,
        "cheapest_inherited_share": best["inherited_share"] if best else math.nan,
        "cheapest_external_btc": best["external_btc"] if best else math.nan,
        "cheapest_bitcoin_paid_btc": best["bitcoin_paid_btc"] if best else math.nan,
        "max_safe_value_btc": min(custody) if custody else math.inf,
        "max_safe_deposit_btc": min(deposit) if deposit else math.inf,
    }


def fmt(x):
    return "inf" if x == math.inf else ("n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:,.1f}")


def pct(x):
    return "n/a" if x is None or math.isnan(x) else f"{100 * x:.1f}%"


def markdown(rows, s, target):
    out = [f"| plan | P(success) [99.9% CI] | cost at P={target} (BTC) [z=3.29 CI] | inherited share |",
           "|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: r["cost_btc"]):
        out.append(f"| {r['plan']} | {r['success']:.3f} [{r['success_lo']:.3f}, {r['success_hi']:.3f}] | "
                   f"{fmt(r['cost_btc'])} [{fmt(r['cost_btc_lo'])}, {fmt(r['cost_btc_hi'])}] | "
                   f"{pct(r['inherited_share'])} |")
    out.append("")
    out.append(f"cheapest plan at P={target}: {s['cheapest_plan']} ({s['cheapest_what']})")
    if s.get("cheapest_part"):
        out.append(f"cheapest part: {s['cheapest_part']} (a composed design falls to its cheapest part)")
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
    rows = plan_report(cols, labels, econ, a.target)
    s = summary(rows)
    print(markdown(rows, s, a.target))
    if a.json:
        clean = lambda v: None if isinstance(v, float) and not math.isfinite(v) else v  # noqa: E731
        with open(a.json, "w") as f:
            json.dump({"target": a.target, "summary": {k: clean(v) for k, v in s.items()},
                       "plans": [{k: clean(v) for k, v in r.items()} for r in rows]}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
