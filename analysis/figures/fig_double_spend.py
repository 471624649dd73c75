#!/usr/bin/python3
"""Double-spend success probability versus confirmations: simulated points with 95% Wilson
intervals over the exact curves P(q, z) (Rosenfeld 2014; Grunspan and Pérez-Marco 2017; the
"overtake" variant when the file's success_rule says so) and
Nakamoto's 2008 approximation (dashed). Input: a sweep of scenarios/validation/double_spend.toml
or scenarios/study_demo.toml."""
import argparse
import pathlib
import sys

import numpy as np
from scipy import special, stats

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from l2sim_analysis import group_success, load_frame, style  # noqa: E402


def exact(q, z):
    """P(q, z) = I_{4pq}(z, 1/2): the regularized incomplete beta identity."""
    return np.where(q < 0.5, special.betainc(z, 0.5, 4 * q * (1 - q)), 1.0)


def exact_overtake(q, z):
    """Strictly longer branch required: (q/p)^(z-m+1), m = 0..z (closed-forms.md)."""
    p = 1 - q
    return np.array([1 - sum(stats.nbinom.pmf(m, zz, p) * (1 - (q / p) ** (zz - m + 1)) for m in range(zz + 1))
                     for zz in np.atleast_1d(z)])


def success_rule(path):
    import h5py
    with h5py.File(path, "r", swmr=True) as f:
        return "overtake" if 'attacker.success_rule = "overtake"' in f.attrs["effective_parameters"] else "catch_up"


def nakamoto(q, z):
    p, lam = 1 - q, z * q / (1 - q)
    k = np.arange(z + 1)
    return 1 - np.sum(stats.poisson.pmf(k, lam) * (1 - (q / p) ** (z - k)))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("results", help="HDF5 results file of a double-spend sweep")
    ap.add_argument("-o", "--output", default="results/fig_double_spend", help="output stem (.pdf, .png)")
    args = ap.parse_args()
    frame = load_frame(args.results)
    g = group_success(frame, ["attacker__hash_share", "merchant__confirmations"])
    curve = exact_overtake if success_rule(args.results) == "overtake" else exact
    fig, ax = style.figure()
    zs = np.arange(1, g["merchant__confirmations"].max() + 1)
    for i, (q, sub) in enumerate(g.groupby("attacker__hash_share")):
        c = style.OKABE_ITO[i % len(style.OKABE_ITO)]
        ax.plot(zs, curve(q, zs), color=c, lw=1, label=f"q = {q:g}")
        ax.plot(zs, [nakamoto(q, z) for z in zs], color=c, lw=0.8, ls="--")
        ok = sub["p"] > 0
        ax.errorbar(sub["merchant__confirmations"][ok], sub["p"][ok],
                    yerr=[(sub["p"] - sub["lo"])[ok], (sub["hi"] - sub["p"])[ok]],
                    fmt="o", ms=3, color=c, capsize=1.5, lw=0.8)
    ax.set_yscale("log")
    ax.set_xlabel("merchant confirmations z")
    ax.set_ylabel("double-spend success probability")
    ax.legend(title="solid: exact; dashed: Nakamoto", frameon=False)
    style.save(fig, args.output)


if __name__ == "__main__":
    main()
