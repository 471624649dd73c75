"""Per design, the cheapest attack and its costs, read from the estimator's table
(results/inherited_cost.csv): the attack that is cheapest under flow pricing (rent the hash), the
same attack's stock cost (buy the hash) and feasible-plan cost, each with its interval, the parts
paid in Bitcoin resources and outside them, and the cheapest theft (the largest value the design
can safely hold). Designs are whatever the table holds: a new design appears without code."""
import numpy as np
import pandas as pd

# Panels of the design figures, by the first word of a design label; a design whose family is not
# listed lands in "other designs", so a new family still appears.
FAMILY_PANEL = {
    "l1_payment": "Bitcoin L1 and miner-secured designs", "merged_mining": "Bitcoin L1 and miner-secured designs",
    "drivechain": "Bitcoin L1 and miner-secured designs", "custody_peg": "Custody pegs (keyholders sign)",
    "lightning": "Lightning (per implementation)", "bitvm2": "BitVM2 bridges and rollups",
    "rollup": "BitVM2 bridges and rollups", "babylon": "Staking, Ark and statechains",
    "ark": "Staking, Ark and statechains", "statechain": "Staking, Ark and statechains",
}
OTHER_PANEL = "Other designs"
PANEL_ORDER = ["Bitcoin L1 and miner-secured designs", "Custody pegs (keyholders sign)",
               "Lightning (per implementation)", "BitVM2 bridges and rollups", "Staking, Ark and statechains",
               OTHER_PANEL]
SAME = ["design", "attack", "variant", "experiment"]


def family(design):
    """The design family: the label's first word (`custody_peg (liquid)` -> `custody_peg`)."""
    return str(design).split(" ")[0]


def panel_of(design):
    return FAMILY_PANEL.get(family(design), OTHER_PANEL)


def _same_attack(table, best, pricing):
    key = (table["pricing"] == pricing)
    for c in SAME:
        key &= table[c].fillna("") == ("" if pd.isna(best[c]) else best[c])
    rows = table[key]
    return rows.iloc[0] if len(rows) else None


def design_rows(table):
    """One row per design: its cheapest attack under flow pricing with flow, stock and feasible
    costs (and intervals) of that attack, inherited shares, and its cheapest theft's flow cost."""
    out = []
    for design, group in table.groupby("design", sort=True):
        flow = group[(group["pricing"] == "flow") & np.isfinite(group["cost_usd"])]
        if flow.empty:
            continue
        best = flow.loc[flow["cost_usd"].idxmin()]
        row = {"design": design, "attack": best["attack"], "variant": best["variant"],
               "panel": panel_of(design), "family": family(design)}
        for pricing in ("flow", "stock", "feasible"):
            r = _same_attack(table, best, pricing)
            for c in ("cost_usd", "cost_usd_lo", "cost_usd_hi", "inherited_share", "bitcoin_paid_usd", "external_usd"):
                row[f"{pricing}_{c}"] = np.nan if r is None else float(r[c])
            row[f"{pricing}_hash_plan"] = "" if r is None else r["hash_plan"]
        thefts = flow[np.isfinite(flow["max_safe_value_usd"])]
        if len(thefts):
            t = thefts.loc[thefts["max_safe_value_usd"].idxmin()]
            row.update(theft_attack=t["attack"], theft_cost_usd=float(t["cost_usd"]),
                       theft_cost_usd_lo=float(t["cost_usd_lo"]), theft_cost_usd_hi=float(t["cost_usd_hi"]))
            st = _same_attack(table, t, "stock")
            row.update(theft_stock_usd=np.nan if st is None else float(st["cost_usd"]),
                       theft_stock_usd_lo=np.nan if st is None else float(st["cost_usd_lo"]),
                       theft_stock_usd_hi=np.nan if st is None else float(st["cost_usd_hi"]),
                       theft_share=float(t["inherited_share"]))
        out.append(row)
    frame = pd.DataFrame(out, columns=None if out else ["design", "attack", "variant", "panel", "family"])
    frame["_panel"] = frame["panel"].map({p: i for i, p in enumerate(PANEL_ORDER)})
    return frame.sort_values(["_panel", "flow_cost_usd", "design"]).drop(columns="_panel").reset_index(drop=True)


def usd(v):
    """$1.31M, $6.14B, $86.1: three significant figures with a unit letter."""
    if v is None or not np.isfinite(v):
        return "n/a"
    for scale, letter in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= scale:
            return f"${v / scale:.3g}{letter}"
    return f"${v:.3g}"
