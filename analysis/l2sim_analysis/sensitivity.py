"""Global sensitivity of each system's headline cost (its cheapest successful attack, priced with
the feasible plan: rent hash up to the rental market's depth, buy the rest) to the economic and
behavioural assumptions: Sobol first-order and total-order indices from Saltelli sampling
(scipy.stats.qmc.Sobol, scrambled, fixed seed) with Jansen's estimators (Saltelli et al. 2010,
"Variance based sensitivity analysis of model output", Comput. Phys. Commun. 181, table 2: f and g).

How each assumption enters:
- economic inputs (BTC price, hash rental price, rental depth, hardware price, energy price,
  hardware resale haircut, eclipse-node price, the yield forgone on capital locked in Lightning
  channels) re-price the physical quantities the simulation
  recorded (hash x time, peak hash, blocks earned, fees, bribes, stake, eclipse time, capital x time): exact, no
  re-simulation, the same arithmetic as economics.price and inheritance.mode_parts;
- the fee level (fees per block) enters twice: in the block reward the attacker's hash earns
  (exact, as in economics.price), and as the price of block space the attacker buys: the fees its
  own transactions paid (flooding, congestion, CPFP, claims) scale with the fee level relative to
  the economics file's (first order: the recorded vbytes are held and paid at a rate that moves
  with the fee market; exact when the attacker pays the prevailing rate per vbyte). Whether a
  fee race against a victim succeeds at another fee level is a simulation outcome and is held;
- the keyholders' corruption prices (a design file's corruption_cost_btc per agent class): a
  change of every price by a factor c scales the keys and bonds a plan pays by c exactly;
- the pool-share tail: a timelocked bribe succeeds once the smallest template-controlling miner
  prefers it, so the bribe scales as 1 / lambda_min (Nadahalli, Khabbazian and Wattenhofer 2021);
  exact where lambda_min sets the threshold (the README's note [4]), an approximation elsewhere;
- a cartel that attacks with hash it owns loses price_drop_on_attack of that hardware's value
  once (Budish 2022: the attack-induced collapse is a parameter): exact, as plan_pricing.run_parts;
- the watchtower enters through the simulation. Its fee policy (tower.fee_policy = fixed | bump)
  and its reaction latency (tower.latency_s) are defender properties, not attacker choices: each is
  a discrete factor over the levels a sweep simulated, every level equally likely, and a sample
  keeps only the runs made at its levels (the attacker then picks its cheapest attack among
  those). A factor counts only for the files that swept it; elsewhere it is a fixed parameter
  and the attack was not simulated at other levels (model `lightning`);
- NOT covered: the latency of the design files' watchers and responders (latency_s; screened by
  simulation instead, latency_screen.py) and the background demand's fee rates are simulation
  inputs the study's runs hold fixed.

A design file's plans (model design_attack) enter as one point per plan: the run at the plan's
success-target quantile of cost (the estimator's budget; see design_points). The cost minimum is taken over every attack family and
budget point (every plan) of the system's designs whose lower success bound reaches the target: a change of assumption may change which attack is
cheapest, and the indices measure that too."""
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .economics import BLOCK_INTERVAL_S, SECONDS_PER_YEAR  # noqa: F401  (the same economics as the estimator)
from .stats import wilson_interval

