#!/usr/bin/python3
"""Correlated signer failure against independent failure, as a sweep of design files run by the
attack planner. An 11-of-15 federation whose holders take no bribe (availability 0): its keys
can be had only by compromising failure groups, each of probability p per run. "Correlated":
three groups of five signers (one HSM vendor each); "independent": fifteen groups of one. The
simulated P(theft) comes from spends confirmed in the world; the curves beside it are the
closed forms p^3 (all three vendors; two give only 10 keys) and P(Bin(15, p) >= 11), computed
here. Writes OUT/fig_failure_groups.{pdf,png} and OUT/fig_failure_groups.csv.

    python3 analysis/figures/fig_failure_groups.py --l2sim build/l2sim --out results
"""
import argparse
import pathlib
import subprocess
import sys
import tempfile

import numpy as np
from scipy import stats

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from l2sim_analysis import style  # noqa: E402
from l2sim_analysis.stats import wilson_interval  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]

DESIGN = """[design]
name = "federation_{kind}"
[keys]
s = {{ count = 15, held_by = "signer" }}
[agents.signer]
availability = 0.0
corruption_cost_btc = {{ law = "fixed", median = 50.0 }}
{groups}
[outputs.peg]
policy = "thresh(11, s[*])"
value_btc = 1000.0
"""


def groups_text(size, p):
    return "\n".join(f'[failure_groups.g{i}]\nmembers = ["s[{i * size}..{i * size + size - 1}]"]\n'
                     f"probability = {p}\ncost_btc = 10.0" for i in range(15 // size))


def simulate(l2sim, tmp, kind, size, p, runs, seed):
    design = tmp / f"{kind}_{p}.toml"
    design.write_text(DESIGN.format(kind=kind, groups=groups_text(size, p)))
    out = tmp / f"{kind}_{p}.h5"
    subprocess.run([l2sim, "run", str(ROOT / "scenarios/designs/plan.toml"), "--set", f'design.file="{design}"',
                    "--set", "planner.race_hash_shares=[0.3]", "-n", str(runs), "-s", str(seed), "-o", str(out),
                    "--overwrite", "--progress", "none"], check=True, capture_output=True)
    import h5py
    with h5py.File(out, "r") as f:
        return float(np.asarray(f["peg__s11__success"]).sum()), len(f["peg__s11__success"])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--l2sim", default=str(ROOT / "build/l2sim"))
    ap.add_argument("--out", default=str(ROOT / "results"))
    ap.add_argument("--runs", type=int, default=1000)
    a = ap.parse_args(argv)
    ps = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9]
    rows = []
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        for p in ps:
            for kind, size in (("correlated", 5), ("independent", 1)):
                k, n = simulate(a.l2sim, tmp, kind, size, p, a.runs, 31)
                exact = p ** 3 if size == 5 else stats.binom.sf(10, 15, p)
                rows.append((kind, p, k, n, exact))
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "fig_failure_groups.csv", "w") as f:
        f.write("failure,p,successes,runs,closed_form\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    style.apply() if hasattr(style, "apply") else None
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    for kind, marker in (("correlated", "o"), ("independent", "s")):
        sel = [r for r in rows if r[0] == kind]
        p = np.array([r[1] for r in sel])
        est, lo, hi = wilson_interval([r[2] for r in sel], [r[3] for r in sel], 0.999)
        ax.errorbar(p, est, yerr=[est - lo, hi - est], fmt=marker, capsize=2,
                    label=f"{kind} (simulated, 99.9% Wilson)")
        grid = np.linspace(0.01, 0.95, 100)
        curve = grid ** 3 if kind == "correlated" else stats.binom.sf(10, 15, grid)
        ax.plot(grid, curve, lw=1, alpha=0.7, label=f"{kind}: closed form")
    ax.set_xlabel("probability a failure group fails in a run, p")
    ax.set_ylabel("P(theft from an 11-of-15 peg)")
    ax.set_yscale("log")
    ax.set_ylim(1e-5, 1.2)
    ax.legend(fontsize=7)
    fig.tight_layout()
    for ext in ("pdf", "png"):
        fig.savefig(out / f"fig_failure_groups.{ext}")
    for r in rows:
        print(f"{r[0]:12s} p={r[1]:.2f}  simulated {r[2] / r[3]:.4f}  closed {r[4]:.5f}  (n={r[3]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
