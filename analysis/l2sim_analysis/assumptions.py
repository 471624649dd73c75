"""Assumptions that drive a result, read from the results files' stored effective parameters,
for the table's footnotes; and the closed-form thresholds reported beside simulated budgets.

Timelocked bribery (Nadahalli, Khabbazian and Wattenhofer 2021): a miner takes the bribe b
instead of the victim's fee f only if its share lambda of the hash makes lambda * b > f; the
attack succeeds surely once every pool takes it, at b = f / lambda_min (lambda_min the smallest
pool's share). The layer2 model (models/layer2/primitives.cpp timelocked_bribe) draws the miner
of each block and applies that rule per block; the `lightning` model's pools apply it to the
thief's bribing sweep in the transaction-level world (world.pools.bribe_rule = myopic). The
threshold is the closed-form edge of both."""
import re
import tomllib

from .lightning import bribe_threshold_btc as lightning_bribe_threshold
from .lightning import pool_shares


def effective(meta):
    """The file's effective parameters as nested dicts (from the stored dotted TOML)."""
    return tomllib.loads(meta["effective_parameters"])


SHARES_KEY = "miners.template_shares"


def smallest_share(params):
    """The smallest template-controlling entity's share, and how many there are: the layer2
    model's miners.template_shares, or the `lightning` model's world.pools.shares."""
    if "miners" not in params:
        shares = pool_shares(params)
        return float(shares.min()), len(shares)
    shares = params["miners"]["template_shares"]
    return min(shares) / sum(shares), len(shares)


def censored_fee_btc(params):
    """The fee a BitVM2 challenge pays (what a bribe must beat), as the layer2 model computes it
    (models/layer2/timelock_designs/bitvm2.cpp censor_challenges)."""
    market = params["market"]
    b = params["bitvm2"]
    # The clementine preset fixes its collateral at 0.99 BTC (bitvm2.cpp bitvm2_windows).
    collateral = 0.99 if b["preset"] == "clementine" else b["collateral_btc"]
    if b["challengers_bump"]:
        return collateral
    return market["fixed_fee_rate_sat_vb"] * b["challenge_vbytes"] * 1e-8


BRIBERY = {("lightning", "bribery"), ("bitvm2", "censor_bribery")}


def bribe_threshold_btc(params, run, runs=None):
    """f / lambda_min for a timelocked-bribery family (None for others). `run` holds the family's
    swept values, which override the file's effective parameters; `runs` are the family's runs
    (the `lightning` model's justice fee is read from those in which the justice confirmed)."""
    design, attack = run.get("layer2__design"), run.get("layer2__attack")
    if (design, attack) not in BRIBERY:
        return None
    if design == "lightning":
        return lightning_bribe_threshold(params, runs) if runs is not None else None
    merged = {s: dict(v) for s, v in params.items() if isinstance(v, dict)}
    for k, v in run.items():
        if "__" in str(k):
            section, key = k.split("__", 1)
            if section in merged and key in merged[section]:
                merged[section][key] = v
    lam, _ = smallest_share(merged)
    return censored_fee_btc(merged) / lam


def _source_of(meta, dotted):
    """Where a parameter's value comes from: the scenario line that sets it (with its comment),
    or the model's default."""
    section, key = dotted.rsplit(".", 1)
    current = None
    for line in str(meta.get("scenario_text", "")).splitlines():
        m = re.match(r"\s*\[([^\]]+)\]", line)
        if m:
            current = m.group(1)
            continue
        if current == section and re.match(rf"\s*{re.escape(key)}\s*=", line):
            comment = line.split("#", 1)[1].strip() if "#" in line else "no source given"
            return f"set in {meta.get('scenario_file', 'the scenario')} ({comment})"
    model = meta.get("model", "layer2")
    return f"the model's default (l2sim describe {model} lists it; models/ declares it with its source)"


def footnotes(table, metas):
    """Footnote texts keyed by marker, and the marker of each table row (\"\" if none)."""
    notes, markers = {}, []
    for _, row in table.iterrows():
        meta = metas[int(row["_file"])]
        params = effective(meta)
        design, attack, key = row["_design_key"], row["_attack_key"], row["budget_key"]
        text = None
        if (design, attack) in BRIBERY:
            lam, pools = smallest_share(params)
            key = SHARES_KEY if "miners" in params else "world.pools.shares"
            text = (f"Timelocked bribery succeeds surely once the smallest of the {pools} template-controlling "
                    f"miners ({key}) prefers the bribe to the victim's fee: the cheapest bribe is fee / "
                    f"smallest share, with smallest share = {lam:.4g} here; shares: {_source_of(meta, key)}.")
        elif key == "attack.bribe_per_signer_btc":
            peg = params["peg"]
            text = (f"Key attacks: each keyholder's price is lognormal with median peg.signer_cost_median_btc = "
                    f"{peg['signer_cost_median_btc']:g} BTC (sigma {peg['signer_cost_sigma']:g}, spread "
                    f"{peg['signer_cost_spread']:g}); the median: {_source_of(meta, 'peg.signer_cost_median_btc')}.")
        if text is None:
            markers.append("")
            continue
        marker = next((m for m, t in notes.items() if t == text), None)
        if marker is None:
            marker = f"[{len(notes) + 1}]"
            notes[marker] = text
        markers.append(marker)
    return notes, markers
