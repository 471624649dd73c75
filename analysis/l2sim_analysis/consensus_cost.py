"""Prices an attack on a chain's consensus from stated assumptions, so a reader can recompute
public claims ("attacking Bitcoin needs 370 EH/s and costs over $200B") and see which inputs each
must have assumed. Pure arithmetic on explicit inputs; no simulation (the simulated attack costs
are analysis/inherited_cost.py's job).

Proof of work (Budish 2018, "The economic limits of bitcoin and the blockchain"): the attacker
needs a share q of the hash while attacking. New hash JOINS the network (the honest hash H keeps
mining): it needs H q / (1 - q). Hash TAKEN from the network (bought or bribed from existing
miners): q H. Stock: buy that hash (hardware $/TH, facilities $/W) and run it for the attack
(J/TH at $/kWh); flow: rent it for the attack at the rental price, as far as the market's depth
allows, buying the rest.
Proof of stake (Casper FFG, Buterin and Griffith 2017: safety fails with 1/3 of the stake
double-signing, a 2/3 majority finalises anything): the attacker needs a share t of the stake, by
adding new stake (S t / (1 - t)) or taking existing stake (t S); slashing burns slash_fraction of
the stake that double-signs (Ethereum: up to all of it through the correlation penalty)."""
import math
import pathlib
import re
import tomllib
from dataclasses import dataclass

J_PER_KWH = 3.6e6
TH_PER_EH = 1e6

# key: (lower bound, upper bound or None, unit, help); every key required.
POW_KEYS = {
    "network_hashrate_ehs": (0.0, None, "EH/s", "honest network hashrate before the attack"),
    "attacker_share": (0.0, 1.0, "1", "share of the hash the attacker needs while attacking (0.5: a majority)"),
    "hardware_usd_per_ths": (0.0, None, "USD/(TH/s)", "price of mining hardware"),
    "facility_usd_per_w": (0.0, None, "USD/W", "data centre and power build-out per watt of miners"),
    "efficiency_j_per_th": (0.0, None, "J/TH", "energy per terahash of the hardware"),
    "energy_usd_per_kwh": (0.0, None, "USD/kWh", "electricity price"),
    "attack_hours": (0.0, None, "h", "how long the attacker mines"),
    "rental_usd_per_ph_day": (0.0, None, "USD/(PH/s day)", "hash rental price"),
    "rental_depth_ehs": (0.0, None, "EH/s", "hash the rental market can supply at once"),
    "resale_fraction": (0.0, 1.0, "1", "share of the hardware price recovered by resale after the attack"),
}
POW_TEXT = {"source": "where the inputs come from", "hash_source": "join (new hash) or take (existing hash)"}
POS_KEYS = {
    "staked_tokens": (0.0, None, "tokens", "stake securing the chain before the attack"),
    "token_usd": (0.0, None, "USD", "price of one staked token"),
    "slash_fraction": (0.0, 1.0, "1", "share of the double-signing stake that slashing burns"),
}
POS_TEXT = {"source": "where the inputs come from", "stake_source": "join (new stake) or take (existing stake)"}
CLAIM_KEYS = {"claim_usd": (0.0, None, "USD", "the public claim's total, to find the input it implies")}


class ConsensusInputError(ValueError):
    """Bad input; the message names file, line and key."""


@dataclass(frozen=True)
class PowAttack:
    name: str
    network_hashrate_ehs: float
    attacker_share: float
    hardware_usd_per_ths: float
    facility_usd_per_w: float
    efficiency_j_per_th: float
    energy_usd_per_kwh: float
    attack_hours: float
    rental_usd_per_ph_day: float
    rental_depth_ehs: float
    resale_fraction: float
    hash_source: str = "join"
    source: str = ""
    claim_usd: float = math.nan


@dataclass(frozen=True)
class PosAttack:
    name: str
    staked_tokens: float
    token_usd: float
    slash_fraction: float
    stake_source: str = "take"
    source: str = ""
    claim_usd: float = math.nan


def attacker_hash_ehs(a):
    """Hash the attacker must field: q/(1-q) of the honest hash if it joins, q of it if taken."""
    q, h = a.attacker_share, a.network_hashrate_ehs
    return h * q / (1.0 - q) if a.hash_source == "join" else h * q


def energy_usd(ehs, a):
    """Electricity for `ehs` over the attack: TH/s x J/TH = W, x hours = Wh."""
    watts = ehs * TH_PER_EH * a.efficiency_j_per_th
    return watts * a.attack_hours / 1000.0 * a.energy_usd_per_kwh


def buy_usd(ehs, a):
    """Buying `ehs` of hardware and its facilities, net of what resale recovers of the hardware."""
    hardware = ehs * TH_PER_EH * a.hardware_usd_per_ths
    facility = ehs * TH_PER_EH * a.efficiency_j_per_th * a.facility_usd_per_w
    return hardware * (1.0 - a.resale_fraction) + facility


