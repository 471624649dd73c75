"""The economics model: prices physical results (hash x time, blocks, fees, bribes) in USD after
simulation. Inputs come from an [economics] TOML table, each key declared once below; `price`
returns the per-run parts (rent, energy, rewards earned, fees, external, hardware needed) that
the estimator combines into flow, stock, feasible and cartel costs (see inheritance.py)."""
import math
import pathlib
import re
import tomllib
from dataclasses import dataclass

import numpy as np

# key: (type, lower bound, upper bound, unit, help)
SCHEMA = {
    "btc_usd": (float, 0.0, None, "USD/BTC", "bitcoin price"),
    "network_hashrate_ehs": (float, 0.0, None, "EH/s", "honest network hashrate"),
    "hash_rental_usd_per_ehs_day": (float, 0.0, None, "USD/(EH/s day)", "hash rental price (hashprice)"),
    "rental_markup": (float, 0.0, None, "1", "premium over the rental price"),
    "rental_cap_ehs": (float, 0.0, None, "EH/s", "hash the rental market can supply"),
    "hardware_usd_per_ths": (float, 0.0, None, "USD/(TH/s)", "hardware price for stock pricing"),
    "block_subsidy_btc": (float, 0.0, None, "BTC", "block subsidy"),
    "fee_btc_per_block": (float, 0.0, None, "BTC", "fees per block"),
    "attacker_keeps_rewards": (bool, None, None, "-", "flow cost nets rewards the rented hash earns"),
    "eclipse_usd_per_hour": (float, 0.0, None, "USD/h", "running the Sybil nodes that eclipse a victim"),
    "hardware_resale_haircut": (float, 0.0, 1.0, "1", "share of the hardware price lost on resale after the attack"),
    "energy_usd_per_kwh": (float, 0.0, None, "USD/kWh", "electricity price for bought hardware"),
    "hardware_j_per_th": (float, 0.0, None, "J/TH", "energy per terahash of bought hardware"),
    "price_drop_on_attack": (float, 0.0, 1.0, "1", "fall of the BTC price (and of mining hardware) after an attack"),
    "capital_cost_per_year": (float, 0.0, 1.0, "1/year", "opportunity cost of capital locked in channels (yield forgone)"),
}


class EconomicsError(ValueError):
    """Bad economics input; the message names file, line and key."""


@dataclass(frozen=True)
class Economics:
    btc_usd: float
    network_hashrate_ehs: float
    hash_rental_usd_per_ehs_day: float
    rental_markup: float
    rental_cap_ehs: float
    hardware_usd_per_ths: float
    block_subsidy_btc: float
    fee_btc_per_block: float
    attacker_keeps_rewards: bool
    eclipse_usd_per_hour: float
    hardware_resale_haircut: float
    energy_usd_per_kwh: float
    hardware_j_per_th: float
    price_drop_on_attack: float
    capital_cost_per_year: float


def _line_of(text, key):
    for i, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return i
    return 1


def _column_of(text, line):
    """1-based column of the value on a `key = value` line (where the bad value starts)."""
    row = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    eq = row.find("=")
    return eq + 2 + len(row[eq + 1:]) - len(row[eq + 1:].lstrip()) if eq >= 0 else 1


def _closest(word, candidates):
    import difflib
    m = difflib.get_close_matches(word, candidates, n=1)
    return f"; did you mean 'economics.{m[0]}'?" if m else ""


def load_economics(path):
    """Reads and validates an [economics] table; raises EconomicsError on any problem."""
    path = pathlib.Path(path)
    try:
        text = path.read_text()
    except OSError as e:
        raise EconomicsError(f"{path}:0:0: error: cannot read economics file ({e.strerror})") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise EconomicsError(f"{path}: error: {e}") from None
    table = doc.get("economics")
    if not isinstance(table, dict):
        raise EconomicsError(f"{path}:1:1: error: key 'economics': missing [economics] table")
    for key in doc:
        if key != "economics":
            raise EconomicsError(f"{path}:{_line_of(text, key)}:1: error: key '{key}': unknown table")
    for key in table:
        if key not in SCHEMA:
            raise EconomicsError(f"{path}:{_line_of(text, key)}:1: error: key 'economics.{key}': unknown key"
                                 f"{_closest(key, list(SCHEMA))}")
    values = {}
    for key, (kind, lower, upper, unit, _) in SCHEMA.items():
        if key not in table:
            raise EconomicsError(f"{path}:1:1: error: key 'economics.{key}': missing ({unit})")
        v = table[key]
        line = _line_of(text, key)
        if kind is bool:
            if not isinstance(v, bool):
                raise EconomicsError(f"{path}:{line}:1: error: key 'economics.{key}': expected true or false")
        else:
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise EconomicsError(f"{path}:{line}:1: error: key 'economics.{key}': expected a number ({unit})")
            positive = key in ("btc_usd", "network_hashrate_ehs")
            if v < lower or (positive and v <= 0) or (upper is not None and v > upper):
                bound = "> 0" if positive else f">= {lower:g}" + (f" and <= {upper:g}" if upper is not None else "")
                raise EconomicsError(f"{path}:{line}:{_column_of(text, line)}: error: key 'economics.{key}': "
                                     f"{v} is out of range; must be {bound} ({unit})")
            v = float(v)
        values[key] = v
    return Economics(**values)


