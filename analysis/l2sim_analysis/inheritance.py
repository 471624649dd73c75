"""The inherited-attack-cost estimator: per design, attack and parameter point (never averaging
distinct points), the cheapest swept (or refined) budget whose success probability reaches the
target (lower Wilson bound), its cost in four views with a confidence interval, the Bitcoin-paid
and external parts, and inheritance against the L1 baseline.

Cost views (all per successful attack, for an attacker who retries until it succeeds):
- flow: rent the hash. E[rent - rewards earned + fees + external] / P(success) (Budish 2018).
- stock: buy the hash. The hardware is capital that survives a failed attempt, so it is charged
  once, not per attempt: hardware_needed x resale haircut, plus the running cost per success,
  E[energy - rewards earned + fees + external] / P(success) (Budish 2018, 2022).
- feasible: rent up to the rental cap and buy the rest (a mix of the two above); `hash_plan`
  says rented, mixed or bought.
- cartel (columns, beside the direct cost): a cartel of existing miners pays no rent, but forgoes
  the rewards its hash would have earned honestly and loses price_drop_on_attack of its
  hardware's value (Budish 2018, 2022)."""
import numpy as np
import pandas as pd

from . import lightning
from .economics import price
from .stats import wilson_interval

BUDGET_KEYS = ["attack__hash_share", "attack__bribe_per_signer_btc", "attack__miner_bribe_btc", "attack__fee_rate_sat_vb",
               "attack__stake_share", "ark__users", *lightning.BUDGET_KEYS]
FREEZE_ATTACKS = {"freeze"}
DESIGN = ["layer2__design", "layer2__attack"]
RESAMPLES = 400


class EstimateError(ValueError):
    """A results set the estimator cannot price (the message names the file)."""


def grouping_keys(frame, swept, by=None):
    """The columns that identify one parameter point apart from its budget: the design and attack,
    the file, and every swept key that is not an attack budget (or the keys given with --by)."""
    if by:
        extra = [k.replace(".", "__") for k in by]
    else:
        extra = [k for k in swept if k not in BUDGET_KEYS and k not in DESIGN]
    return ["_file", *DESIGN, *[k for k in dict.fromkeys(extra) if k in frame]]


# Keys each design's label already shows (so the variant column does not repeat them).
LABELLED = {"lightning": {"channel__implementation"}}


def family_label(row):
    """Readable design and attack names of a Lightning family (l2sim_analysis/lightning.py); the
    design files' rows are labelled by plan_pricing instead."""
    design, attack = row.get("layer2__design"), row.get("layer2__attack")
    if design == "lightning":
        design, attack = lightning.label(row)
    return design, attack


def _bootstrap_idx(n):
    """Resampling indices from a fixed seed: the intervals are deterministic."""
    return np.random.default_rng(20261124).integers(0, n, size=(RESAMPLES, n))


def cost_per_success(running, success, capital, confidence, idx):
    """capital + E[running] / P(success): an attacker who retries until it succeeds pays the
    running cost of every attempt (failed races still paid their hash; failed bribes pay
    nothing) and its capital once. Percentile bootstrap interval over runs."""
    running, success = np.asarray(running, float), np.asarray(success, float)
    if success.sum() == 0:
        return np.inf, np.inf, np.inf
    estimate = capital + running.mean() / success.mean()
    r_mean, p_mean = running[idx].mean(axis=1), success[idx].mean(axis=1)
    boot = capital + np.where(p_mean > 0, r_mean / np.where(p_mean > 0, p_mean, 1), np.inf)
    alpha = (1 - confidence) / 2
    return estimate, float(np.quantile(boot, alpha, method="nearest")), float(np.quantile(boot, 1 - alpha, method="nearest"))


def hash_plan(needed_ehs, cap_ehs):
    """Share of the needed hash that is rented when renting up to the cap and buying the rest."""
    if needed_ehs <= 0:
        return 1.0, "no hash"
    f = min(1.0, cap_ehs / needed_ehs)
    return f, ("rented" if f >= 1.0 else "bought" if f <= 0.0 else "mixed")


def mode_parts(sub, econ):
    """Per view: (capital once, running cost per run, Bitcoin-paid running part) and the plan."""
    needed = float(sub["hash_needed_ehs"].max())
    hardware = float(sub["hardware_usd"].max()) * econ.hardware_resale_haircut
    rented, plan = hash_plan(needed, econ.rental_cap_ehs)
    common = -sub["earned_usd"] + sub["fees_usd"]
    flow_btc = sub["rent_usd"] + common
    stock_btc = sub["energy_usd"] + common
    feas_btc = rented * sub["rent_usd"] + (1 - rented) * sub["energy_usd"] + common
    return {"flow": (0.0, flow_btc), "stock": (hardware, stock_btc),
            "feasible": ((1 - rented) * hardware, feas_btc)}, plan


