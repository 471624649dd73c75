#!/usr/bin/python3
"""Figure: a server that runs an Ark and a Lightning hub fails, and its Ark users and its channel
peers go on-chain in the same blocks against background demand (model `mass_exit`, sweep
scenarios/mass_exit/mass_exits.toml). (a) The share of Ark VTXO value not exited before the
rounds expire (the server may sweep it) against the number of Ark users exiting, (b) the share
of Lightning HTLCs whose timeout claim missed its deadline, and (c) the fees the channels paid per
HTLC to close and claim, against the same axis; one series per number of force-closed channels. Points are replication means with 95% t intervals (a point
without a bar had no spread across its replications).
Usage: fig_mass_exit.py mass_exits.h5 -o results/fig_mass_exit"""
import argparse
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from l2sim_analysis import load_frame, mean_t_interval  # noqa: E402
from l2sim_analysis.style import COLUMN_WIDTH_IN, OKABE_ITO, apply, save  # noqa: E402

MAX_SERIES = 8


def mean_ci(values):
    """Mean and half-width of the 95% t interval of one point's replications (0 for one)."""
    m, lo, hi = mean_t_interval(values)
    return float(m), (0.0 if np.isnan(hi) else float(hi - m))


def table(frame):
    """{channels: [(ark users, ark mean, ark half, ln mean, ln half, replications, fee per HTLC,
    its half), ...]}."""
    out = {}
    for m, g in frame.groupby("lightning__channels"):
        rows = []
        for n, h in g.groupby("ark_users"):
            a, ah = mean_ci(h["ark_value_lost_share"])
            ln, lh = mean_ci(h["ln_htlc_lost_share"])
            per = h["ln_fees_sat"] / h["ln_htlcs"].where(h["ln_htlcs"] > 0)
            f, fh = mean_ci(per.fillna(0.0))
            rows.append((n, a, ah, ln, lh, len(h), f, fh))
        out[int(m)] = np.array(rows, float)
    if len(out) > MAX_SERIES:
        raise SystemExit(f"fig_mass_exit: {len(out)} channel counts, at most {MAX_SERIES} series per panel")
    return out


def share_bounds(mean, half):
    """Asymmetric error-bar lengths of a share's t interval cut to [0, 1]: a share cannot leave it,
    and with few replications the symmetric interval would (e.g. 0.111 +- 0.163)."""
    return np.vstack([mean - np.clip(mean - half, 0.0, 1.0), np.clip(mean + half, 0.0, 1.0) - mean])


def draw(path, stem):
    import matplotlib.pyplot as plt
    data = table(load_frame(path))
    apply()
    fig, axes = plt.subplots(1, 3, figsize=(COLUMN_WIDTH_IN * 2.6, COLUMN_WIDTH_IN * 0.9), sharex=True)
    markers = ["o", "s", "^", "D", "v", "P", "X", "*"]
    for i, (m, rows) in enumerate(sorted(data.items())):
        # Series are offset a little along x so coinciding points stay visible.
        x = rows[:, 0] / 1000.0 + 0.8 * (i - (len(data) - 1) / 2)
        style = dict(marker=markers[i], capsize=2, color=OKABE_ITO[i], ms=4, lw=1.2)
        axes[0].errorbar(x, rows[:, 1], yerr=share_bounds(rows[:, 1], rows[:, 2]), label=f"{m:,} channels", **style)
        if m > 0:
            axes[1].errorbar(x, rows[:, 3], yerr=share_bounds(rows[:, 3], rows[:, 4]), label=f"{m:,} channels",
                             **style)
            axes[2].errorbar(x, rows[:, 6], yerr=rows[:, 7], label=f"{m:,} channels", **style)
    reps = int(min(rows[:, 5].min() for rows in data.values())) if data else 0
    axes[0].set_ylabel("Ark VTXO value lost to expiry (share)")
    axes[1].set_ylabel("Lightning HTLCs past deadline (share)")
    axes[0].set_title("(a) Ark users' exits", fontsize=8)
    axes[1].set_title("(b) force-closed channels' HTLC claims", fontsize=8)
    axes[2].set_ylabel("Lightning fees per HTLC (sat)")
    axes[2].set_title("(c) what the channels paid to close", fontsize=8)
    for ax in axes:
        ax.set_xlabel("Ark users exiting (thousands)")
        ax.grid(alpha=0.3)
    for ax in axes[:2]:
        ax.set_ylim(-0.05, 1.05)
    # The legend sits beside the panels, over no data.
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="center left", bbox_to_anchor=(0.88, 0.5), fontsize=7, frameon=False)
    fig.suptitle(f"mass exit after a server failure ({reps} replications per point, 95% t intervals)", fontsize=8)
    fig.tight_layout(rect=(0, 0, 0.88, 0.95))
    save(fig, stem)
    return data


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", help="results of scenarios/mass_exit/mass_exits.toml")
    ap.add_argument("-o", "--out", default="results/fig_mass_exit", help="output stem (.pdf, .png)")
    args = ap.parse_args(argv)
    for m, rows in sorted(draw(args.results, args.out).items()):
        print(f"{m} channels: " + "; ".join(
            f"{int(n)} users: Ark lost {a:.3f} ± {ah:.3f}, HTLCs lost {ln:.3f} ± {lh:.3f}, "
            f"{f:,.0f} ± {fh:,.0f} sat/HTLC ({int(r)} reps)"
            for n, a, ah, ln, lh, r, f, fh in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
