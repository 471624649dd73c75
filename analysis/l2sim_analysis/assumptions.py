"""Assumptions that drive a result, read from the results files' stored effective parameters,
for the table's footnotes; and the closed-form thresholds reported beside simulated budgets.

Timelocked bribery (Nadahalli, Khabbazian and Wattenhofer 2021): a miner takes the bribe b
instead of the victim's fee f only if its share lambda of the hash makes lambda * b > f; the
attack succeeds surely once every pool takes it, at b = f / lambda_min (lambda_min the smallest
pool's share). The `lightning` model's pools apply it to the thief's bribing sweep in the
transaction-level world (world.pools.bribe_rule = myopic); the threshold is its closed-form edge."""
import re
import tomllib

from .lightning import bribe_threshold_btc as lightning_bribe_threshold
from .lightning import pool_shares


def effective(meta):
    """The file's effective parameters as nested dicts (from the stored dotted TOML)."""
    return tomllib.loads(meta["effective_parameters"])


SHARES_KEY = "world.pools.shares"


def smallest_share(params):
    """The smallest template-controlling entity's share of the `lightning` model's
    world.pools.shares, and how many there are."""
    shares = pool_shares(params)
    return float(shares.min()), len(shares)


BRIBERY = {("lightning", "bribery")}


def bribe_threshold_btc(params, run, runs=None):
    """f / lambda_min for a timelocked-bribery family (None for others); `runs` are the family's
    runs (the justice fee is read from those in which the justice confirmed)."""
    design, attack = run.get("layer2__design"), run.get("layer2__attack")
    if (design, attack) not in BRIBERY or runs is None:
        return None
    return lightning_bribe_threshold(params, runs)


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
    model = meta.get("model", "lightning")
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
            key = SHARES_KEY
            text = (f"Timelocked bribery succeeds surely once the smallest of the {pools} template-controlling "
                    f"miners ({key}) prefers the bribe to the victim's fee: the cheapest bribe is fee / "
                    f"smallest share, with smallest share = {lam:.4g} here; shares: {_source_of(meta, key)}.")
        if text is None:
            markers.append("")
            continue
        marker = next((m for m, t in notes.items() if t == text), None)
        if marker is None:
            marker = f"[{len(notes) + 1}]"
            notes[marker] = text
        markers.append(marker)
    return notes, markers
