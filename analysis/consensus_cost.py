#!/usr/bin/python3
"""Consensus attack cost calculator: prices an attack on a PoW or PoS chain's consensus from the
explicit inputs of a TOML file ([[pow]] and [[pos]] entries; see
scenarios/economics/consensus_claims.toml) and, where an entry states the public claim it
recomputes (claim_usd), the input value the claim implies (hardware $/TH, or token price).

  analysis/consensus_cost.py scenarios/economics/consensus_claims.toml [--json]

Exit code 2 on bad input (the message names file, line and key)."""
import argparse
import json
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from l2sim_analysis.consensus_cost import (ConsensusInputError, load_inputs, price_pos,  # noqa: E402
                                          price_pow)


def usd(v):
    if math.isnan(v):
        return "n/a"
    for unit, scale in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(v) >= scale:
            return f"${v / scale:.3g}{unit}"
    return f"${v:.3g}"


def report(pow_rows, pos_rows):
    lines = []
    if pow_rows:
        lines += ["| PoW attack | attacker hash (EH/s) | hardware | energy | stock cost | flow cost (rent up to depth) "
                  "| rental feasible | implied hardware $/TH |", "|---|---|---|---|---|---|---|---|"]
        for r in pow_rows:
            implied = r.get("implied_hardware_usd_per_ths", math.nan)
            lines.append(f"| {r['name']} | {r['attacker_hash_ehs']:.4g} | {usd(r['hardware_usd'])} | "
                         f"{usd(r['energy_usd'])} | {usd(r['stock_usd'])} | {usd(r['flow_usd'])} | "
                         f"{'yes' if r['rental_feasible'] else 'no'} | "
                         f"{'n/a' if math.isnan(implied) else f'{implied:.4g}'} |")
    if pos_rows:
        lines += ["", "| PoS attack | 1/3 stake (tokens) | 1/3 cost | slashed at 1/3 | 2/3 stake (tokens) | 2/3 cost "
                  "| implied token $ (1/3) | implied token $ (2/3) |", "|---|---|---|---|---|---|---|---|"]
        for r in pos_rows:
            i3, i23 = r.get("implied_token_usd_third", math.nan), r.get("implied_token_usd_two_thirds", math.nan)
            lines.append(f"| {r['name']} | {r['third_tokens']:.4g} | {usd(r['third_usd'])} | "
                         f"{usd(r['third_slashed_usd'])} | {r['two_thirds_tokens']:.4g} | {usd(r['two_thirds_usd'])} | "
                         f"{'n/a' if math.isnan(i3) else f'{i3:.4g}'} | {'n/a' if math.isnan(i23) else f'{i23:.4g}'} |")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", help="TOML file with [[pow]] and/or [[pos]] entries")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    args = ap.parse_args(argv)
    try:
        pow_in, pos_in = load_inputs(args.inputs)
    except ConsensusInputError as e:
        print(e, file=sys.stderr)
        return 2
    pow_rows, pos_rows = [price_pow(a) for a in pow_in], [price_pos(a) for a in pos_in]
    if args.json:
        print(json.dumps({"pow": pow_rows, "pos": pos_rows}, indent=1, default=float))
    else:
        print(report(pow_rows, pos_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