# name: (label, low, high, log-uniform?, economics key or None); ranges are round bands around
# scenarios/economics/default.toml (2025 figures), wide enough to cover the sources' spread.
INPUTS = {
    "btc_usd": ("BTC price (USD)", 50_000.0, 150_000.0, False, "btc_usd"),
    "rental_price": ("hash rental price (USD per EH/s day)", 30_000.0, 80_000.0, False, "hash_rental_usd_per_ehs_day"),
    "rental_depth": ("rental market depth (EH/s)", 1.0, 50.0, True, "rental_cap_ehs"),
    "hardware_price": ("hardware price (USD per TH/s)", 8.0, 25.0, False, "hardware_usd_per_ths"),
    "energy_price": ("energy price (USD/kWh)", 0.03, 0.08, False, "energy_usd_per_kwh"),
    "resale_haircut": ("hardware resale haircut (1)", 0.2, 0.9, False, "hardware_resale_haircut"),
    "fee_level": ("fee level: fees per block (BTC)", 0.01, 0.3, True, "fee_btc_per_block"),
    "eclipse_price": ("eclipse nodes (USD/h)", 1.0, 50.0, True, "eclipse_usd_per_hour"),
    # Lightning liquidity leases earn ~1-4% a year (Amboss Magma, read December 2026); up to 8% for
    # capital that could earn more elsewhere.
    "capital_cost": ("capital cost (1/year)", 0.01, 0.08, True, "capital_cost_per_year"),
    # ETC fell ~13% after its August 2020 51% attack (the economics file's default); Budish (2022)
    # leaves the collapse open, up to most of the value: a band from a few percent to 60%.
    "price_drop": ("price drop after an attack (1)", 0.03, 0.6, True, "price_drop_on_attack"),
    "keyholder_price": ("keyholder bribe price, x median", 0.25, 4.0, True, None),
    "pool_tail": ("smallest template share, x default", 0.5, 10.0, True, None),
}
# Discrete factors the simulation decides (the `lightning` model's tower,
# models/layer2/lightning/watchtower.hpp): name -> (results column, label).
FACTORS = {
    "watcher": ("tower__fee_policy", "watchtower fee policy"),
    "tower_latency": ("tower__latency_s", "watchtower reaction latency"),
}
ZERO_VARIANCE = 1e-12


@dataclass
class Points:
    """Per feasible budget point of a system's attack families: the mean recorded quantities, and
    for each discrete factor (FACTORS) the level its runs were made at, in the column
    `level:<factor>` (missing: the point's file did not sweep that factor, so the point holds at
    every level). `simulated` holds every level a sweep simulated, also those at which no attack
    was feasible: they are sampled like the others (there only the points that hold at every
    level remain)."""
    frame: pd.DataFrame
    simulated: dict = field(default_factory=dict)   # factor name -> set of levels

    def levels(self, name):
        """The sorted levels of a factor: every simulated one and every one among the points."""
        col = f"level:{name}"
        seen = set(self.frame[col].dropna().tolist()) if col in self.frame else set()
        return sorted(seen | set(self.simulated.get(name, ())))

    def codes(self, name):
        """Each point's level index for a factor (-1: holds at every level)."""
        col, levels = f"level:{name}", self.levels(name)
        if col not in self.frame:
            return np.full(len(self.frame), -1)
        return np.array([levels.index(v) if pd.notna(v) else -1 for v in self.frame[col]], dtype=int)

    def factors(self):
        """The factors with at least two levels (the ones a sample varies)."""
        return [n for n in FACTORS if len(self.levels(n)) >= 2]


class NoFeasibleAttack(ValueError):
    """A sampled combination of factor levels leaves no feasible attack (the cost is unbounded)."""


def _col(f, name):
    return np.nan_to_num(f[name].to_numpy(float), nan=0.0) if name in f else np.zeros(len(f))


