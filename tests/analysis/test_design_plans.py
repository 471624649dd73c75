"""analysis/design_plans.py and l2sim_analysis/plan_pricing.py: the cost quantile and its order-statistic interval, and the cheapest
plan and max safe value it derives, on hand-made columns whose answers are worked out here."""
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "analysis"))
import numpy as np  # noqa: E402

import design_plans  # noqa: E402


class Econ:
    btc_usd = 100000.0
    network_hashrate_ehs = 1000.0
    hash_rental_usd_per_ehs_day = 50000.0
    rental_markup = 1.0
    rental_cap_ehs = 100.0
    hardware_usd_per_ths = 10.0
    hardware_resale_haircut = 0.5
    hardware_j_per_th = 20.0
    energy_usd_per_kwh = 0.05
    price_drop_on_attack = 0.1


def test_quantile_is_an_order_statistic_and_losses_are_infinite():
    costs = np.array([5.0, 1.0, 3.0, np.inf, 2.0, 4.0, 6.0, 7.0, 8.0, 9.0])
    q, lo, hi = design_plans.quantile_with_ci(costs, 0.5, z=0.0)
    assert q == 5.0 and lo == 5.0 and hi == 5.0  # 5th of 10 sorted values
    q90, _, hi90 = design_plans.quantile_with_ci(costs, 0.9, z=3.29)
    assert q90 == 9.0 and hi90 == math.inf


def test_cheapest_plan_and_max_safe_value():
    n = 10
    cols = {
        "out__a__success": np.ones(n), "out__a__keys_btc": np.full(n, 30.0),
        "out__a__bonds_slashed_btc": np.zeros(n), "out__a__hash_share_s": np.zeros(n),
        "out__a__block_space_sat": np.full(n, 1e8), "out__a__loot_btc": np.full(n, 100.0),
        "deposit__r__success": np.ones(n), "deposit__r__keys_btc": np.zeros(n),
        "deposit__r__bonds_slashed_btc": np.zeros(n),
        # 1 network-hash x 864 s = 0.01 day x 1000 EH/s x $50,000 / $100,000 = 5 BTC
        "deposit__r__hash_share_s": np.full(n, 864.0), "deposit__r__block_space_sat": np.zeros(n),
        "deposit__r__loot_btc": np.full(n, 10.0),
    }
    rows = design_plans.plan_report(cols, {}, Econ, 0.5)
    s = design_plans.summary(rows)
    assert s["cheapest_plan"] == "deposit__r"
    assert math.isclose(s["cheapest_cost_btc"], 5.0)
    assert math.isclose(s["cheapest_inherited_share"], 1.0)
    assert math.isclose(s["max_safe_value_btc"], 31.0)  # 30 BTC of keys + 1 BTC of fees
    a = next(r for r in rows if r["plan"] == "out__a")
    assert math.isclose(a["inherited_share"], 1.0 / 31.0)


def test_stock_and_feasible_views_of_a_hash_plan():
    """A plan that holds half the network's hash for 1,000 s in every run: flow rents 500
    network-hash-seconds; stock buys 500 EH/s once (at the haircut) and pays its energy; feasible
    rents the 100 EH/s cap and buys the other 400 EH/s. Worked out here from the prices."""
    from l2sim_analysis import plan_pricing
    n = 10
    cols = {"p__success": np.ones(n), "p__keys_btc": np.zeros(n), "p__bonds_slashed_btc": np.zeros(n),
            "p__hash_share_s": np.full(n, 500.0), "p__duration_s": np.full(n, 1000.0),
            "p__block_space_sat": np.zeros(n), "p__loot_btc": np.full(n, 10.0)}
    rows = {r["pricing"]: r for r in plan_pricing.plan_rows(cols, {}, Econ, 0.5, 0.95)}
    rent = 500.0 * 1000.0 * 50000.0 / 86400.0 / 1e5                  # BTC
    energy = 500.0 * 1000.0 * 1e6 * 20.0 / 3.6e6 * 0.05 / 1e5         # BTC
    hardware = 0.5 * 1000.0 * 1e6 * 10.0 * 0.5 / 1e5                  # BTC, charged once
    assert math.isclose(rows["flow"]["cost_btc"], rent)
    assert math.isclose(rows["stock"]["cost_btc"], hardware + energy)
    f = 100.0 / 500.0
    assert math.isclose(rows["feasible"]["cost_btc"], f * rent + (1 - f) * (energy + hardware))
    assert rows["feasible"]["hash_plan"] == "mixed" and rows["flow"]["inherited_share"] == 1.0


