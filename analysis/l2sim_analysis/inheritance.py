"""The inherited-attack-cost estimator: for each design and attack family, the cheapest swept
point whose success probability is at least the target (lower Wilson bound), its cost with a
confidence interval, the Bitcoin-paid and external parts, and inheritance against the L1 baseline."""
import numpy as np
import pandas as pd

from .economics import price
from .stats import wilson_interval

BUDGET_KEYS = ["attack__hash_share", "attack__bribe_per_signer_btc", "attack__miner_bribe_btc", "attack__fee_rate_sat_vb",
               "attack__stake_share", "lightning__channels", "lightning__dilation_s_per_block", "ark__users"]
VARIANT_KEYS = ["peg__preset", "attack__rented", "drivechain__honest_mode", "lightning__implementation",
                "lightning__watcher", "lightning__anchors", "attack__target", "bitvm2__preset", "rollup__data_availability",
                "rollup__bridge", "rollup__upgrade_delay_days", "ark__users_bump", "statechain__operators"]
FREEZE_ATTACKS = {"freeze"}


def family_keys(frame):
    """Swept columns that name a design, attack or variant rather than a budget."""
    keys = ["layer2__design", "layer2__attack"]
    for extra in VARIANT_KEYS:
        if extra in frame and frame[extra].nunique() > 1:
            keys.append(extra)
    return keys


def family_label(row):
    design, attack = row["layer2__design"], row["layer2__attack"]
    if design == "custody_peg" and "peg__preset" in row:
        design = f"custody_peg ({row['peg__preset']})"
    if design in ("drivechain",) and "attack__rented" in row:
        attack = f"{attack} ({'rented' if row['attack__rented'] else 'cartel'})"
    if design == "bitvm2":
        design = f"bitvm2 ({row['bitvm2__preset']})"
    if design == "rollup":
        delay = f", {row['rollup__upgrade_delay_days']:g}-day upgrade delay"
        design = f"rollup (DA {row['rollup__data_availability']}, {row['rollup__bridge']} bridge{delay})"
    if design == "ark":
        attack = f"{attack} ({'bumping' if row['ark__users_bump'] else 'fixed-fee'} exits)"
    if design == "statechain":
        n = int(row["statechain__operators"])
        design = f"statechain ({n}-of-{n} entity)"
    if design == "lightning":
        design = f"lightning ({row['lightning__implementation']})"
        details = []
        if attack in ("congestion", "time_dilation"):
            details.append(str(row["attack__target"]))
        if attack in ("revoked_bribery", "congestion"):
            details.append(str(row["lightning__watcher"]))
        if attack == "flood_and_loot":
            details.append("anchors" if row["lightning__anchors"] else "no anchors")
        if details:
            attack = f"{attack} ({', '.join(details)})"
    return design, attack


def cost_per_success(spend, success, confidence, resamples=400):
    """Expected spend per successful attack, E[spend] / P(success): what an attacker who retries
    until it succeeds pays (failed races still paid their hash; failed bribes pay nothing).
    Percentile bootstrap interval over runs, from a fixed seed (deterministic)."""
    spend, success = np.asarray(spend, float), np.asarray(success, float)
    if success.sum() == 0:
        return np.inf, np.inf, np.inf
    estimate = spend.mean() / success.mean()
    rng = np.random.default_rng(20261124)
    idx = rng.integers(0, len(spend), size=(resamples, len(spend)))
    s_mean, p_mean = spend[idx].mean(axis=1), success[idx].mean(axis=1)
    boot = np.where(p_mean > 0, s_mean / np.where(p_mean > 0, p_mean, 1), np.inf)
    alpha = (1 - confidence) / 2
    return estimate, float(np.quantile(boot, alpha, method="nearest")), float(np.quantile(boot, 1 - alpha, method="nearest"))