def feasible_points(priced, families, factor_files=None, target=0.5, confidence=0.95):
    """Means per (family, budget point) of the quantities the pricing needs, for the points whose
    lower Wilson bound reaches the target. `priced` has `_family`, `_file` and the budget columns;
    `factor_files` maps a factor (FACTORS) to the files that swept it: the factor's level is
    recorded only for their points (elsewhere it is a fixed parameter, and the attack was not
    simulated at other levels)."""
    from .inheritance import BUDGET_KEYS
    budgets = [k for k in BUDGET_KEYS if k in priced]
    f = priced[priced["_family"].isin(families)]
    rel = _col(f, "attacker_hash_rel_seconds")
    frame = pd.DataFrame({
        "_family": f["_family"].to_numpy(), "success": _col(f, "attack_success"),
        "rel_s": rel, "earned": np.where(rel > 0, _col(f, "attacker_bitcoin_blocks"), 0.0),
        "fees_sat": _col(f, "fees_paid_sat"), "key_btc": _col(f, "key_bribes_btc"),
        "miner_btc": _col(f, "miner_bribes_btc"), "stake_btc": _col(f, "stake_slashed_btc"),
        "eclipse_s": _col(f, "eclipse_seconds"), "peak": _col(f, "attacker_hash_rel_peak"),
        "capital_btc_s": _col(f, "capital_btc_seconds"),
        "refined": f["_refined"].fillna(False).astype(bool).to_numpy() if "_refined" in f else False,
    })
    simulated = {}
    for name, (key, _) in FACTORS.items():
        files = list((factor_files or {}).get(name, ()))
        if key in f and files:
            frame[f"level:{name}"] = np.where(f["_file"].isin(files), f[key].to_numpy(object), None)
            simulated[name] = set(frame[f"level:{name}"].dropna().tolist())
    for b in budgets:
        frame[b] = f[b].to_numpy()
    agg = {c: "mean" for c in ("success", "rel_s", "earned", "fees_sat", "key_btc", "miner_btc", "stake_btc", "eclipse_s",
                               "capital_btc_s")}
    agg.update(peak="max", refined="max", **{c: "first" for c in frame if c.startswith("level:")})
    g = frame.groupby(["_family"] + budgets, dropna=False, sort=False)
    pts = g.agg(agg).reset_index()
    n = g.size().to_numpy()
    _, lo, _ = wilson_interval(np.rint(pts["success"].to_numpy() * n).astype(int), n, confidence)
    return Points(pts[(lo >= target) & (pts["success"] > 0)].reset_index(drop=True), simulated)


def design_points(frame, plan_ids, econ, target=0.5):
    """Points (one per plan) of a design_attack results frame: the run whose feasible-plan cost
    (priced at the economics file's values, l2sim_analysis/plan_pricing.py) is the plan's `target`
    quantile, i.e. the budget the estimator reports, with its hash x time, fees, keys and bonds,
    and the plan's peak hash share. That run is held while the inputs vary (which run is the
    quantile could change with the prices: a first-order approximation). Plans whose quantile is
    not finite (they do not win often enough) are left out."""
    from .plan_pricing import quantile_with_ci, run_parts
    cols = {c: frame[c].to_numpy() for c in frame.columns if "__" in c}
    rows = []
    for pid in plan_ids:
        parts = run_parts(cols, pid, econ)
        capital, running = parts["hash"]["feasible"]
        total = np.where(parts["success"], capital + running + parts["fees"] + parts["external"], np.inf)
        q, _, _ = quantile_with_ci(total, target, 0.0)
        if not np.isfinite(q):
            continue
        i = int(np.flatnonzero(total == q)[0])
        c = lambda name: _col(frame, f"{pid}__{name}")[i]  # noqa: E731
        # Timelocked bribes to pools scale as 1 / lambda_min (the pool-tail input), like Lightning's.
        rows.append({"_family": pid, "success": 1.0, "rel_s": c("hash_share_s"), "earned": 0.0,
                     "fees_sat": c("block_space_sat"), "key_btc": c("keys_btc"),
                     "miner_btc": c("miner_bribes_sat") * 1e-8,
                     "stake_btc": c("bonds_slashed_btc"), "eclipse_s": 0.0, "peak": parts["peak_share"],
                     "cartel_share": parts["owned_share"], "refined": False})
    return Points(pd.DataFrame(rows))


def merge_points(parts):
    """One Points of several (a system mapped to several designs, or to designs and Lightning)."""
    parts = [p for p in parts if p is not None and not p.frame.empty]
    if not parts:
        return None
    simulated = {}
    for p in parts:
        for name, levels in p.simulated.items():
            simulated.setdefault(name, set()).update(levels)
    return Points(pd.concat([p.frame for p in parts], ignore_index=True), simulated)


