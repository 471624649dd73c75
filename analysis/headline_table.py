#!/usr/bin/python3
"""The README's headline table: per design, the cheapest attack under flow pricing with its 95%
interval, the same attack's stock and feasible-plan costs, the share paid in Bitcoin's own
resources and the ratio to the L1 baseline, read from the estimator's results/inherited_cost.csv.

    /usr/bin/python3 analysis/headline_table.py results/inherited_cost.csv > results/headline.md
"""
import argparse
import sys

import numpy as np
import pandas as pd


def usd(v):
    """$1.31M, $6.14B, $86.1: three significant figures with a unit letter."""
    if not np.isfinite(v):
        return "n/a"
    for scale, letter in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= scale:
            return f"${v / scale:.3g}{letter}"
    return f"${v:.3g}"


def headline(table):
    rows = []
    for design, group in table.groupby("design"):
        flow = group[(group.pricing == "flow") & np.isfinite(group.cost_usd)]
        if flow.empty:
            continue
        best = flow.loc[flow.cost_usd.idxmin()]
        same = lambda mode: group[(group.pricing == mode) & (group.attack == best.attack)].cost_usd  # noqa: E731
        share = f"{best.inherited_share:.2f}" if np.isfinite(best.inherited_share) else "n/a (no direct cost)"
        note = best.note if isinstance(best.note, str) else ""
        rows.append([design, best.attack, f"{usd(best.cost_usd)} ({usd(best.cost_usd_lo)}-{usd(best.cost_usd_hi)})",
                     usd(same("stock").iloc[0]) if len(same("stock")) else "n/a",
                     usd(same("feasible").iloc[0]) if len(same("feasible")) else "n/a",
                     share, f"{best.inheritance_ratio:.3g}", best.hash_plan, note])
    head = ["design", "cheapest attack (flow)", "flow cost (95% CI)", "stock cost", "feasible plan",
            "Bitcoin-paid share", "flow cost / L1 baseline", "hash", "note"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", help="results/inherited_cost.csv written by analysis/inherited_cost.py")
    args = ap.parse_args(argv)
    try:
        table = pd.read_csv(args.csv)
    except (OSError, pd.errors.ParserError) as e:
        print(f"{args.csv}: error: cannot read the estimator's table ({e})", file=sys.stderr)
        return 2
    sys.stdout.write(headline(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