def price_pow(a):
    """Stock (buy everything) and flow (rent up to the market's depth, buy the rest) costs."""
    need = attacker_hash_ehs(a)
    stock = buy_usd(need, a) + energy_usd(need, a)
    rented = min(need, a.rental_depth_ehs)
    rent = rented * 1000.0 * a.rental_usd_per_ph_day * a.attack_hours / 24.0
    bought = need - rented
    flow = rent + buy_usd(bought, a) + energy_usd(bought, a)
    out = {"name": a.name, "attacker_hash_ehs": need, "hardware_usd": need * TH_PER_EH * a.hardware_usd_per_ths,
           "energy_usd": energy_usd(need, a), "stock_usd": stock, "rented_ehs": rented, "flow_usd": flow,
           "rental_feasible": need <= a.rental_depth_ehs}
    if not math.isnan(a.claim_usd):  # the hardware price that makes the stock cost equal the claim
        per_ths = need * TH_PER_EH * (1.0 - a.resale_fraction)
        rest = stock - need * TH_PER_EH * a.hardware_usd_per_ths * (1.0 - a.resale_fraction)
        out["implied_hardware_usd_per_ths"] = (a.claim_usd - rest) / per_ths if per_ths > 0 else math.nan
    return out


def stake_needed(a, threshold):
    s = a.staked_tokens
    return s * threshold / (1.0 - threshold) if a.stake_source == "join" else s * threshold


def price_pos(a):
    """The stake for a third (safety: double finality, slashed) and two thirds (finalise anything)."""
    out = {"name": a.name}
    for label, t in (("third", 1.0 / 3.0), ("two_thirds", 2.0 / 3.0)):
        tokens = stake_needed(a, t)
        out[f"{label}_tokens"] = tokens
        out[f"{label}_usd"] = tokens * a.token_usd
    out["third_slashed_usd"] = out["third_tokens"] * a.slash_fraction * a.token_usd
    if not math.isnan(a.claim_usd):
        out["implied_token_usd_third"] = a.claim_usd / out["third_tokens"]
        out["implied_token_usd_two_thirds"] = a.claim_usd / out["two_thirds_tokens"]
    return out


def _line_of(text, name, key):
    """Line of `key` inside the [[...]] entry called `name` (1 if not found)."""
    lines = text.splitlines()
    start = next((i for i, l in enumerate(lines) if re.match(rf'\s*name\s*=\s*"{re.escape(name)}"', l)), 0)
    for i in range(start, len(lines)):
        if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]):
            return i + 1
    return start + 1


def _entry(path, text, kind, raw, numeric, textual, cls):
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise ConsensusInputError(f"{path}:1:1: error: key '{kind}.name': every [[{kind}]] entry needs a name")
    allowed = set(numeric) | set(textual) | set(CLAIM_KEYS) | {"name"}
    values = {"name": name}
    for key, v in raw.items():
        line = _line_of(text, name, key)
        if key not in allowed:
            raise ConsensusInputError(f"{path}:{line}:1: error: key '{kind}.{key}': unknown key in '{name}'")
        if key in textual:
            if not isinstance(v, str):
                raise ConsensusInputError(f"{path}:{line}:1: error: key '{kind}.{key}': expected a string")
            if key.endswith("_source") and v not in ("join", "take"):
                raise ConsensusInputError(f"{path}:{line}:1: error: key '{kind}.{key}': '{v}' must be join or take")
            values[key] = v
        elif key != "name":
            lo, hi, unit, _ = {**numeric, **CLAIM_KEYS}[key]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise ConsensusInputError(f"{path}:{line}:1: error: key '{kind}.{key}': expected a number ({unit})")
            if v < lo or (hi is not None and (v > hi or (key == "attacker_share" and v >= 1.0))):
                bound = f"[{lo}, {hi})" if key == "attacker_share" else f"[{lo}, {hi if hi is not None else 'inf'}]"
                raise ConsensusInputError(f"{path}:{line}:1: error: key '{kind}.{key}': {v} is out of range {bound} ({unit})")
            values[key] = float(v)
    for key, (_, _, unit, _) in numeric.items():
        if key not in values:
            raise ConsensusInputError(f"{path}:{_line_of(text, name, 'name')}:1: error: key '{kind}.{key}': "
                                      f"missing in '{name}' ({unit})")
    return cls(**values)


def load_inputs(path):
    """Reads [[pow]] and [[pos]] entries; raises ConsensusInputError naming file, line and key."""
    path = pathlib.Path(path)
    try:
        text = path.read_text()
    except OSError as e:
        raise ConsensusInputError(f"{path}:0:0: error: cannot read inputs ({e.strerror})") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConsensusInputError(f"{path}: error: {e}") from None
    for key in doc:
        if key not in ("pow", "pos"):
            line = next((i + 1 for i, l in enumerate(text.splitlines()) if key in l), 1)
            raise ConsensusInputError(f"{path}:{line}:1: error: key '{key}': unknown table (use [[pow]] or [[pos]])")
    pow_ = [_entry(path, text, "pow", e, POW_KEYS, POW_TEXT, PowAttack) for e in doc.get("pow", [])]
    pos = [_entry(path, text, "pos", e, POS_KEYS, POS_TEXT, PosAttack) for e in doc.get("pos", [])]
    return pow_, pos
