"""The economics model: prices physical results (hash x time, blocks, fees, bribes) in USD after
simulation, in two modes (Budish 2018): flow = rent the hash for the attack, stock = buy the
hardware. Inputs come from an [economics] TOML table, each key declared once below."""
import math
import pathlib
import re
import tomllib
from dataclasses import dataclass

import numpy as np

# key: (type, lower bound, unit, help)
SCHEMA = {
    "btc_usd": (float, 0.0, "USD/BTC", "bitcoin price"),
    "network_hashrate_ehs": (float, 0.0, "EH/s", "honest network hashrate"),
    "hash_rental_usd_per_ehs_day": (float, 0.0, "USD/(EH/s day)", "hash rental price (hashprice)"),
    "rental_markup": (float, 0.0, "1", "premium over the rental price"),
    "rental_cap_ehs": (float, 0.0, "EH/s", "hash the rental market can supply"),
    "hardware_usd_per_ths": (float, 0.0, "USD/(TH/s)", "hardware price for stock pricing"),
    "block_subsidy_btc": (float, 0.0, "BTC", "block subsidy"),
    "fee_btc_per_block": (float, 0.0, "BTC", "fees per block"),
    "attacker_keeps_rewards": (bool, None, "-", "flow cost nets rewards the rented hash earns"),
    "cartel_externality_usd": (float, 0.0, "USD", "a miner cartel's own loss"),
    "eclipse_usd_per_hour": (float, 0.0, "USD/h", "running the Sybil nodes that eclipse a victim"),
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
    cartel_externality_usd: float
    eclipse_usd_per_hour: float


def _line_of(text, key):
    for i, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return i
    return 1


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
    for key, (kind, lower, unit, _) in SCHEMA.items():
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
            if v < lower or (key in ("btc_usd", "network_hashrate_ehs") and v <= 0):
                raise EconomicsError(f"{path}:{line}:1: error: key 'economics.{key}': {v} is out of range; "
                                     f"must be {'> 0' if key in ('btc_usd', 'network_hashrate_ehs') else '>= 0'} ({unit})")
            v = float(v)
        values[key] = v
    return Economics(**values)


def price(frame, econ):
    """Adds USD columns to a results frame (one row per run): flow and stock totals, and the
    Bitcoin-paid (hash, fees) and external (bribes, stake) parts of each."""
    f = frame
    # A resource a file does not record (an older or other model's file) was not used: zero.
    col = lambda name: np.nan_to_num(f[name].to_numpy(float), nan=0.0) if name in f else np.zeros(len(f))  # noqa: E731
    p, h = econ.btc_usd, econ.network_hashrate_ehs
    reward_usd = (econ.block_subsidy_btc + econ.fee_btc_per_block) * p
    rent_per_ehs_s = econ.hash_rental_usd_per_ehs_day * econ.rental_markup / 86400.0
    earned = col("attacker_bitcoin_blocks") * reward_usd if econ.attacker_keeps_rewards else 0.0
    cartel = np.where(col("owned_hash_rel_seconds") > 0, econ.cartel_externality_usd, 0.0)
    flow_hash = col("attacker_hash_rel_seconds") * h * rent_per_ehs_s - earned + cartel
    stock_hash = col("attacker_hash_rel_peak") * h * 1e6 * econ.hardware_usd_per_ths + cartel
    fees = col("fees_paid_sat") * 1e-8 * p
    external = (col("key_bribes_btc") + col("miner_bribes_btc") + col("stake_slashed_btc")) * p \
        + col("eclipse_seconds") / 3600.0 * econ.eclipse_usd_per_hour
    out = f.copy()
    for mode, hash_cost in (("flow", flow_hash), ("stock", stock_hash)):
        out[f"{mode}_bitcoin_usd"] = hash_cost + fees
        out[f"{mode}_external_usd"] = external
        out[f"{mode}_cost_usd"] = hash_cost + fees + external
    out["rental_feasible"] = col("attacker_hash_rel_peak") * h <= econ.rental_cap_ehs
    return out