def point_rows(sub, econ, confidence):
    """One row per cost view for one parameter point (all runs at one budget)."""
    n, k = len(sub), int(sub["attack_success"].sum())
    p, lo, hi = wilson_interval(np.array([k]), np.array([n]), confidence)
    success = sub["attack_success"].to_numpy(float)
    idx = _bootstrap_idx(n)
    per_success = lambda x: float(np.mean(x)) / p[0] if k else np.inf  # noqa: E731
    external = sub["external_usd"]
    owned = bool((sub["cartel_hardware_usd"] > 0).any())
    forgone = per_success(sub["cartel_forgone_usd"]) if owned else np.nan
    hw_loss = econ.price_drop_on_attack * float(sub["cartel_hardware_usd"].max()) if owned else np.nan
    parts, plan = mode_parts(sub, econ)
    rows = []
    for mode, (capital, btc) in parts.items():
        cost, cost_lo, cost_hi = cost_per_success(btc + external, success, capital, confidence, idx)
        rows.append({"pricing": mode, "runs": n, "success": p[0], "success_lo": lo[0], "success_hi": hi[0],
                     "cost_usd": cost, "cost_usd_lo": cost_lo, "cost_usd_hi": cost_hi,
                     "bitcoin_paid_usd": capital + per_success(btc) if k else np.inf,
                     "external_usd": per_success(external),
                     "hash_plan": plan if mode == "feasible" else ("rented" if mode == "flow" else "bought"),
                     "hash_needed_ehs": float(sub["hash_needed_ehs"].max()),
                     "rental_feasible": bool(float(sub["hash_needed_ehs"].max()) <= econ.rental_cap_ehs),
                     "cartel_forgone_rewards_usd": forgone, "cartel_hardware_loss_usd": hw_loss,
                     "cartel_cost_usd": cost + forgone + hw_loss if owned else np.nan,
                     "value_at_risk_btc": sub["value_at_risk_btc"].mean()})
    if plan == "no hash":  # no hash to rent or buy: a key, bribe or fee attack, or a cartel's own hash
        for r in rows:
            r["hash_plan"] = "owned (cartel)" if owned else "no hash"
    return rows


def budget_key(group):
    """The attack-budget column a family sweeps (None: none, or more than one)."""
    varied = [k for k in BUDGET_KEYS if k in group and group[k].nunique() > 1]
    return varied[0] if len(varied) == 1 else None


def point_table(priced, econ, confidence=0.95):
    """One row per family (`_family`), budget point and cost view."""
    budgets = [k for k in BUDGET_KEYS if k in priced]
    rows = []
    for point, sub in priced.groupby(["_family"] + budgets, dropna=False, sort=False):
        ident = dict(zip(["_family"] + budgets, point))
        for r in point_rows(sub, econ, confidence):
            rows.append({**ident, **r, "refined": False})
    return pd.DataFrame(rows)


def cheapest(points, target):
    """Per family and cost view, the cheapest point whose lower success bound reaches the target."""
    out = []
    for _, fam in points.groupby(["_family", "pricing"], sort=False):
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


def variant_label(row, keys, varying):
    """The grouping keys that distinguish this family from others of its design and attack in
    its file and that its design label does not already show, as `key=value`."""
    shown = LABELLED.get(row["layer2__design"], set())
    varying = varying.get((row["_file"], row["layer2__design"], row["layer2__attack"]), set())
    parts = [f"{k.replace('__', '.')}={row[k]}" for k in keys[3:] if k in varying and k not in shown]
    return ", ".join(parts)


