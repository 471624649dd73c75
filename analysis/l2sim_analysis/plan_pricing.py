"""Prices the attack planner's plans (a `design_attack` results file: every candidate plan has
columns `<plan>__<quantity>`, models/layer2/planner/plan_outcome.hpp, read by name) in the
estimator's three cost views, from the physical quantities each run recorded:

- external (keys, stake, bribes): keys_btc + bonds_slashed_btc;
- paid in Bitcoin's own resources (inherited): hash_share_s (hash as a multiple of the network's
  hashrate x seconds), block_space_sat (the attacker's own confirmed fees) and, where recorded,
  miner_bribes_sat (timelocked bribes that pools collected).

Cost views of the hash (Budish 2018, 2022; scenarios/economics/default.toml sources each price):
- flow: rent it, hash_share_s x network_hashrate_ehs x hash_rental_usd_per_ehs_day x rental_markup;
  rewards are not netted (a plan's run does not record the blocks its hash kept);
- stock: buy it. The hardware for the plan's largest hash share (hash_share_s / duration_s, the
  run's mean share, maximised over runs) is charged once at hardware_resale_haircut of its price,
  plus the energy of hash_share_s at hardware_j_per_th and energy_usd_per_kwh;
- feasible: rent up to rental_cap_ehs and buy the rest.

A cartel's own hash (owned_hash_share_s: existing pools that vote or race with hash they already
run, a drivechain's ACK majority or a merged-mined sidechain's merge miners) is neither rented
nor bought: the cartel pays no rent and its Bitcoin blocks stay in the chain, so it forgoes no
rewards in these plans. What it loses is on its hardware when the attack drops the price
(Budish 2018, 2022): price_drop_on_attack x its largest share x H x hardware_usd_per_ths, charged
once in every view (the cartel columns of the estimator; `hash_plan` "owned (cartel)").

A run the plan does not win costs +inf, so the budget that makes a plan succeed with probability
`target` is the `target` quantile of the per-run cost; its interval is distribution-free, from
order statistics (the ranks n q -/+ z sqrt(n q (1 - q)) of the sorted runs). The inherited share
is the Bitcoin-paid part of the cost in the runs that budget wins. A plan that takes a design
output makes the design unsafe once the output holds more than the plan's cost: the max safe
value is the lowest such cost (deposit reversals, `deposit__*`, give the max safe deposit)."""
import math
from statistics import NormalDist

import numpy as np

from .design_parts import cheapest_part, is_deposit_plan, part_of

VIEWS = ("flow", "stock", "feasible")
QUANTITIES = ("success", "keys_btc", "bonds_slashed_btc", "hash_share_s", "owned_hash_share_s", "block_space_sat",
              "loot_btc", "duration_s")


# Hash plans that neither rent nor buy: key, bribe and fee plans, and a cartel's own hash.
OWN_OR_NONE = ("no hash", "owned (cartel)")


def z_of(confidence):
    """The two-sided normal quantile of a confidence level (0.95 -> 1.96, 0.999 -> 3.29)."""
    return NormalDist().inv_cdf(0.5 + confidence / 2.0)


def plan_ids(names):
    """The plans of a results file: every `<plan>__success` column."""
    return sorted(n[: -len("__success")] for n in names if n.endswith("__success"))


def quantile_with_ci(costs, q, z):
    """The q quantile of costs (inf allowed) and its order-statistic interval: the ranks
    n q -/+ z sqrt(n q (1 - q)) of the sorted sample (normal approximation to the binomial)."""
    x = np.sort(np.asarray(costs, float))
    n = len(x)
    if n == 0:
        return math.nan, math.nan, math.nan
    half = z * math.sqrt(n * q * (1 - q))
    at = lambda r: float(x[min(max(int(r), 0), n - 1)])  # noqa: E731
    return at(math.ceil(n * q) - 1), at(math.floor(n * q - half) - 1), at(math.ceil(n * q + half) - 1)


def wilson(k, n, z):
    """Wilson score interval of k successes in n runs: (p, lo, hi)."""
    if n == 0:
        return math.nan, 0.0, 1.0
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return p, max(c - h, 0.0), min(c + h, 1.0)


def hash_prices_btc(econ):
    """BTC per unit of hash_share_s (one network-hashrate x second) rented and run on bought
    hardware, and BTC of hardware per unit of network share."""
    network_ths = econ.network_hashrate_ehs * 1e6  # 1 EH/s = 10^6 TH/s
    rent = econ.network_hashrate_ehs * econ.hash_rental_usd_per_ehs_day * econ.rental_markup / 86400.0
    energy = network_ths * econ.hardware_j_per_th / 3.6e6 * econ.energy_usd_per_kwh  # 1 kWh = 3.6e6 J
    hardware = network_ths * econ.hardware_usd_per_ths
    return rent / econ.btc_usd, energy / econ.btc_usd, hardware / econ.btc_usd


