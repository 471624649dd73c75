"""The two cartel rows of the headline table recomputed by hand: merged mining's peg-out reorganised
by merge-mining pools with at least half of Bitcoin's hash (`pegout__cartel50`) and drivechain's
BIP300 bundle voted through by pools with 77% of the hash (`escrow__acks77`), both at the default
study's settings, priced with scenarios/economics/default.toml.

The hand side: which pools a cartel is comes from the world's default pool shares (the README's
world table: 0.37, 0.40, 0.10, 0.06, 0.04, 0.02, 0.01) and the planner's rule that it takes whole
pools, largest first, until it holds the share asked; merged mining's pools are the largest until
`merged_share` (0.8 in designs/merged_mining.toml). A cartel pays no rent and keeps its Bitcoin
rewards; it loses price_drop_on_attack of its hardware: share x H x $/TH x 0.13. The simulated side
reads the cartel's owned hash x seconds that the world's runs recorded (accumulated over each run's
own duration) and prices it with analysis/l2sim_analysis/plan_pricing.py: a share recorded wrong,
rented instead of owned, or priced as rent, disagrees. Exact: the cartel's share is constant, so
every run costs the same.
"""
import math

import pytest

from conftest import ROOT, design_run
from l2sim_analysis.economics import load_economics
from l2sim_analysis.load import load_frame
from l2sim_analysis.plan_pricing import plan_rows

POOLS = [0.37, 0.40, 0.10, 0.06, 0.04, 0.02, 0.01]


def largest_first(shares, want):
    """Whole pools, largest first, until they hold `want` of `shares`' total: their indices."""
    total, taken, out = sum(shares), 0.0, []
    for i in sorted(range(len(shares)), key=lambda i: -shares[i]):
        if taken >= want * (1 - 1e-12):
            break
        out.append(i)
        taken += shares[i] / total
    return out


def cartel_cost_usd(share, econ):
    return econ.price_drop_on_attack * share * econ.network_hashrate_ehs * 1e6 * econ.hardware_usd_per_ths


@pytest.mark.parametrize("design, plan, runs", [("merged_mining", "pegout__cartel50", 4),
                                                ("drivechain", "escrow__acks77", 2)])
def test_cartel_row_by_hand(tmp_path, design, plan, runs):
    econ = load_economics(ROOT / "scenarios/economics/default.toml")
    if design == "merged_mining":
        merged = [POOLS[i] for i in largest_first(POOLS, 0.8)]              # 0.40, 0.37, 0.10
        cartel = [merged[i] for i in largest_first(merged, 0.5 / sum(merged))]  # 0.40, 0.37
    else:
        cartel = [POOLS[i] for i in largest_first(POOLS, 0.77)]             # 0.40, 0.37
    share = sum(cartel)
    hand = cartel_cost_usd(share, econ)
    print(f"\n{plan}: cartel pools {cartel}, share {share:.2f}, hardware loss ${hand / 1e9:.4f}B")
    assert math.isclose(share, 0.77)

    frame = load_frame(design_run(design, tmp_path / f"{design}.h5", runs))
    cols = {c: frame[c].to_numpy() for c in frame.columns if "__" in c}
    assert (frame[f"{plan}__hash_share_s"] == 0).all()  # nothing rented
    rows = {r["pricing"]: r for r in plan_rows(cols, {}, econ, 0.5, 0.95) if r["plan"] == plan}
    for view, r in rows.items():
        assert r["hash_plan"] == "owned (cartel)", view
        assert r["success"] == 1.0
        fees_usd = (r["cost_btc"] - r["cartel_btc"]) * econ.btc_usd
        assert 0 <= fees_usd < 1e3  # the adversary's own spends, at most a few hundred dollars
        assert math.isclose(r["cartel_btc"] * econ.btc_usd, hand, rel_tol=1e-9), view