def estimate(frame, swept, econ, target=0.5, confidence=0.95, by=None, refiner=None, experiments=None,
             closed_form=None):
    """The inherited-cost table: one row per family (design, attack, parameter point) and cost view.
    `frame` holds all files' runs with a `_file` column; `refiner.refine(families, target)` may
    return, per family, runs at a refined budget and the final bracket (see refine.py); `closed_form(params, runs)` may
    give a family's closed-form budget threshold, reported beside the simulated one."""
    priced = price(frame, econ)
    keys = grouping_keys(priced, swept, by)
    priced = priced.assign(_family=priced.groupby(keys, dropna=False, sort=False).ngroup())
    points = point_table(priced, econ, confidence)
    families = {f: runs for f, runs in priced.groupby("_family", sort=False)}
    bkeys = {f: budget_key(runs) for f, runs in families.items()}
    refinement = {}
    if refiner is not None:
        asks = [(f, runs, points[(points["_family"] == f) & (points["pricing"] == "flow")], bkeys[f])
                for f, runs in families.items() if bkeys[f]]
        refinement = refiner.refine(asks, target)
        extra = []
        for f, (new_runs, _) in refinement.items():
            if new_runs is None:
                continue
            new_runs = price(new_runs, econ)
            for r in point_rows(new_runs, econ, confidence):
                extra.append({"_family": f, **{b: new_runs[b].iloc[0] for b in BUDGET_KEYS if b in new_runs},
                              **r, "refined": True})
        if extra:
            points = pd.concat([points, pd.DataFrame(extra)], ignore_index=True)
    best = cheapest(points, target)
    varying = {ident: {k for k in keys[3:] if g[k].nunique(dropna=False) > 1}
               for ident, g in priced.groupby(["_file", *DESIGN], sort=False)}
    rows = []
    for _, r in best.iterrows():
        f = r["_family"]
        params = families[f].iloc[0].to_dict()
        design, attack = family_label(params)
        bkey, info, total = bkeys[f], refinement.get(f, (None, {}))[1], r["cost_usd"]
        rows.append({
            "design": design, "attack": attack, "variant": variant_label(params, keys, varying),
            "experiment": (experiments or {}).get(params["_file"], ""), "pricing": r["pricing"], "success_target": target,
            "success": r["success"], "success_lo": r["success_lo"], "runs": int(r["runs"]),
            "cost_usd": total, "cost_usd_lo": r["cost_usd_lo"], "cost_usd_hi": r["cost_usd_hi"],
            "bitcoin_paid_usd": r["bitcoin_paid_usd"], "external_usd": r["external_usd"],
            "inherited_share": (r["bitcoin_paid_usd"] / total) if np.isfinite(total) and total > 0 else np.nan,
            "hash_plan": r["hash_plan"], "hash_needed_ehs": r["hash_needed_ehs"],
            "cartel_forgone_rewards_usd": r["cartel_forgone_rewards_usd"],
            "cartel_hardware_loss_usd": r["cartel_hardware_loss_usd"], "cartel_cost_usd": r["cartel_cost_usd"],
            "budget_key": bkey.replace("__", ".") if bkey else "", "budget": r[bkey] if bkey else np.nan,
            "budget_refined": bool(r["refined"]), "budget_failing_below": info.get("failing_below", np.nan),
            "hash_share": r.get("attack__hash_share", np.nan), "bribe_per_key_btc": r.get("attack__bribe_per_signer_btc", np.nan),
            "rental_feasible": r["rental_feasible"], "feasible": r["feasible"],
            "value_at_risk_usd": r["value_at_risk_btc"] * econ.btc_usd,
            "max_safe_value_usd": np.nan if params.get("layer2__attack") in FREEZE_ATTACKS else total,
            "budget_closed_form": closed_form(params, families[f]) if closed_form else None,
            "_file": params["_file"], "_family": f, "_design_key": params.get("layer2__design"),
            "_attack_key": params.get("layer2__attack"),
        })
    return finish(pd.DataFrame(rows))


def finish(table):
    """Adds which family is each design's cheapest, and inheritance against the L1 baseline."""
    table["inheritance_ratio"] = np.nan
    table["cheapest_for_design"] = False
    for _, grp in table.groupby(["design", "experiment", "pricing"]):
        finite = grp["cost_usd"].replace([np.inf], np.nan).dropna()
        if len(finite):
            table.loc[finite.idxmin(), "cheapest_for_design"] = True
    if "family" not in table:
        table["family"] = np.nan
    table["family"] = table["family"].where(table["family"].notna() & (table["family"] != ""),
                                            table["design"].astype(str).str.split(" ").str[0])
    for pricing in table["pricing"].unique():
        # The L1 baseline: the cheapest way to reverse a 6-confirmation payment (designs/l1_payment.toml).
        base = table[(table["design"] == "l1_payment") & (table["pricing"] == pricing)]["cost_usd"]
        base = base[np.isfinite(base) & (base > 0)]
        if len(base):
            sel = table["pricing"] == pricing
            table.loc[sel, "inheritance_ratio"] = table.loc[sel, "cost_usd"] / base.min()
    order = {"flow": 0, "stock": 1, "feasible": 2}
    table["_order"] = table["pricing"].map(order)
    table = table.sort_values(["_order", "design", "attack", "variant", "experiment"]).drop(columns="_order")
    return table.reset_index(drop=True)