def cost_matrix(points, econ, x):
    """Feasible-plan cost (USD per success) of every point (rows) under every sample (columns of
    the parameter dict `x`, each an array of samples). Mirrors economics.price + mode_parts."""
    p = points.frame
    col = lambda name: p[name].to_numpy(float)[:, None]  # noqa: E731
    price = x["btc_usd"][None, :]
    H = econ.network_hashrate_ehs
    rent = col("rel_s") * H * x["rental_price"][None, :] * econ.rental_markup / 86400.0
    energy = col("rel_s") * H * 1e6 * econ.hardware_j_per_th / 3.6e6 * x["energy_price"][None, :]
    reward = (econ.block_subsidy_btc + x["fee_level"][None, :]) * price
    earned = col("earned") * reward if econ.attacker_keeps_rewards else 0.0
    # the attacker's own fees move with the fee level (see the module note); a zero default fee
    # level leaves them as recorded
    fee_scale = x["fee_level"][None, :] / econ.fee_btc_per_block if econ.fee_btc_per_block > 0 else 1.0
    fees = col("fees_sat") * 1e-8 * price * fee_scale
    # capital locked in channels costs its forgone yield (economics.price: capital_usd)
    capital = (p["capital_btc_s"].to_numpy(float)[:, None] if "capital_btc_s" in p else 0.0) \
        / SECONDS_PER_YEAR * x["capital_cost"][None, :] * price
    external = (col("key_btc") * x["keyholder_price"][None, :] + col("miner_btc") / x["pool_tail"][None, :]
                + col("stake_btc")) * price + col("eclipse_s") / 3600.0 * x["eclipse_price"][None, :] + capital
    needed = col("peak") * H
    hardware = needed * 1e6 * x["hardware_price"][None, :] * x["resale_haircut"][None, :]
    rented = np.where(needed > 0, np.minimum(1.0, x["rental_depth"][None, :] / np.where(needed > 0, needed, 1.0)), 1.0)
    running = rented * rent + (1 - rented) * energy - earned + fees + external
    # a cartel's own hash loses price_drop_on_attack of its hardware, once (plan_pricing.run_parts)
    cartel = p["cartel_share"].fillna(0.0).to_numpy(float)[:, None] * H * 1e6 * x["hardware_price"][None, :] \
        * x["price_drop"][None, :] if "cartel_share" in p else 0.0
    return (1 - rented) * hardware + cartel + running / col("success")


def headline(points, econ, x, levels=None):
    """The system's cheapest cost per sample (min over points). `levels` maps a factor to each
    sample's level index: a sample keeps the points made at its levels, and the points whose file
    did not sweep that factor."""
    costs = cost_matrix(points, econ, x)
    for name, sampled in (levels or {}).items():
        codes = points.codes(name)[:, None]
        costs = np.where((codes < 0) | (codes == sampled[None, :]), costs, np.inf)
    return costs.min(axis=0)


def _scale(u, name):
    _, lo, hi, log, _ = INPUTS[name]
    return np.exp(np.log(lo) + u * (np.log(hi) - np.log(lo))) if log else lo + u * (hi - lo)


def defaults(econ):
    """The default value of every input (economics file; multipliers 1)."""
    out = {k: np.array([float(getattr(econ, v[4]))]) for k, v in INPUTS.items() if v[4]}
    out.update(keyholder_price=np.array([1.0]), pool_tail=np.array([1.0]))
    return out


@dataclass
class Indices:
    """Jansen estimates of first-order (s1) and total-order (st) indices with percentile
    bootstrap intervals (95%) over the base sample, and the output variance."""
    s1: np.ndarray
    st: np.ndarray
    s1_lo: np.ndarray
    s1_hi: np.ndarray
    st_lo: np.ndarray
    st_hi: np.ndarray
    variance: float


