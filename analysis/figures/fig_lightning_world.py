#!/usr/bin/python3
"""The three Lightning results the closed forms cannot give, from sweeps of the `lightning` model
(scenarios/lightning_world/): (1) the cost of a congestion theft against a watchtower versus the
tower's reaction latency; (2) commitment-pinning success with and without TRUC, under the
pre-cluster (core_v28) and cluster (core_v31) mempool rules; (3) replacement-cycling success
versus the victim's rebroadcast interval and the attacker's fee budget. Success rates carry 95%
Wilson intervals; costs carry mean +- 1.96 standard errors. Usage:
  fig_lightning_world.py revoked_state.h5 pinning.h5 replacement_cycling.h5 -o DIR"""
import argparse
import pathlib
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from l2sim_analysis import load_frame  # noqa: E402


def wilson(k, n, z=1.96):
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return c - h, c + h


def revoked_figure(path, out):
    f = load_frame(path)
    g = f.groupby("tower__latency_s")
    lat_h = np.array(sorted(g.groups)) / 3600.0
    mean = g["attacker_fees_sat"].mean().values / 1e8
    se = g["attacker_fees_sat"].std(ddof=1).values / np.sqrt(g.size().values) / 1e8
    succ = g["attack_success"].sum().values
    n = g.size().values
    lo, hi = wilson(succ, n)
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    a.errorbar(lat_h, mean, yerr=1.96 * se, marker="o", capsize=3, label="congestion from the justice tx on")
    a.set_xlabel("watchtower reaction latency (h)")
    a.set_ylabel("attacker's confirmed fees (BTC)")
    a.set_title("cost of the theft (to_self_delay 36 blocks)")
    a.legend(loc="upper right", fontsize=8)
    a.grid(alpha=0.3)
    b.errorbar(lat_h, succ / n, yerr=[succ / n - lo, hi - succ / n], marker="o", capsize=3)
    b.set_ylim(-0.05, 1.05)
    b.set_xlabel("watchtower reaction latency (h)")
    b.set_ylabel("theft success (95% Wilson)")
    b.set_title("success, 0.1 BTC channel")
    b.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(out / "lightning_theft_cost_vs_latency.png", dpi=120)


def pinning_figure(path, out):
    f = load_frame(path)
    fig, ax = plt.subplots(figsize=(8, 4))
    labels, xs = [], 0
    for rules in ["core_v28", "core_v31"]:
        for fmt in ["anchors", "zero_fee_truc"]:
            for pin in [0, 101000]:
                s = f[(f["world__mempool__rules"] == rules) & (f["channel__format"] == fmt) &
                      (f["adversary__pin__child_vbytes"] == pin)]
                k, n = s["attack_success"].sum(), len(s)
                lo, hi = wilson(k, n)
                ax.bar(xs, k / n, color="tab:red" if pin else "tab:gray")
                ax.errorbar(xs, k / n, yerr=[[k / n - lo], [hi - k / n]], color="k", capsize=3)
                labels.append(f"{rules}\n{fmt}\n{'pin' if pin else 'no pin'}")
                xs += 1
    ax.set_xticks(range(xs))
    ax.set_xticklabels(labels, fontsize=7)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("HTLC lost (attack success, 95% Wilson)")
    ax.set_title("commitment pinning: anchors vs TRUC, pre-cluster vs cluster mempool")
    ax.grid(alpha=0.3, axis="y")
    fig.tight_layout()
    fig.savefig(out / "lightning_pinning.png", dpi=120)


def cycling_figure(path, out):
    f = load_frame(path)
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    for interval, s in f.groupby("channel__rebroadcast_interval_blocks"):
        g = s.groupby("adversary__cycle__budget_sat")
        budget = np.array(sorted(g.groups)) / 1e8
        k, n = g["attack_success"].sum().values, g.size().values
        lo, hi = wilson(k, n)
        a.errorbar(budget, k / n, yerr=[k / n - lo, hi - k / n], marker="o", capsize=3,
                   label=f"re-send every {interval} block(s)")
        b.plot(budget, g["replacement_cycles"].mean().values, marker="o", label=f"every {interval}")
    for ax in (a, b):
        ax.set_xscale("log")
        ax.set_xlabel("attacker's fee budget (BTC)")
        ax.grid(alpha=0.3)
    a.set_ylim(-0.05, 1.05)
    a.set_ylabel("HTLC lost (attack success, 95% Wilson)")
    a.set_title("replacement cycling, 0.01 BTC HTLC")
    a.legend(loc="upper left", fontsize=8)
    b.set_ylabel("cycles per run (mean)")
    b.set_title("cycles the attacker ran")
    b.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "lightning_replacement_cycling.png", dpi=120)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("revoked")
    ap.add_argument("pinning")
    ap.add_argument("cycling")
    ap.add_argument("-o", "--out", default="results/figures")
    a = ap.parse_args()
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    revoked_figure(a.revoked, out)
    pinning_figure(a.pinning, out)
    cycling_figure(a.cycling, out)


if __name__ == "__main__":
    main()
