#!/usr/bin/python3
"""Figure: the cheapest revoked-state theft against a watchtower versus the tower's reaction
latency, from the `lightning` model's sweep scenarios/lightning/congestion.toml (a congestion
filler at 11 sat/vB, just above the tower's presigned 10 sat/vB justice, from the moment the
justice shows up until the thief's older(to_self_delay) path opens). Left: the attacker's
confirmed fees (filler, commitment and sweep; BTC, physical: no prices) per run, mean with a
Student-t 95% interval, and the value at stake for scale. Right: theft success with 95% Wilson
intervals. Usage: fig_lightning_theft_cost.py congestion.h5 -o results/fig_lightning_theft_cost"""
import argparse
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from l2sim_analysis import load_frame, mean_t_interval, wilson_interval  # noqa: E402
from l2sim_analysis.style import DOUBLE_WIDTH_IN, OKABE_ITO, apply, save  # noqa: E402


def points(frame):
    """Per latency: hours, mean fees (BTC) and interval, successes, runs, value at stake (BTC)."""
    rows = []
    for lat, g in frame.groupby("tower__latency_s"):
        fees = g["attacker_fees_sat"].to_numpy(float) / 1e8
        m, lo, hi = mean_t_interval(fees)
        rows.append((lat / 3600.0, m, lo, hi, int(g["attack_success"].sum()), len(g),
                     float(g["value_at_risk_sat"].mean()) / 1e8))
    return np.array(rows)


def draw(path, stem):
    import matplotlib.pyplot as plt
    f = load_frame(path)
    p = points(f)
    window = int(f["window_blocks"].iloc[0])
    apply()
    fig, (a, b) = plt.subplots(1, 2, figsize=(DOUBLE_WIDTH_IN, 2.8))
    hours, mean, lo, hi = p[:, 0], p[:, 1], p[:, 2], p[:, 3]
    lo, hi = np.where(np.isnan(lo), mean, lo), np.where(np.isnan(hi), mean, hi)
    a.errorbar(hours, mean, yerr=[mean - lo, hi - mean], marker="o", capsize=3, color=OKABE_ITO[0])
    a.axhline(p[0, 6], color=OKABE_ITO[3], linestyle="--", linewidth=1)
    a.annotate(f"value at stake ({p[0, 6]:.3g} BTC)", (hours.max(), p[0, 6]), xytext=(0, 3),
               textcoords="offset points", ha="right", va="bottom", fontsize=7, color=OKABE_ITO[3])
    a.set_yscale("log")
    a.set_xlabel("watchtower reaction latency (h)")
    a.set_ylabel("attacker's confirmed fees per run (BTC)")
    a.set_title(f"congestion theft at 11 sat/vB (to_self_delay {window} blocks)", fontsize=8)
    a.grid(alpha=0.3)
    k, n = p[:, 4], p[:, 5]
    s, slo, shi = wilson_interval(k, n)
    b.errorbar(hours, s, yerr=[np.maximum(s - slo, 0), np.maximum(shi - s, 0)], marker="o", capsize=3, color=OKABE_ITO[0])
    b.set_ylim(-0.05, 1.05)
    b.set_xlabel("watchtower reaction latency (h)")
    b.set_ylabel("theft success (95% Wilson)")
    b.set_title(f"success ({int(n[0])} runs per point)", fontsize=8)
    b.grid(alpha=0.3)
    fig.tight_layout()
    save(fig, stem)
    return p


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", help="results of scenarios/lightning/congestion.toml")
    ap.add_argument("-o", "--out", default="results/fig_lightning_theft_cost", help="output stem (.pdf, .png)")
    args = ap.parse_args(argv)
    for h, m, lo, hi, k, n, _ in draw(args.results, args.out):
        print(f"latency {h:5.2f} h: fees {m:.4f} BTC [{lo:.4f}, {hi:.4f}], success {int(k)}/{int(n)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
