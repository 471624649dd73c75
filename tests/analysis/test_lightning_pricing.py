"""The `lightning` model's results priced by name (l2sim_analysis/lightning.py): which attack a
file plays is read from the adversary primitives with a budget, and every priced quantity comes
from the model's own outcome column, in physical units, dollars only from the economics file."""
import subprocess

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, l2sim_binary
from l2sim_analysis import lightning
from l2sim_analysis.economics import SECONDS_PER_YEAR, load_economics, price
from l2sim_analysis.inheritance import point_rows
from l2sim_analysis.load import load_frame


def runs(**cols):
    base = {"attack_success": [1, 0], "attacker_fees_sat": [50_000.0, 0.0], "bribe_paid_sat": [40_000.0, 0.0],
            "censor_hash_share": [0.0, 0.0], "censor_hash_share_s": [0.0, 0.0], "eclipse_s": [0.0, 0.0],
            "value_at_risk_sat": [1e7, 1e7], "adversary_funding_fees_sat": [0.0, 0.0],
            "adversary_capital_btc_s": [0.0, 0.0], "channel__contested": ["revoked_state"] * 2,
            "channel__implementation": ["cln"] * 2}
    base.update(cols)
    return pd.DataFrame(base)


@pytest.mark.parametrize("cols, name", [
    ({"adversary__thief__bribe_btc": [0.0, 1.0]}, "bribery"),
    ({"adversary__censor__hash_share": [0.5, 1.0], "adversary__censor__strategy": ["withhold"] * 2},
     "censorship (withhold)"),
    # the study's fork variants (scenarios/lightning/revoked_censorship_*.toml): each its own row
    ({"adversary__censor__hash_share": [0.3, 0.9], "adversary__censor__strategy": ["feather_fork"] * 2},
     "censorship (feather_fork)"),
    ({"adversary__censor__hash_share": [0.4, 0.7], "adversary__censor__strategy": ["private_race"] * 2},
     "censorship (private_race)"),
    ({"adversary__congest__fee_rate_sat_vb": [11.0, 11.0]}, "congestion (justice)"),
    ({"adversary__pin__child_vbytes": [0, 101000], "channel__contested": ["htlc"] * 2}, "pinning"),
    ({"adversary__cycle__budget_sat": [3e4, 3e5], "channel__contested": ["htlc"] * 2}, "replacement_cycling"),
    ({"adversary__dilation__dilation_s_per_block": [60.0, 600.0]}, "time_dilation"),
    ({"channel__channels": [50, 200], "channel__contested": ["htlc"] * 2}, "flood_and_loot"),
])
def test_attack_named_after_the_primitive_with_a_budget(cols, name):
    # A zero budget in some runs (no pin) is the same family: the name is read over the file.
    assert lightning.attack_name(runs(**cols)) == name


def test_priced_quantities_come_from_the_models_columns():
    f = lightning.adapt(runs(adversary__thief__bribe_btc=[0.0, 1.0], censor_hash_share=[0.6, 0.6],
                             censor_hash_share_s=[0.6 * 3600.0, 0.6 * 1800.0], eclipse_s=[7200.0, 0.0]))
    assert list(f["layer2__design"]) == ["lightning"] * 2
    # The bribe is the thief's sweep fee: priced apart (external), not twice.
    assert list(f["fees_paid_sat"]) == [10_000.0, 0.0]
    assert list(f["miner_bribes_btc"]) == [0.0004, 0.0]
    assert list(f["attacker_hash_rel_seconds"]) == [2160.0, 1080.0]
    econ = load_economics(ROOT / "scenarios/economics/default.toml")
    priced = price(f, econ)
    # 0.6 of 1,000 EH/s for one hour at USD 50,000 per EH/s-day x 1.25 markup.
    assert priced["rent_usd"].iloc[0] == pytest.approx(2160.0 * 1000.0 * 50000.0 * 1.25 / 86400.0)
    assert priced["fees_usd"].iloc[0] == pytest.approx(10_000e-8 * 100000.0)
    # 0.0004 BTC of bribe, plus two hours of eclipse at USD 5 per hour.
    assert priced["external_usd"].iloc[0] == pytest.approx(0.0004 * 100000.0 + 2 * 5.0)
    assert priced["value_at_risk_btc"].iloc[0] == pytest.approx(0.1)


