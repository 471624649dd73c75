"""analysis/design_plans.py: the cost quantile and its order-statistic interval, and the cheapest
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


def test_miner_bribes_are_paid_in_bitcoins_resources():
    # 2 BTC of hash (1 network-hash x 345.6 s) + 0.5 BTC of fees + 1.5 BTC of bribes = 4 BTC,
    # all inherited; a file without the bribe column prices hash and fees only.
    cols = {"p__hash_share_s": np.array([345.6]), "p__block_space_sat": np.array([0.5e8]),
            "p__miner_bribes_sat": np.array([1.5e8])}
    btc_per_hash_s = 1000.0 * 50000.0 / 86400.0 / 100000.0
    assert math.isclose(design_plans.bitcoin_paid_btc(cols, "p", btc_per_hash_s)[0], 4.0)
    del cols["p__miner_bribes_sat"]
    assert math.isclose(design_plans.bitcoin_paid_btc(cols, "p", btc_per_hash_s)[0], 2.5)
    n = 4
    full = {"b__success": np.ones(n), "b__keys_btc": np.full(n, 1.0), "b__bonds_slashed_btc": np.zeros(n),
            "b__hash_share_s": np.zeros(n), "b__block_space_sat": np.zeros(n),
            "b__miner_bribes_sat": np.full(n, 3e8), "b__loot_btc": np.full(n, 10.0)}
    row = design_plans.plan_report(full, {}, Econ, 0.5)[0]
    assert row["cost_btc"] == 4.0 and math.isclose(row["inherited_share"], 0.75)