def hash_plan(needed_ehs, cap_ehs):
    """Share of the needed hash that is rented when renting up to the cap and buying the rest."""
    if needed_ehs <= 0:
        return 1.0, "no hash"
    f = min(1.0, cap_ehs / needed_ehs)
    return f, ("rented" if f >= 1.0 else "bought" if f <= 0.0 else "mixed")


def _col(cols, pid, q):
    name = f"{pid}__{q}"
    return np.nan_to_num(np.asarray(cols[name], float), nan=0.0) if name in cols else None


def run_parts(cols, pid, econ):
    """Per run of one plan, in BTC: external, fees, and the hash cost in each view (with the
    view's capital charged once), plus the plan's peak hash share and its hash plan."""
    c = lambda q: _col(cols, pid, q)  # noqa: E731
    n = len(c("success"))
    zero = np.zeros(n)
    hash_s = c("hash_share_s") if c("hash_share_s") is not None else zero
    duration = c("duration_s") if c("duration_s") is not None else zero
    share = np.divide(hash_s, duration, out=np.zeros(n), where=duration > 0)
    peak = float(share.max()) if n else 0.0
    rent_btc, energy_btc, hardware_btc = hash_prices_btc(econ)
    rented, plan = hash_plan(peak * econ.network_hashrate_ehs, econ.rental_cap_ehs)
    capital = peak * hardware_btc * econ.hardware_resale_haircut
    flow = hash_s * rent_btc
    stock = hash_s * energy_btc
    # A cartel's own hash (absent from files written before the column): its hardware loss.
    owned_s = c("owned_hash_share_s") if c("owned_hash_share_s") is not None else zero
    owned_peak = float(np.divide(owned_s, duration, out=np.zeros(n), where=duration > 0).max()) if n else 0.0
    cartel = econ.price_drop_on_attack * owned_peak * hardware_btc
    if owned_peak > 0 and peak == 0:
        plan = "owned (cartel)"
    return {
        "success": c("success") > 0.5,
        "external": c("keys_btc") + (c("bonds_slashed_btc") if c("bonds_slashed_btc") is not None else zero),
        # Fees of its own spends, and timelocked bribes Bitcoin's pools collected for leaving the
        # defenders' spend out (`miner_bribes_sat`; absent from files written before that column).
        "fees": ((c("block_space_sat") if c("block_space_sat") is not None else zero)
                 + (c("miner_bribes_sat") if c("miner_bribes_sat") is not None else zero)) * 1e-8,
        "hash": {"flow": (cartel, flow), "stock": ((capital if peak > 0 else 0.0) + cartel, stock),
                 "feasible": ((1 - rented) * capital + cartel, rented * flow + (1 - rented) * stock)},
        "peak_share": peak, "hash_plan": plan, "owned_share": owned_peak, "cartel_btc": cartel,
        "loot": float(c("loot_btc").max()) if c("loot_btc") is not None and n else 0.0,
    }


def plan_rows(cols, labels, econ, target=0.5, confidence=0.95):
    """One row per plan and cost view: success with its Wilson interval, the budget that wins
    with probability `target` with its order-statistic interval (BTC and USD), the external and
    Bitcoin-paid parts and the inherited share in the runs that budget wins."""
    z = z_of(confidence)
    rows = []
    for pid in plan_ids(cols):
        parts = run_parts(cols, pid, econ)
        success = parts["success"]
        n, k = len(success), int(success.sum())
        p, p_lo, p_hi = wilson(k, n, z)
        label = labels.get(f"{pid}__success", "")
        for view in VIEWS:
            capital, hash_cost = parts["hash"][view]
            bitcoin_paid = capital + hash_cost + parts["fees"]
            total = bitcoin_paid + parts["external"]
            cost, lo, hi = quantile_with_ci(np.where(success, total, np.inf), target, z)
            won = success & (total <= cost)
            paid = float(total[won].sum()) if won.any() else 0.0
            rows.append({
                "plan": pid, "what": label.split(": ", 1)[-1], "pricing": view, "runs": n, "success": p,
                "success_lo": p_lo, "success_hi": p_hi, "cost_btc": cost, "cost_btc_lo": lo, "cost_btc_hi": hi,
                "external_btc": float(parts["external"][won].mean()) if won.any() else math.nan,
                "bitcoin_paid_btc": float(bitcoin_paid[won].mean()) if won.any() else math.nan,
                "inherited_share": float(bitcoin_paid[won].sum()) / paid if paid > 0 else math.nan,
                "hash_plan": parts["hash_plan"] if view == "feasible" or parts["hash_plan"] in OWN_OR_NONE else
                ("rented" if view == "flow" else "bought"),
                "hash_needed_ehs": max(parts["peak_share"], parts["owned_share"]) * econ.network_hashrate_ehs,
                "cartel_btc": parts["cartel_btc"] if parts["owned_share"] > 0 else math.nan,
                "loot_btc": parts["loot"], "deposit": is_deposit_plan(pid), "part": part_of(label),
            })
    return rows


