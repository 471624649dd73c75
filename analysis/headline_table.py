#!/usr/bin/python3
"""The README's headline table: per design, the cheapest attack under flow pricing with its 95%
interval, the same attack's stock and feasible-plan costs (the same design, attack, variant and
experiment: a Lightning implementation's row is priced against its own stock row), the share paid
in Bitcoin's own resources, the largest value the design can safely hold (its cheapest theft) and
the ratio to the L1 baseline, read from the estimator's results/inherited_cost.csv.

    /usr/bin/python3 analysis/headline_table.py results/inherited_cost.csv > results/headline.md
"""
import argparse
import pathlib
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from l2sim_analysis.ranking import design_rows, usd  # noqa: E402

HEAD = ["design", "cheapest attack (flow)", "flow cost (95% CI)", "stock cost", "feasible plan",
        "Bitcoin-paid share", "max safe value (flow)", "flow cost / L1 baseline", "hash"]


def _share(v):
    return f"{v:.2f}" if np.isfinite(v) else "n/a (no direct cost)"


def _bound(v):
    """An interval bound; an infinite one (fewer wins than the interval needs) is `unbounded`."""
    return "unbounded" if v == np.inf else usd(v)


def _attack(row):
    variant = row["variant"] if isinstance(row["variant"], str) and row["variant"] else ""
    return f"{row['attack']} ({variant})" if variant else str(row["attack"])


def headline(table):
    """The markdown table: one row per design in the figures' panel order."""
    lines = ["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    for _, r in design_rows(table).iterrows():
        safe = r.get("theft_cost_usd", np.nan)
        ratio = r.get("inheritance_ratio", np.nan)
        cells = [r["design"], _attack(r),
                 f"{usd(r['flow_cost_usd'])} ({_bound(r['flow_cost_usd_lo'])}-{_bound(r['flow_cost_usd_hi'])})",
                 usd(r["stock_cost_usd"]), usd(r["feasible_cost_usd"]), _share(r["flow_inherited_share"]),
                 usd(safe) if isinstance(safe, float) and np.isfinite(safe) else "no theft found",
                 f"{ratio:.3g}" if np.isfinite(ratio) else "n/a", r["feasible_hash_plan"]]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", help="results/inherited_cost.csv written by analysis/inherited_cost.py")
    args = ap.parse_args(argv)
    try:
        table = pd.read_csv(args.csv, keep_default_na=True)
    except (OSError, pd.errors.ParserError) as e:
        print(f"{args.csv}: error: cannot read the estimator's table ({e})", file=sys.stderr)
        return 2
    missing = [c for c in ("design", "attack", "variant", "experiment", "pricing", "cost_usd") if c not in table]
    if missing:
        print(f"{args.csv}: error: not the estimator's table (no column {', '.join(missing)})", file=sys.stderr)
        return 2
    sys.stdout.write(headline(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
