#!/usr/bin/python3
"""The inherited-attack-cost estimator. For each design and attack family in the results files,
over the swept attack budgets, find the cheapest point whose success probability (lower Wilson
bound) reaches --success; price it with an [economics] table in both modes (flow: rent the hash;
stock: buy the hardware); report cost with a confidence interval, its Bitcoin-paid and external
parts, inherited_share = Bitcoin-paid / total, inheritance_ratio = cost / the L1 baseline's cost
(a payment with 6 confirmations), and the largest value the design can safely hold.
Re-pricing an existing results file needs no re-simulation: pass another --economics file.

Writes OUT/inherited_cost.csv, OUT/inherited_cost.md, OUT/fig_inherited_cost.{pdf,png} and
OUT/fig_design_map.{pdf,png} (every design's cheapest attack against its value at risk, coloured
by the share paid in Bitcoin resources).
Exit code 2 on bad input (the message names file, line and key)."""
import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from l2sim_analysis.economics import EconomicsError, load_economics  # noqa: E402
from l2sim_analysis.inheritance import estimate  # noqa: E402
from l2sim_analysis.load import load_frame  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]


def markdown(table):
    cols = ["design", "attack", "pricing", "cost_usd", "cost_usd_lo", "cost_usd_hi", "bitcoin_paid_usd",
            "external_usd", "inherited_share", "inheritance_ratio", "max_safe_value_usd", "hash_share",
            "bribe_per_key_btc", "success_lo", "rental_feasible", "cheapest_for_design"]
    fmt = lambda v: (f"{v:.3g}" if isinstance(v, float) else str(v))  # noqa: E731
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for _, r in table.iterrows():
        lines.append("| " + " | ".join(fmt(r[c]) for c in cols) + " |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="+", help="l2sim results files (layer2 model)")
    ap.add_argument("--economics", default=str(ROOT / "scenarios/economics/default.toml"), help="[economics] TOML")
    ap.add_argument("--success", type=float, default=0.5, help="success-probability target (0..1)")
    ap.add_argument("--confidence", type=float, default=0.95, help="confidence level of the intervals")
    ap.add_argument("-o", "--out", default=str(ROOT / "results"), help="output folder")
    args = ap.parse_args(argv)
    if not 0 < args.success < 1:
        print(f"--success: {args.success} must be in (0, 1)", file=sys.stderr)
        return 2
    try:
        econ = load_economics(args.economics)
    except EconomicsError as e:
        print(e, file=sys.stderr)
        return 2
    frames = []
    for path in args.results:
        try:
            frames.append(load_frame(path))
        except (OSError, KeyError) as e:
            print(f"{path}:0:0: error: not a readable l2sim results file ({e})", file=sys.stderr)
            return 2
    table = estimate(frames, econ, args.success, args.confidence)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "inherited_cost.csv", index=False)
    (out / "inherited_cost.md").write_text(markdown(table))
    from l2sim_analysis.cost_figure import draw, draw_map
    draw(table, out / "fig_inherited_cost")
    draw_map(table, out / "fig_design_map")
    print(markdown(table[table["pricing"] == "flow"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