def takes_value(row):
    """A plan that takes a design output (not a deposit reversal, not a freeze)."""
    return not row["deposit"] and row["loot_btc"] > 0


def summary(rows, pricing="flow"):
    """The cheapest plan in one view, its cost and interval, its parts, and the max safe value
    (the lowest cost over plans that take a design output) and max safe deposit."""
    view = [r for r in rows if r.get("pricing", "flow") == pricing]
    finite = [r for r in view if math.isfinite(r["cost_btc"])]
    best = min(finite, key=lambda r: r["cost_btc"]) if finite else None
    custody = [r["cost_btc"] for r in view if takes_value(r)]
    deposit = [r["cost_btc"] for r in view if r["deposit"]]
    get = lambda key, default: best[key] if best else default  # noqa: E731
    part, _ = cheapest_part(view)
    return {
        "cheapest_part": part,
        "cheapest_plan": get("plan", None), "cheapest_what": get("what", None),
        "cheapest_cost_btc": get("cost_btc", math.inf), "cheapest_cost_btc_lo": get("cost_btc_lo", math.inf),
        "cheapest_cost_btc_hi": get("cost_btc_hi", math.inf),
        "cheapest_inherited_share": get("inherited_share", math.nan),
        "cheapest_external_btc": get("external_btc", math.nan),
        "cheapest_bitcoin_paid_btc": get("bitcoin_paid_btc", math.nan),
        "max_safe_value_btc": min(custody) if custody else math.inf,
        "max_safe_deposit_btc": min(deposit) if deposit else math.inf,
    }


def design_label(frame, root):
    """The design's name and family from the design file the runs read (`design.file`, relative
    to the repository root or the working directory); the file's stem if it cannot be read."""
    import pathlib
    import tomllib
    path = str(frame["design__file"].iloc[0]) if "design__file" in frame and len(frame) else ""
    for base in (pathlib.Path(root), pathlib.Path.cwd()):
        try:
            doc = tomllib.loads((base / path).read_text()).get("design", {})
            return doc.get("name", pathlib.Path(path).stem), doc.get("family", "")
        except (OSError, tomllib.TOMLDecodeError, IsADirectoryError):
            continue
    return pathlib.Path(path).stem or "design", ""


def estimator_rows(frame, econ, target, confidence, design, family, experiment, file_index):
    """The estimator's table rows (analysis/inherited_cost.py COLUMNS) for one design's results:
    one row per plan and cost view, in USD."""
    cols = {c: frame[c].to_numpy() for c in frame.columns if "__" in c}
    usd = econ.btc_usd
    out = []
    for r in plan_rows(cols, {}, econ, target, confidence):
        cost = r["cost_btc"] * usd
        out.append({
            "design": design, "family": family, "attack": r["plan"], "variant": "", "experiment": experiment,
            "pricing": r["pricing"], "success_target": target, "success": r["success"], "success_lo": r["success_lo"],
            "runs": r["runs"], "cost_usd": cost, "cost_usd_lo": r["cost_btc_lo"] * usd,
            "cost_usd_hi": r["cost_btc_hi"] * usd,
            "bitcoin_paid_usd": r["bitcoin_paid_btc"] * usd, "external_usd": r["external_btc"] * usd,
            "inherited_share": r["inherited_share"], "hash_plan": r["hash_plan"],
            "hash_needed_ehs": r["hash_needed_ehs"],
            # a cartel's plan forgoes no Bitcoin rewards (its blocks stay in the chain); its cost
            # already is the cartel's, so cartel_cost_usd equals it
            "cartel_forgone_rewards_usd": 0.0 if math.isfinite(r["cartel_btc"]) else math.nan,
            "cartel_hardware_loss_usd": r["cartel_btc"] * usd,
            "cartel_cost_usd": cost if math.isfinite(r["cartel_btc"]) else math.nan,
            "budget_key": "", "budget": math.nan, "budget_refined": False, "budget_failing_below": math.nan,
            "hash_share": math.nan, "bribe_per_key_btc": math.nan,
            "rental_feasible": bool(r["hash_needed_ehs"] <= econ.rental_cap_ehs) and r["hash_plan"] != "owned (cartel)",
            "feasible": bool(math.isfinite(r["cost_btc"])), "value_at_risk_usd": r["loot_btc"] * usd,
            "max_safe_value_usd": cost if takes_value(r) else math.nan,
            "budget_closed_form": None, "_file": file_index, "_family": -1, "_design_key": design,
            "_attack_key": r["plan"], "what": r["what"],
        })
    return out