def jansen_indices(f, d, n_base, seed, resamples=200):
    """Saltelli sampling of the unit cube [0, 1]^d (scrambled Sobol' points, A and B matrices and
    the d matrices AB_i) and Jansen's estimators (Saltelli et al. 2010, table 2):
    S_Ti = E[(f(A) - f(AB_i))^2] / (2 V),  S_i = (V - E[(f(B) - f(AB_i))^2] / 2) / V.
    `f` maps an (n, d) array to n outputs. Returns Indices (bootstrap 95% intervals on both
    indices: the base rows resampled with replacement, every estimator recomputed), or None when
    the output does not vary or is not finite."""
    from scipy.stats import qmc
    base = qmc.Sobol(d=2 * d, scramble=True, seed=seed).random(n_base)
    A, B = base[:, :d], base[:, d:]
    fA, fB = f(A), f(B)
    if not (np.isfinite(fA).all() and np.isfinite(fB).all()):
        return None
    var = np.var(np.concatenate([fA, fB]))
    if var < ZERO_VARIANCE:
        return None
    idx = np.random.default_rng(seed).integers(0, n_base, size=(resamples, n_base))
    boot_var = np.var(np.concatenate([fA[idx], fB[idx]], axis=1), axis=1)
    s1, st, lo, hi, s1_lo, s1_hi = (np.zeros(d) for _ in range(6))
    for i in range(d):
        ABi = A.copy()
        ABi[:, i] = B[:, i]
        fABi = f(ABi)
        st[i] = np.mean((fA - fABi) ** 2) / (2 * var)
        s1[i] = (var - np.mean((fB - fABi) ** 2) / 2) / var
        boot = np.mean((fA[idx] - fABi[idx]) ** 2, axis=1) / (2 * boot_var)
        lo[i], hi[i] = np.quantile(boot, 0.025), np.quantile(boot, 0.975)
        boot1 = (boot_var - np.mean((fB[idx] - fABi[idx]) ** 2, axis=1) / 2) / boot_var
        s1_lo[i], s1_hi[i] = np.quantile(boot1, 0.025), np.quantile(boot1, 0.975)
    return Indices(s1, st, s1_lo, s1_hi, lo, hi, float(var))


def factor_label(name, points):
    """A factor's label with its number of levels, e.g. "watchtower reaction latency (5 swept levels)"."""
    return f"{FACTORS[name][1]} ({len(points.levels(name))} swept levels)"


def factor_levels(name, points):
    """A factor's levels as text, e.g. "30, 21600, 43200" (empty for an input)."""
    return ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in points.levels(name))


def sobol(points, econ, n_base=4096, seed=20261202, resamples=200):
    """Jansen first-order (S1) and total-order (ST) indices of the log10 headline cost, with
    bootstrap 95% intervals on both; None when the cost does not vary (e.g. always 0).
    NoFeasibleAttack when some sampled factor levels leave no feasible attack."""
    factors = points.factors()
    names = list(INPUTS) + factors
    d = len(names)

    def evaluate(M):
        x = {k: _scale(M[:, i], k) for i, k in enumerate(names) if k in INPUTS}
        # a factor's levels are equally likely: the unit interval cut into as many equal parts
        levels = {k: np.minimum((M[:, names.index(k)] * len(points.levels(k))).astype(int), len(points.levels(k)) - 1)
                  for k in factors}
        return headline(points, econ, x, levels)

    def output(M):
        # log10 of the cost: costs span decades, and a log output keeps one huge sample from owning
        # the variance; a zero cost (no direct cost) is floored at $1.
        cost = evaluate(M)
        if not np.isfinite(cost).all():
            raise NoFeasibleAttack("a sampled combination of " + ", ".join(FACTORS[k][1] for k in factors)
                                   + " leaves no feasible attack")
        return np.log10(np.maximum(cost, 1.0))

    result = jansen_indices(output, d, n_base, seed, resamples)
    if result is None:
        return None
    r = result
    rows = [{"input": name, "label": INPUTS[name][0] if name in INPUTS else factor_label(name, points), "S1": r.s1[i],
             "S1_lo": r.s1_lo[i], "S1_hi": r.s1_hi[i], "ST": r.st[i], "ST_lo": r.st_lo[i], "ST_hi": r.st_hi[i],
             "levels": factor_levels(name, points) if name in FACTORS else "",
             "n_base": n_base, "evaluations": n_base * (d + 2), "resamples": resamples}
            for i, name in enumerate(names)]
    return pd.DataFrame(rows).sort_values("ST", ascending=False).reset_index(drop=True)