def point_table(frame, pricing, confidence=0.95):
    """One row per family and budget point: success with its Wilson bounds, cost per success with
    a bootstrap interval, and its Bitcoin-paid and external parts."""
    keys = family_keys(frame) + [k for k in BUDGET_KEYS if k in frame]
    rows = []
    for point, sub in frame.groupby(keys, dropna=False):
        n, k = len(sub), int(sub["attack_success"].sum())
        p, lo, hi = wilson_interval(np.array([k]), np.array([n]), confidence)
        success = sub["attack_success"].to_numpy(float)
        cost, cost_lo, cost_hi = cost_per_success(sub[f"{pricing}_cost_usd"], success, confidence)
        per_success = lambda col: sub[col].mean() / p[0] if k else np.inf  # noqa: E731
        rows.append({**dict(zip(keys, point)), "runs": n, "success": p[0], "success_lo": lo[0], "success_hi": hi[0],
                     "cost_usd": cost, "cost_usd_lo": cost_lo, "cost_usd_hi": cost_hi,
                     "bitcoin_paid_usd": per_success(f"{pricing}_bitcoin_usd"),
                     "external_usd": per_success(f"{pricing}_external_usd"),
                     "rental_feasible": bool(sub["rental_feasible"].all()),
                     "value_at_risk_btc": sub["value_at_risk_btc"].mean()})
    return pd.DataFrame(rows)


def cheapest(points, target):
    """Per family, the cheapest point whose lower success bound reaches the target."""
    keys = [c for c in points.columns if c in ["layer2__design", "layer2__attack", *VARIANT_KEYS]]
    out = []
    for _, fam in points.groupby(keys, dropna=False):
        ok = fam[fam["success_lo"] >= target]
        if ok.empty:
            row = fam.iloc[0].copy()
            row[["cost_usd", "cost_usd_lo", "cost_usd_hi", "bitcoin_paid_usd", "external_usd"]] = np.inf
            row["feasible"] = False
        else:
            row = ok.loc[ok["cost_usd"].fillna(np.inf).idxmin()].copy()
            row["feasible"] = True
        out.append(row)
    return pd.DataFrame(out)


def estimate(frames, econ, target=0.5, confidence=0.95):
    """The inherited-cost table: one row per design, attack family and pricing mode."""
    frame = pd.concat(frames, ignore_index=True)
    priced = price(frame, econ)
    tables = []
    for pricing in ("flow", "stock"):
        best = cheapest(point_table(priced, pricing, confidence), target)
        best["pricing"] = pricing
        tables.append(best)
    best = pd.concat(tables, ignore_index=True)
    rows = []
    for _, r in best.iterrows():
        design, attack = family_label(r)
        total = r["cost_usd"]
        rows.append({
            "design": design, "attack": attack, "pricing": r["pricing"], "success_target": target,
            "success": r["success"], "success_lo": r["success_lo"], "runs": int(r["runs"]),
            "cost_usd": total, "cost_usd_lo": r["cost_usd_lo"], "cost_usd_hi": r["cost_usd_hi"],
            "bitcoin_paid_usd": r["bitcoin_paid_usd"], "external_usd": r["external_usd"],
            "inherited_share": (r["bitcoin_paid_usd"] / total) if np.isfinite(total) and total > 0 else np.nan,
            "hash_share": r.get("attack__hash_share", np.nan), "bribe_per_key_btc": r.get("attack__bribe_per_signer_btc", np.nan),
            "rental_feasible": r["rental_feasible"], "feasible": r["feasible"],
            "value_at_risk_usd": r["value_at_risk_btc"] * econ.btc_usd,
            "max_safe_value_usd": np.nan if r["layer2__attack"] in FREEZE_ATTACKS else total,
        })
    table = pd.DataFrame(rows)
    table["inheritance_ratio"] = np.nan
    # Which family is each design's cheapest (for a rollup: which part) under each pricing mode.
    table["cheapest_for_design"] = False
    for (_, _), grp in table.groupby(["design", "pricing"]):
        finite = grp["cost_usd"].replace([np.inf], np.nan).dropna()
        if len(finite):
            table.loc[finite.idxmin(), "cheapest_for_design"] = True
    for pricing in ("flow", "stock"):
        base = table[(table["design"] == "l1_payment") & (table["pricing"] == pricing)]["cost_usd"]
        if len(base) and np.isfinite(base.iloc[0]) and base.iloc[0] > 0:
            sel = table["pricing"] == pricing
            table.loc[sel, "inheritance_ratio"] = table.loc[sel, "cost_usd"] / base.iloc[0]
    return table.sort_values(["pricing", "design", "attack"]).reset_index(drop=True)
