#!/usr/bin/python3
"""Selfish-mining (SM1) revenue share versus hash share for gamma 0, 0.5, 1: simulated means with
95% t intervals over Eyal and Sirer's R(alpha, gamma) curves and the honest line R = alpha.
Input: a sweep of scenarios/validation/selfish_mining.toml."""
import argparse
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from l2sim_analysis import group_mean, load_frame, style  # noqa: E402


def revenue(a, g):
    return (a * (1 - a) ** 2 * (4 * a + g * (1 - 2 * a)) - a ** 3) / (1 - a * (1 + (2 - a) * a))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("results", help="HDF5 results file of a selfish-mining sweep")
    ap.add_argument("-o", "--output", default="results/fig_selfish_mining", help="output stem (.pdf, .png)")
    args = ap.parse_args()
    g = group_mean(load_frame(args.results), ["attacker__gamma", "attacker__hash_share"], "attacker_revenue_share")
    fig, ax = style.figure()
    a = np.linspace(0.0, 0.5, 200)
    ax.plot(a, a, color="0.5", lw=0.8, ls=":", label="honest (R = alpha)")
    for i, (gamma, sub) in enumerate(g.groupby("attacker__gamma")):
        c = style.OKABE_ITO[i]
        ax.plot(a, revenue(a, gamma), color=c, lw=1, label=f"gamma = {gamma:g}")
        ax.errorbar(sub["attacker__hash_share"], sub["mean"], yerr=[sub["mean"] - sub["lo"], sub["hi"] - sub["mean"]],
                    fmt="o", ms=3, color=c, capsize=1.5, lw=0.8)
    ax.set_xlabel("attacker hash share alpha")
    ax.set_ylabel("attacker revenue share")
    ax.set_xlim(0, 0.5)
    ax.set_ylim(0, 0.8)
    ax.legend(frameon=False)
    style.save(fig, args.output)


if __name__ == "__main__":
    main()