def test_z_of_a_confidence_level():
    from l2sim_analysis import plan_pricing
    assert math.isclose(plan_pricing.z_of(0.95), 1.959964, rel_tol=1e-5)
    assert math.isclose(plan_pricing.z_of(0.999), 3.290527, rel_tol=1e-5)


def test_miner_bribes_are_paid_in_bitcoins_resources():
    """Timelocked bribes that pools collected (`miner_bribes_sat`) are Bitcoin-paid, beside fees;
    a file without the column prices as before."""
    from l2sim_analysis import plan_pricing
    n = 4
    cols = {"p__success": np.ones(n), "p__keys_btc": np.full(n, 1.0), "p__bonds_slashed_btc": np.zeros(n),
            "p__hash_share_s": np.zeros(n), "p__duration_s": np.full(n, 100.0),
            "p__block_space_sat": np.full(n, 1e7), "p__loot_btc": np.full(n, 10.0)}
    before = {r["pricing"]: r for r in plan_pricing.plan_rows(cols, {}, Econ, 0.5, 0.95)}["flow"]
    assert math.isclose(before["cost_btc"], 1.1)
    cols["p__miner_bribes_sat"] = np.full(n, 2e8)
    after = {r["pricing"]: r for r in plan_pricing.plan_rows(cols, {}, Econ, 0.5, 0.95)}["flow"]
    assert math.isclose(after["cost_btc"], 3.1) and math.isclose(after["inherited_share"], 2.1 / 3.1)


def test_a_cartels_own_hash_is_priced_by_its_hardware_loss_not_as_rent():
    """Pools that already hold 60% of the hash vote or race for 2,000 s (`owned_hash_share_s`):
    they pay no rent and, their blocks staying in the chain, forgo no rewards; they lose
    price_drop_on_attack of the hardware of their share, once, in every view. Worked out here:
    0.1 x 0.6 x 1000 EH/s x 10^6 TH/EH x $10/TH = $600M = 6,000 BTC, plus 0.5 BTC of fees."""
    from l2sim_analysis import plan_pricing
    n = 10
    cols = {"c__success": np.ones(n), "c__keys_btc": np.zeros(n), "c__bonds_slashed_btc": np.zeros(n),
            "c__hash_share_s": np.zeros(n), "c__owned_hash_share_s": np.full(n, 1200.0),
            "c__duration_s": np.full(n, 2000.0), "c__block_space_sat": np.full(n, 5e7), "c__loot_btc": np.full(n, 1e4)}
    rows = {r["pricing"]: r for r in plan_pricing.plan_rows(cols, {}, Econ, 0.5, 0.95)}
    cartel = 0.1 * 0.6 * 1000.0 * 1e6 * 10.0 / 1e5
    for view in plan_pricing.VIEWS:
        assert math.isclose(rows[view]["cost_btc"], cartel + 0.5), view
        assert rows[view]["hash_plan"] == "owned (cartel)"
        assert math.isclose(rows[view]["inherited_share"], 1.0)
        assert math.isclose(rows[view]["cartel_btc"], cartel)
    assert math.isclose(rows["flow"]["hash_needed_ehs"], 600.0)
    # the same seconds recorded as rented hash would be rent instead: the two are not confused
    cols["c__hash_share_s"], cols["c__owned_hash_share_s"] = cols["c__owned_hash_share_s"], np.zeros(n)
    rented = {r["pricing"]: r for r in plan_pricing.plan_rows(cols, {}, Econ, 0.5, 0.95)}
    assert math.isclose(rented["flow"]["cost_btc"], 1200.0 * 1000.0 * 50000.0 / 86400.0 / 1e5 + 0.5)
    assert rented["flow"]["hash_plan"] == "rented" and math.isnan(rented["flow"]["cartel_btc"])
