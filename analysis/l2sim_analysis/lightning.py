"""Results of the agent-based Lightning model (`lightning`, models/layer2/lightning/) as rows the
inherited-cost estimator prices: every quantity is read from the model's outcome columns by name
and kept in physical units (hash share x seconds, bribe and fees in sat, eclipse seconds);
dollars come only from the economics file (economics.price).

Which attack a file holds is read from the adversary primitives its scenario gives a budget
(models/layer2/lightning/lightning_world_params.hpp): a primitive with no budget in any run takes
no part. A file is one family per point of its other swept keys; its budget axis is the
primitive's budget key below."""
import numpy as np

# Budget key of each adversary primitive (dotted key with `__`), in the order the label names them.
PRIMITIVES = [
    ("adversary__censor__hash_share", "censorship"),
    ("adversary__thief__bribe_btc", "bribery"),
    ("adversary__congest__fee_rate_sat_vb", "congestion"),
    ("adversary__pin__child_vbytes", "pinning"),
    ("adversary__cycle__budget_sat", "replacement_cycling"),
    ("adversary__dilation__dilation_s_per_block", "time_dilation"),
]
# Flood & Loot has no primitive of its own: the adversary's budget is how many channels' HTLCs it
# forces to expire together.
FLOOD_BUDGET = "channel__channels"
BUDGET_KEYS = [k for k, _ in PRIMITIVES] + [FLOOD_BUDGET]
# The outcome columns the pricer needs (economics.price), each from the model's own column.
NEEDED = ("attack_success", "attacker_fees_sat", "bribe_paid_sat", "censor_hash_share", "censor_hash_share_s",
          "eclipse_s", "value_at_risk_sat", "adversary_funding_fees_sat", "adversary_capital_btc_s")


def attack_name(frame):
    """The attack a `lightning` results file plays: the primitives with a budget in any run,
    joined by '+' (a revoked-state censorship is named after the censor's strategy)."""
    parts = []
    for key, name in PRIMITIVES:
        if key in frame and (frame[key].astype(float) > 0).any():
            if name == "censorship":
                strategy = str(frame["adversary__censor__strategy"].iloc[0]) \
                    if "adversary__censor__strategy" in frame else "withhold"
                name = f"censorship ({strategy})"
            parts.append(name)
    if not parts:
        htlc = "channel__contested" in frame and (frame["channel__contested"] == "htlc").all()
        return "flood_and_loot" if htlc else "none"
    if "congestion" in parts and "channel__contested" in frame:
        target = "justice" if (frame["channel__contested"] == "revoked_state").all() else "htlc"
        parts[parts.index("congestion")] = f"congestion ({target})"
    return "+".join(parts)


def adapt(frame):
    """The file's runs with the columns the estimator reads: `layer2__design` = lightning,
    `layer2__attack`, and the priced quantities under the pricer's names:
    - fees_paid_sat: the adversary's confirmed fees (commitment, sweep, filler, pin, cycles)
      less the bribe, which is priced apart, plus the fees of the funding transactions of the
      channels it opened to route its HTLCs (Flood & Loot);
    - capital_btc_seconds: the capital in those channels x the seconds it was locked (priced at
      the economics file's capital_cost_per_year);
    - miner_bribes_btc: the fee of the thief's bribing sweep, if it confirmed;
    - attacker_hash_rel_seconds / _peak: the censoring pools' hash share x seconds held, and the
      share (the censoring pools are priced as rented hash);
    - eclipse_seconds: how long the victim was eclipsed (time dilation);
    - value_at_risk_btc."""
    missing = [c for c in NEEDED if c not in frame]
    if missing:
        raise KeyError(f"lightning results lack the column(s) {', '.join(missing)} (rerun with this l2sim)")
    out = frame.copy()
    col = lambda name: np.nan_to_num(out[name].to_numpy(float), nan=0.0)  # noqa: E731
    out["layer2__design"] = "lightning"
    out["layer2__attack"] = attack_name(frame)
    out["fees_paid_sat"] = col("attacker_fees_sat") - col("bribe_paid_sat") + col("adversary_funding_fees_sat")
    out["capital_btc_seconds"] = col("adversary_capital_btc_s")
    out["miner_bribes_btc"] = col("bribe_paid_sat") * 1e-8
    out["attacker_hash_rel_seconds"] = col("censor_hash_share_s")
    out["attacker_hash_rel_peak"] = col("censor_hash_share")
    out["eclipse_seconds"] = col("eclipse_s")
    out["value_at_risk_btc"] = col("value_at_risk_sat") * 1e-8
    return out


def label(row):
    """Design and attack names for the table."""
    g = row.get
    design = f"lightning ({g('channel__implementation', '?')})"
    return design, g("layer2__attack")


def pool_shares(params):
    """The world's template-controlling entities' shares (normalised) from a file's effective
    parameters (nested dicts)."""
    shares = np.asarray(params["world"]["pools"]["shares"], float)
    return shares / shares.sum()


def bribe_threshold_btc(params, runs):
    """f / lambda_min for a timelocked-bribery family of the `lightning` model: f is the fee of the
    tower's justice transaction as it confirmed in the family's runs (median over the runs where it
    confirmed), lambda_min the smallest pool's share (world.pools.shares, world.pools.bribe_rule
    myopic: Nadahalli, Khabbazian and Wattenhofer 2021). None without such runs."""
    fees = runs.loc[(runs["attack_success"] == 0) & (runs["victim_fees_sat"] > 0), "victim_fees_sat"]
    if fees.empty:
        return None
    return float(np.median(fees)) * 1e-8 / float(pool_shares(params).min())