def test_a_file_without_the_priced_columns_is_refused():
    with pytest.raises(KeyError, match="eclipse_s"):
        lightning.adapt(runs().drop(columns=["eclipse_s"]))


def test_bribe_threshold_reads_the_confirmed_justice_fee():
    r = runs(attack_success=[0, 0, 1], attacker_fees_sat=[0.0] * 3, bribe_paid_sat=[0.0] * 3,
             censor_hash_share=[0.0] * 3, censor_hash_share_s=[0.0] * 3, eclipse_s=[0.0] * 3,
             value_at_risk_sat=[1e7] * 3, adversary_funding_fees_sat=[0.0] * 3, adversary_capital_btc_s=[0.0] * 3,
             channel__contested=["revoked_state"] * 3,
             channel__implementation=["cln"] * 3, victim_fees_sat=[1330.0, 1330.0, 0.0])
    params = {"world": {"pools": {"shares": [5.0, 3.0, 2.0]}}}
    assert lightning.bribe_threshold_btc(params, r) == pytest.approx(1330e-8 / 0.2)
    assert lightning.bribe_threshold_btc(params, r[r["attack_success"] == 1]) is None
    assert np.isclose(lightning.pool_shares(params).sum(), 1.0)


def test_channel_capital_is_priced_at_its_forgone_yield():
    # 10 BTC locked for a quarter of a year at 2.5% a year forgoes 0.0625 BTC; the funding fees
    # are Bitcoin-paid fees beside the adversary's other confirmed fees.
    f = lightning.adapt(runs(adversary_funding_fees_sat=[33_000.0, 33_000.0],
                             adversary_capital_btc_s=[10.0 * SECONDS_PER_YEAR / 4, 0.0]))
    assert list(f["fees_paid_sat"]) == [43_000.0, 33_000.0]
    econ = load_economics(ROOT / "scenarios/economics/default.toml")
    priced = price(f, econ)
    assert econ.capital_cost_per_year == 0.025
    assert priced["capital_usd"].iloc[0] == pytest.approx(10.0 / 4 * 0.025 * 100000.0)
    assert priced["external_usd"].iloc[0] == pytest.approx(0.0004 * 100000.0 + 10.0 / 4 * 0.025 * 100000.0)
    assert priced["capital_usd"].iloc[1] == 0.0


def test_flood_and_loot_cost_per_success_by_hand(tmp_path):
    """The study's Flood & Loot at 400 channels, run by l2sim, priced by the estimator's own path
    (lightning.adapt, economics.price, inheritance.point_rows) and recomputed here by hand from the
    physical columns: per run, the funding fees and the capital x time at the default prices, the
    adversary's other confirmed fees (none: it only floods), over the success rate. Independent of
    the pricer's code: only the column names and the economics file's numbers are shared."""
    out = tmp_path / "fl.h5"
    subprocess.run([l2sim_binary(), "run", str(ROOT / "scenarios/lightning/flood_and_loot.toml"), "-o", str(out),
                    "--progress", "none", "--set", "channel.channels=400", "--set", "experiment.runs=4"],
                   check=True, capture_output=True)
    frame = load_frame(out)
    assert (frame["adversary_channels_opened"] == 400).all()
    assert (frame["adversary_funding_vbytes"] == 400 * 165).all()
    assert (frame["adversary_htlcs_routed_sat"] == 400 * 30 * 0.001e8).all()
    econ = load_economics(ROOT / "scenarios/economics/default.toml")
    priced = price(lightning.adapt(frame), econ)
    flow = next(r for r in point_rows(priced, econ, 0.95) if r["pricing"] == "flow")
    btc_usd, rate = 100000.0, 0.025                      # scenarios/economics/default.toml
    per_run = (frame["adversary_funding_fees_sat"] + frame["attacker_fees_sat"]) * 1e-8 * btc_usd \
        + frame["adversary_capital_btc_s"] / (365.25 * 86400) * rate * btc_usd
    success = frame["attack_success"].mean()
    assert success > 0
    assert flow["cost_usd"] == pytest.approx(per_run.mean() / success, rel=1e-9)
    # 400 openings of 165 vB at 5 sat/vB are 0.0033 BTC: the capital adds at least its 400 x
    # 0.035 BTC over the dispute's 6 blocks (about an hour) at 2.5% a year.
    assert flow["cost_usd"] >= 0.0033 * btc_usd
