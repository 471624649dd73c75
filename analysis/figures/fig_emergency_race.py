#!/usr/bin/python3
"""The emergency timelock racing detection and key rotation, as a sweep of design files run by
the attack planner. A Liquid-like peg: 11-of-15 functionaries, or 2-of-3 emergency keys once a
coin is D blocks old. The federation re-spends (rotates) each coin when it is 2016 blocks old,
so an emergency delay D leaves a margin of D - 2016 blocks; it broadcasts the rotation after its
detection latency, bumping the fee after every block that missed it. The adversary holds the
emergency keys and has the largest pools (77% or 93% of the hash) leave the rotation out of
their blocks;
its spend goes out as soon as the emergency path is valid. P(theft) is the share of runs in
which the adversary's spend confirmed in the world; the cost panel is the censoring effort it
spent (hash share x hours, until the coin was spent by either side). No closed form is drawn:
the race mixes the latency, the Poisson block arrivals in the margin and the fee bumps.
Writes OUT/fig_emergency_race.{pdf,png} and OUT/fig_emergency_race.csv.

    python3 analysis/figures/fig_emergency_race.py --l2sim build/l2sim --out results
"""
import argparse
import pathlib
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from l2sim_analysis import style  # noqa: E402
from l2sim_analysis.stats import wilson_interval  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
ROTATE_AT_AGE = 2016
DELAYS = [2028, 2064, 2160]          # margins of 12, 48 and 144 blocks (2 h, 8 h, 1 day)
# The default pools (Foundry 37%, the AntPool group 40%, F2Pool 10%, MARA 6%, ...) taken
# largest first: 77% is the two largest, 93% the four largest.
CENSOR = [0.77, 0.93]
LATENCY_H = [0.0, 1.0, 2.0, 4.0, 8.0, 12.0, 16.0, 24.0, 30.0]
Z = 3.29

DESIGN = """[design]
name = "emergency_race"
[keys]
f = {{ count = 15, held_by = "functionary" }}
e = {{ count = 3, held_by = "emergency_keyholder" }}
[agents.functionary]
availability = 0.99
corruption_cost_btc = {{ law = "lognormal", median = 50.0, sigma = 1.0 }}
[agents.emergency_keyholder]
availability = 1.0
corruption_cost_btc = {{ law = "fixed", median = 50.0 }}
[outputs.peg]
policy = "or(thresh(11, f[*]), and(thresh(2, e[*]), older({delay})))"
value_btc = 1000.0
rotate_before_blocks = {margin}
[watchers.federation]
reacts = "rotate"
latency_s = {latency_s}
fee_rate_sat_vb = 10.0
fee_policy = "bump"
"""


def simulate(l2sim, tmp, delay, latency_h, runs, seed):
    design = tmp / f"d{delay}_l{latency_h}.toml"
    design.write_text(DESIGN.format(delay=delay, margin=delay - ROTATE_AT_AGE, latency_s=latency_h * 3600.0))
    out = tmp / f"d{delay}_l{latency_h}.h5"
    shares = ", ".join(str(c) for c in CENSOR)
    subprocess.run([l2sim, "run", str(ROOT / "scenarios/designs/plan.toml"), "--set", f'design.file="{design}"',
                    "--set", f"planner.censor_shares=[{shares}]", "--set", "planner.race_hash_shares=[0.3]",
                    "-n", str(runs), "-s", str(seed), "-o", str(out), "--overwrite", "--progress", "none"],
                   check=True, capture_output=True)
    import h5py
    rows = []
    with h5py.File(out, "r") as f:
        for c in CENSOR:
            plan = f"peg__e2_wait{delay}_censor{round(c * 100)}"
            success = np.asarray(f[plan + "__success"], float)
            effort_h = np.asarray(f[plan + "__hash_share_s"], float) / 3600.0
            rows.append((delay, c, latency_h, int(success.sum()), len(success), effort_h.mean(),
                         Z * effort_h.std(ddof=1) / np.sqrt(len(effort_h))))
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--l2sim", default=str(ROOT / "build/l2sim"))
    ap.add_argument("--out", default=str(ROOT / "results"))
    ap.add_argument("--runs", type=int, default=300)
    a = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        for delay in DELAYS:
            for latency_h in LATENCY_H:
                rows += simulate(a.l2sim, tmp, delay, latency_h, a.runs, 41)
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "fig_emergency_race.csv", "w") as f:
        f.write("emergency_delay_blocks,censor_share,detection_latency_h,thefts,runs,"
                "censor_effort_hash_h,censor_effort_half_width_z3.29\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")
    style.apply()
    import matplotlib.pyplot as plt
    fig, (ax_p, ax_c) = plt.subplots(1, 2, figsize=(style.DOUBLE_WIDTH_IN, 2.9))
    markers = {CENSOR[0]: "o", CENSOR[1]: "s"}
    for i, delay in enumerate(DELAYS):
        for c in CENSOR:
            sel = [r for r in rows if r[0] == delay and r[1] == c]
            x = np.array([r[2] for r in sel])
            est, lo, hi = wilson_interval([r[3] for r in sel], [r[4] for r in sel], 0.999)
            colour = style.OKABE_ITO[i]
            ls = "-" if c == CENSOR[0] else "--"
            label = f"D = {delay} (margin {delay - ROTATE_AT_AGE} blocks), censor {round(c * 100)}%"
            ax_p.errorbar(x, est, yerr=[est - lo, hi - est], color=colour, ls=ls, marker=markers[c], ms=3,
                          capsize=2, lw=1, label=label)
            ax_c.errorbar(x, [r[5] for r in sel], yerr=[r[6] for r in sel], color=colour, ls=ls,
                          marker=markers[c], ms=3, capsize=2, lw=1)
    ax_p.set_xlabel("federation's detection latency (hours)")
    ax_p.set_ylabel("P(theft by the emergency keys)")
    ax_p.set_ylim(-0.02, 1.02)
    ax_c.set_xlabel("federation's detection latency (hours)")
    ax_c.set_ylabel("censoring effort per attempt\n(hash share x hours)")
    ax_c.set_yscale("log")
    ax_p.set_title("(a) theft probability, 99.9% Wilson intervals", fontsize=8)
    ax_c.set_title("(b) censoring effort, mean +/- 3.29 s.e.", fontsize=8)
    handles, labels = ax_p.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=6.5, frameon=False, bbox_to_anchor=(0.5, -0.13))
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    style.save(fig, str(out / "fig_emergency_race"))
    for r in rows:
        print(f"D={r[0]} c={r[1]:.1f} latency={r[2]:5.1f} h  P(theft)={r[3] / r[4]:.3f} (n={r[4]})  "
              f"effort={r[5]:.2f} +/- {r[6]:.2f} hash-h")
    return 0


if __name__ == "__main__":
    sys.exit(main())
