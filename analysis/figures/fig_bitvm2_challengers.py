#!/usr/bin/python3
"""BitVM2's cheapest theft against the number of challengers and their fee policy, from the
attack planner on the presigned graph (designs/bitvm2.toml). For each fee policy and number of
challengers n, a variant of the design is run: Take-1 after the 432-block challenge window, against
n challengers who broadcast Challenge 60 s after Kickoff confirms. The planner tries corrupting all
n (1-of-n honesty), censoring the challenge with all of the hash, and filling blocks at 1.1 x the
challengers' highest bid for the window. Each run is priced with the economics file
(design_plans.plan_report: keys + hash x time at the rental price + block space) and the point is
the cheapest plan's budget for P(success) = 0.5, with its order-statistic interval (z = 3.29).
The committee's own collusion (buying all 5 of the n-of-n signers, which needs no graph) is the
dashed line. Writes OUT/fig_bitvm2_challengers.{pdf,png,csv}.

    python3 analysis/figures/fig_bitvm2_challengers.py --l2sim build/l2sim --out results
"""
import argparse
import math
import pathlib
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from design_plans import plan_report, read_columns  # noqa: E402
from l2sim_analysis.economics import load_economics  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]

# (label, fee_policy, first bid sat/vB, cap sat/vB)
POLICIES = [
    ("fixed 10 sat/vB", "fixed", 10.0, 10.0),
    ("fixed 100 sat/vB", "fixed", 100.0, 100.0),
    ("bump +10/block to 500 sat/vB", "bump", 10.0, 500.0),
    ("bump +10/block to 2000 sat/vB", "bump", 10.0, 2000.0),
]
COUNTS = [1, 2, 4, 8, 16, 32]


def variant(n, policy, first, cap):
    text = (ROOT / "designs/bitvm2.toml").read_text()
    text = text.replace('challenger = { count = 5, held_by = "challenger" }',
                        f'challenger = {{ count = {n}, held_by = "challenger" }}')
    # Take-2's window (2016 blocks) is longer than Take-1's: this figure follows Take-1 only.
    take2 = text.index("[graph.take2]")
    text = text[:take2] + text[text.index("[responders.challenger]"):]
    old = text[text.index("[responders.challenger]"):text.index("[sources]")]
    text = text.replace(old, f'[responders.challenger]\nlatency_s = 60.0\nfee_rate_sat_vb = {first}\n'
                             f'fee_policy = "{policy}"\nbump_step_sat_vb = 10.0\nmax_fee_rate_sat_vb = {cap}\n\n')
    return text


def plot(rows, committee_btc, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    top = 1e4  # BTC; an interval whose upper bound is infinite is drawn to the top with an arrow
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    markers = ["o", "s", "^", "D"]
    for i, pol in enumerate(POLICIES):
        sel = [r for r in rows if r[0] == pol[0]]
        x = np.array([r[1] for r in sel], float) * (1.0 + 0.04 * (i - 1.5))  # dodge overlapping bars
        y = np.array([r[3] for r in sel])
        lo = np.array([r[4] for r in sel])
        hi = np.array([min(r[5], top) for r in sel])
        line = ax.errorbar(x, y, yerr=[y - lo, hi - y], fmt=markers[i] + "-", capsize=2, lw=1, ms=4,
                           label=f"challengers {pol[0]}")
        for xi, r in zip(x, sel):
            if not math.isfinite(r[5]):
                ax.plot([xi], [top * 0.92], marker="^", ms=4, color=line[0].get_color())
    ax.axhline(committee_btc, ls="--", color="grey", lw=1,
               label=f"committee collusion (5 signers), {committee_btc:,.0f} BTC")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_ylim(10, top)
    ax.set_xticks(COUNTS)
    ax.set_xticklabels([str(c) for c in COUNTS])
    ax.set_xlabel("number of challengers n")
    ax.set_ylabel("cheapest Take-1 theft at P(success) = 0.5 (BTC)")
    ax.set_title("BitVM2: cheapest theft vs challengers and their fee policy\n"
                 "(z = 3.29 order-statistic intervals; arrow: upper bound infinite)", fontsize=9)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.tight_layout()
    for ext in ("pdf", "png"):
        fig.savefig(out / f"fig_bitvm2_challengers.{ext}", bbox_inches="tight", dpi=150)


def read_csv(path):
    rows, committee = [], math.nan
    for line in pathlib.Path(path).read_text().splitlines()[1:]:
        f = line.split(",")
        if f[0] == "committee collusion":
            committee = float(f[3])
            continue
        rows.append((f[0], int(f[1]), f[2], float(f[3]), float(f[4]), float(f[5]), float(f[6]), int(f[7]), int(f[8])))
    return rows, committee


def run_point(l2sim, tmp, n, pol, runs, seed):
    label, policy, first, cap = pol
    design = tmp / f"bitvm2_{policy}_{int(cap)}_{n}.toml"
    design.write_text(variant(n, policy, first, cap))
    out = design.with_suffix(".h5")
    subprocess.run([l2sim, "run", str(ROOT / "scenarios/designs/graph_plan.toml"),
                    "--set", f'design.file="{design}"', "--set", "planner.censor_shares=[0.0, 1.0]",
                    "--set", f"graph_planner.congest_fee_rates_sat_vb=[{1.1 * cap}]",
                    "-n", str(runs), "-s", str(seed), "-o", str(out), "--overwrite", "--progress", "none"],
                   check=True, capture_output=True)
    return read_columns(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--l2sim", default=str(ROOT / "build/l2sim"))
    ap.add_argument("--out", default=str(ROOT / "results"))
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--economics", default=str(ROOT / "scenarios/economics/default.toml"))
    ap.add_argument("--replot", help="redraw from a CSV this script wrote, without running")
    a = ap.parse_args(argv)
    if a.replot:
        rows, committee_btc = read_csv(a.replot)
        plot(rows, committee_btc, pathlib.Path(a.out))
        return 0
    econ = load_economics(a.economics)
    rows, committee = [], []
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        for pol in POLICIES:
            for n in COUNTS:
                cols, labels = run_point(a.l2sim, tmp, n, pol, a.runs, 67)
                report = plan_report(cols, labels, econ, 0.5)
                graph = [r for r in report if r["plan"].startswith("take1__")]
                best = min(graph, key=lambda r: r["cost_btc"])
                rows.append((pol[0], n, best["plan"], best["cost_btc"], best["cost_btc_lo"], best["cost_btc_hi"],
                             best["inherited_share"], int(np.min(cols["events_processed"])),
                             int(np.min(cols["txs_confirmed"]))))
                committee += [r["cost_btc"] for r in report if r["plan"].startswith("peg__")]
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "fig_bitvm2_challengers.csv", "w") as f:
        f.write("fee_policy,challengers,cheapest_plan,cost_btc,cost_btc_lo,cost_btc_hi,inherited_share,"
                "min_events_processed,min_txs_confirmed\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")
        f.write(f"committee collusion,5,peg__committee5,{float(np.median(committee))},,,0,,\n")
    plot(rows, float(np.median(committee)) if committee else math.nan, out)
    for r in rows:
        print(f"{r[0]:32s} n={r[1]:2d}  {r[2]:30s} {r[3]:10,.1f} BTC [{r[4]:,.1f}, {r[5]:,.1f}]  "
              f"inherited {100 * r[6] if r[6] == r[6] else float('nan'):.0f}%  events>={r[7]} txs>={r[8]}")
    print(f"committee collusion (median over points): {float(np.median(committee)):,.1f} BTC")
    return 0


if __name__ == "__main__":
    sys.exit(main())
