#!/usr/bin/python3
"""Figure: commitment-pinning success against the adversary's pin budget (the size of the
low-fee descendants it chains on its own commitment), with and without TRUC + package relay
(zero-fee v3 commitments vs anchors), under the pre-cluster (core_v28: ancestor limits, CPFP
carve-out) and cluster (core_v31) mempool rules; from the `lightning` model's sweep
scenarios/lightning/pinning.toml. Four series, 95% Wilson intervals; points of a series are
offset slightly along x so the intervals do not hide each other.
Usage: fig_lightning_pinning.py pinning.h5 -o results/fig_lightning_pinning"""
import argparse
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from l2sim_analysis import load_frame, wilson_interval  # noqa: E402
from l2sim_analysis.style import COLUMN_WIDTH_IN, OKABE_ITO, apply, save  # noqa: E402

SERIES = [("core_v28", "anchors", "v28, anchors (carve-out)"), ("core_v28", "zero_fee_truc", "v28, TRUC + package"),
          ("core_v31", "anchors", "v31 cluster, anchors"), ("core_v31", "zero_fee_truc", "v31 cluster, TRUC + package")]
NO_PIN_X = 100.0   # where the no-pin budget (0 vB) is drawn on the log axis


def series(frame):
    """Per (rules, format): pin budgets (vB), successes, runs."""
    out = {}
    for rules, fmt, label in SERIES:
        g = frame[(frame["world__mempool__rules"] == rules) & (frame["channel__format"] == fmt)]
        if g.empty:
            continue
        agg = g.groupby("adversary__pin__child_vbytes")["attack_success"].agg(["sum", "count"]).reset_index()
        out[label] = agg.to_numpy(float)
    return out


def draw(path, stem):
    import matplotlib.pyplot as plt
    data = series(load_frame(path))
    apply()
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH_IN * 1.5, COLUMN_WIDTH_IN * 1.05))
    markers = ["o", "s", "^", "D"]
    for i, (label, rows) in enumerate(data.items()):
        x = np.where(rows[:, 0] > 0, rows[:, 0], NO_PIN_X) * 1.12 ** (i - 1.5)
        p, lo, hi = wilson_interval(rows[:, 1], rows[:, 2])
        ax.errorbar(x, p, yerr=[np.maximum(p - lo, 0), np.maximum(hi - p, 0)], marker=markers[i], capsize=2, color=OKABE_ITO[i], label=label)
    ax.set_xscale("log")
    ticks = sorted({float(v) for rows in data.values() for v in rows[:, 0]})
    ax.set_xticks([t if t > 0 else NO_PIN_X for t in ticks])
    ax.set_xticklabels(["no pin" if t == 0 else f"{t / 1000:g} k" for t in ticks])
    ax.set_ylim(-0.05, 1.3)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xlabel("adversary's pin budget: descendants chained at 1 sat/vB (vB)")
    ax.set_ylabel("HTLC lost (95% Wilson)")
    n = int(next(iter(data.values()))[0, 2]) if data else 0
    ax.set_title(f"commitment pinning during a 10 sat/vB spike ({n} runs per point)", fontsize=8)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", ncol=2, fontsize=6.5, frameon=False)   # above the data (y > 1.05)
    fig.tight_layout()
    save(fig, stem)
    return data


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", help="results of scenarios/lightning/pinning.toml")
    ap.add_argument("-o", "--out", default="results/fig_lightning_pinning", help="output stem (.pdf, .png)")
    args = ap.parse_args(argv)
    for label, rows in draw(args.results, args.out).items():
        print(f"{label}: " + ", ".join(f"{int(v)} vB {int(k)}/{int(n)}" for v, k, n in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
