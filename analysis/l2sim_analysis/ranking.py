"""Per design, the cheapest attack and its costs, read from the estimator's table
(results/inherited_cost.csv): the attack that is cheapest under flow pricing (rent the hash), the
same attack's stock cost (buy the hash) and feasible-plan cost, each with its interval, the parts
paid in Bitcoin resources and outside them, and the cheapest theft (the largest value the design
can safely hold). Designs are whatever the table holds: a new design appears without code."""
import numpy as np
import pandas as pd

# Panels of the design figures, by the design file's `design.family` (designs/*.toml; a Lightning
# row's family is `lightning`); a family not listed lands in "other designs", so a new one still
# appears.
FAMILY_PANEL = {
    "baseline": "Bitcoin L1 and miner-secured designs", "merged_mining": "Bitcoin L1 and miner-secured designs",
    "hashrate_escrow": "Bitcoin L1 and miner-secured designs", "custody_peg": "Custody pegs (keyholders sign)",
    "lightning": "Lightning (per implementation)", "optimistic_bridge": "BitVM2 bridges and rollups",
    "rollup": "BitVM2 bridges and rollups", "staking": "Staking, Ark and statechains",
    "shared_utxo": "Staking, Ark and statechains",
}
OTHER_PANEL = "Other designs"
PANEL_ORDER = ["Bitcoin L1 and miner-secured designs", "Custody pegs (keyholders sign)",
               "Lightning (per implementation)", "BitVM2 bridges and rollups", "Staking, Ark and statechains",
               OTHER_PANEL]
SAME = ["design", "attack", "variant", "experiment"]


# Plans that lock value without taking it (a freeze records no loot; see plan_pricing.takes_value).
FREEZE_WORDS = ("freeze", "withholding")


def is_freeze(attack):
    return any(w in str(attack) for w in FREEZE_WORDS)


def family(design):
    """A label's first word (`lightning (LND)` -> `lightning`): the family of a row without one."""
    return str(design).split(" ")[0]


def panel_of(fam):
    return FAMILY_PANEL.get(str(fam), OTHER_PANEL)


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
        fam = best["family"] if "family" in best and isinstance(best["family"], str) and best["family"] else family(design)
        row = {"design": design, "attack": best["attack"], "variant": best["variant"],
               "experiment": best["experiment"], "panel": panel_of(fam), "family": fam,
               "inheritance_ratio": float(best.get("inheritance_ratio", np.nan))}
        for pricing in ("flow", "stock", "feasible"):
            r = _same_attack(table, best, pricing)
            for c in ("cost_usd", "cost_usd_lo", "cost_usd_hi", "inherited_share", "bitcoin_paid_usd", "external_usd"):
                row[f"{pricing}_{c}"] = np.nan if r is None else float(r[c])
            row[f"{pricing}_hash_plan"] = "" if r is None else r["hash_plan"]
        thefts = flow[np.isfinite(flow["max_safe_value_usd"]) & ~flow["attack"].map(is_freeze)]
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


def system_ranking(systems, table, btc_usd):
    """One row per real system (systems/*.toml): its cheapest attack over the designs it maps to
    (flow and stock cost with intervals, inherited share), its cheapest theft (= the largest value
    it can safely hold against one attack, flow pricing, and the same attack's stock cost), the
    value one attack captures, and their ratio (> 1: it holds more than its cheapest theft costs).
    A system whose designs are not in the table is kept, with its costs missing."""
    designs = design_rows(table)
    rows = []
    for s in systems:
        mine = designs[designs["design"].isin(s.designs)]
        row = {"system": s.key, "name": s.name, "kind": s.kind, "designs": ", ".join(s.designs),
               "modelled": len(mine) > 0, "attack_unit": s.attack_unit,
               "held_btc": s.held_btc, "held_usd": s.held_usd_at(btc_usd), "at_risk_usd": s.at_risk_usd(btc_usd),
               "value_confirmed": s.value.confirmed, "value_note": s.value.note, "value_source": s.value.source,
               "value_read": s.value.read}
        if len(mine):
            best = mine.loc[mine["flow_cost_usd"].idxmin()]
            row.update({k: best[k] for k in best.index if k.startswith(("flow_", "stock_", "feasible_"))})
            row.update(design=best["design"], attack=best["attack"])
            thefts = mine.dropna(subset=["theft_cost_usd"]) if "theft_cost_usd" in mine else mine.iloc[:0]
            if len(thefts):
                t = thefts.loc[thefts["theft_cost_usd"].idxmin()]
                row.update(theft_design=t["design"], theft_attack=t["theft_attack"],
                           max_safe_usd=t["theft_cost_usd"], max_safe_usd_lo=t["theft_cost_usd_lo"],
                           max_safe_usd_hi=t["theft_cost_usd_hi"], max_safe_stock_usd=t["theft_stock_usd"],
                           max_safe_stock_usd_lo=t["theft_stock_usd_lo"], max_safe_stock_usd_hi=t["theft_stock_usd_hi"],
                           theft_share=t["theft_share"])
        risk, safe = row["at_risk_usd"], row.get("max_safe_usd")
        if risk is None or safe is None or not np.isfinite(safe):
            row["ratio"] = np.nan
        elif safe > 0:
            row["ratio"] = risk / safe
        else:
            row["ratio"] = np.inf if risk > 0 else 0.0
        row["holds_more"] = bool(np.isfinite(row["ratio"]) and row["ratio"] > 1 or row["ratio"] == np.inf)
        rows.append(row)
    frame = pd.DataFrame(rows)
    order = frame["ratio"].fillna(-1.0)
    return frame.assign(_o=order).sort_values(["_o", "system"], ascending=[False, True]).drop(columns="_o") \
        .reset_index(drop=True)