def price(frame, econ):
    """Per-run USD parts of an attack (one row per run), from the physical quantities it recorded:
    rent_usd (rented hash x time at the rental price), energy_usd (the same hash x time run on
    bought hardware: hash x seconds x J/TH x $/kWh), earned_usd (block rewards the attacker's hash
    still earned; 0 unless attacker_keeps_rewards), fees_usd, external_usd (bribes, slashed stake,
    eclipse nodes, the opportunity cost of capital locked in channels: capital_usd), hardware_usd (hardware for the peak hash, bought at $/TH), cartel_hardware_usd
    (the hardware a cartel of existing miners owns) and cartel_forgone_usd (rewards its hash would
    have earned mining honestly over the attack but did not)."""
    f = frame
    # A resource a file does not record (an older or other model's file) was not used: zero.
    col = lambda name: np.nan_to_num(f[name].to_numpy(float), nan=0.0) if name in f else np.zeros(len(f))  # noqa: E731
    p, h_ths = econ.btc_usd, econ.network_hashrate_ehs * 1e6  # 1 EH/s = 10^6 TH/s
    reward_usd = (econ.block_subsidy_btc + econ.fee_btc_per_block) * p
    rent_per_ehs_s = econ.hash_rental_usd_per_ehs_day * econ.rental_markup / 86400.0
    usd_per_ths_s = econ.hardware_j_per_th / 3.6e6 * econ.energy_usd_per_kwh  # 1 kWh = 3.6e6 J
    rented_rel_s, owned_rel_s = col("attacker_hash_rel_seconds"), col("owned_hash_rel_seconds")
    earned_blocks = col("attacker_bitcoin_blocks")
    out = f.copy()
    out["rent_usd"] = rented_rel_s * econ.network_hashrate_ehs * rent_per_ehs_s
    out["energy_usd"] = rented_rel_s * h_ths * usd_per_ths_s
    # Only rented (or bought) hash nets its rewards here; a cartel's are in cartel_forgone_usd.
    keeps = econ.attacker_keeps_rewards
    out["earned_usd"] = np.where(rented_rel_s > 0, earned_blocks * reward_usd, 0.0) if keeps else 0.0
    out["fees_usd"] = col("fees_paid_sat") * 1e-8 * p
    # Capital the attacker locks (the Lightning channels it funds to route HTLCs) is returned after
    # the attack; what it costs is the yield it forgoes meanwhile: BTC x seconds x rate per year.
    out["capital_usd"] = col("capital_btc_seconds") / SECONDS_PER_YEAR * econ.capital_cost_per_year * p
    out["external_usd"] = (col("key_bribes_btc") + col("miner_bribes_btc") + col("stake_slashed_btc")) * p \
        + col("eclipse_seconds") / 3600.0 * econ.eclipse_usd_per_hour + out["capital_usd"]
    out["hash_needed_ehs"] = col("attacker_hash_rel_peak") * econ.network_hashrate_ehs
    out["hardware_usd"] = out["hash_needed_ehs"] * 1e6 * econ.hardware_usd_per_ths
    # A cartel's own share of the network (owned hash x seconds / seconds) and what that hash
    # would have earned mining honestly over the attack (one block per 600 s on average).
    duration = col("attack_duration_s")
    share = np.divide(owned_rel_s, duration, out=np.zeros(len(f)), where=duration > 0)
    out["cartel_hardware_usd"] = share * h_ths * econ.hardware_usd_per_ths
    honest_blocks = owned_rel_s / BLOCK_INTERVAL_S
    owned = owned_rel_s > 0
    out["cartel_forgone_usd"] = np.where(owned, np.maximum(honest_blocks - earned_blocks, 0.0) * reward_usd, 0.0)
    return out


# A Julian year (365.25 days), the unit of capital_cost_per_year.
SECONDS_PER_YEAR = 365.25 * 86400.0
# Bitcoin's target block interval (consensus: 2016 blocks per two weeks, src/kernel/chainparams.cpp).
BLOCK_INTERVAL_S = 600.0
