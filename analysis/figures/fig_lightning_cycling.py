#!/usr/bin/python3
"""Figure: replacement-cycling success against the attacker's fee budget, one series per victim
rebroadcast interval (every block, every 3 blocks, every 10 blocks), from the `lightning` model's
sweep scenarios/lightning/replacement_cycling.toml (LND preset with its deadline-aware fee curve,
no mempool scanning). Left: success with 95% Wilson intervals. Right: the cycles the attacker ran
and the fees it spent (mean per run with a Student-t 95% interval), in BTC against the HTLC's
value. Points of a series are offset slightly along x so the intervals do not hide each other.
Usage: fig_lightning_cycling.py replacement_cycling.h5 -o results/fig_lightning_cycling"""
import argparse
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from l2sim_analysis import load_frame, mean_t_interval, wilson_interval  # noqa: E402
from l2sim_analysis.style import DOUBLE_WIDTH_IN, OKABE_ITO, apply, save  # noqa: E402


def series(frame):
    """Per rebroadcast interval: rows of (budget BTC, successes, runs, fees BTC mean, lo, hi, cycles)."""
    out = {}
    for interval, g in frame.groupby("channel__rebroadcast_interval_blocks"):
        rows = []
        for budget, h in g.groupby("adversary__cycle__budget_sat"):
            m, lo, hi = mean_t_interval(h["attacker_fees_sat"].to_numpy(float) / 1e8)
            rows.append((budget / 1e8, h["attack_success"].sum(), len(h), m, lo, hi, h["replacement_cycles"].mean()))
        out[int(interval)] = np.array(rows, float)
    return out


def draw(path, stem):
    import matplotlib.pyplot as plt
    f = load_frame(path)
    data = series(f)
    htlc_btc = float(f["value_at_risk_sat"].iloc[0]) / 1e8
    apply()
    fig, (a, b) = plt.subplots(1, 2, figsize=(DOUBLE_WIDTH_IN, 2.9))
    markers = ["o", "s", "^", "D"]
    for i, (interval, r) in enumerate(data.items()):
        x = r[:, 0] * 1.1 ** (i - 1)
        label = "re-sent every block" if interval == 1 else f"re-sent every {interval} blocks"
        p, lo, hi = wilson_interval(r[:, 1], r[:, 2])
        a.errorbar(x, p, yerr=[np.maximum(p - lo, 0), np.maximum(hi - p, 0)], marker=markers[i], capsize=2, color=OKABE_ITO[i], label=label)
        m, mlo, mhi = r[:, 3], np.where(np.isnan(r[:, 4]), r[:, 3], r[:, 4]), np.where(np.isnan(r[:, 5]), r[:, 3], r[:, 5])
        mlo = np.where(mlo > 0, mlo, m / 10)   # a log axis: a lower bound at or below 0 is drawn a decade down
        b.errorbar(x, m, yerr=[np.maximum(m - mlo, 0), np.maximum(mhi - m, 0)], marker=markers[i], capsize=2, color=OKABE_ITO[i], label=label)
    for ax in (a, b):
        ax.set_xscale("log")
        ax.set_xlabel("attacker's fee budget (BTC)")
        ax.grid(alpha=0.3)
    a.set_ylim(-0.05, 1.3)
    a.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    a.set_ylabel("HTLC lost (95% Wilson)")
    n = int(next(iter(data.values()))[0, 2]) if data else 0
    a.set_title(f"success ({n} runs per point)", fontsize=8)
    a.legend(loc="upper left", ncol=2, fontsize=6.5, frameon=False)   # above the data (y > 1.05)
    b.set_yscale("log")
    b.axhline(htlc_btc, color=OKABE_ITO[3], linestyle="--", linewidth=1)
    b.annotate(f"HTLC value ({htlc_btc:g} BTC)", (b.get_xlim()[0], htlc_btc), xytext=(3, 3), textcoords="offset points",
               fontsize=7, color=OKABE_ITO[3])
    b.set_ylabel("attacker's confirmed fees per run (BTC)")
    b.set_title("what the attacker spent (mean, t 95%)", fontsize=8)
    fig.tight_layout()
    save(fig, stem)
    return data


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", help="results of scenarios/lightning/replacement_cycling.toml")
    ap.add_argument("-o", "--out", default="results/fig_lightning_cycling", help="output stem (.pdf, .png)")
    args = ap.parse_args(argv)
    for interval, r in draw(args.results, args.out).items():
        print(f"every {interval} blocks: " + ", ".join(
            f"{b:g} BTC {int(k)}/{int(n)} ({c:.1f} cycles, {m:.4f} BTC)" for b, k, n, m, _, _, c in r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
