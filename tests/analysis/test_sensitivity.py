"""The Sobol estimator against the Ishigami function's exact indices; the fee level moving the
attacker's own fees; and the sensitivity's headline cost at the estimator's budgets for design files."""
import numpy as np
import pandas as pd
import pytest

from conftest import estimator
from l2sim_analysis.sensitivity import (INPUTS, NoFeasibleAttack, Points, cost_matrix, defaults, feasible_points,
                                         headline, jansen_indices, sobol)

Z = 3.29  # the project's z (two-sided 0.1%)


def ishigami(M, a=7.0, b=0.1):
    x = -np.pi + 2 * np.pi * M
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_exact(a=7.0, b=0.1):
    """Closed-form variance decomposition (Ishigami and Homma 1990; Saltelli et al. 2008, 4.5)."""
    v1 = 0.5 * (1 + b * np.pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = b ** 2 * np.pi ** 8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


N_ISHIGAMI = 2 ** 14


def test_jansen_matches_ishigami_exact_indices():
    # Independent: the exact indices come from integrating the function analytically, the
    # estimates from sampling it. Tolerance from the sample size: each index's standard error is
    # the bootstrap's (its 95% half-width / 1.96, over the N = 2^14 base rows), widened to
    # z = 3.29; the small floor covers the bootstrap's own noise for an index near 0.
    r = jansen_indices(ishigami, 3, N_ISHIGAMI, seed=11)
    exact_s1, exact_st = ishigami_exact()
    se_st, se_s1 = (r.st_hi - r.st_lo) / 2 / 1.96, (r.s1_hi - r.s1_lo) / 2 / 1.96
    assert np.all(np.abs(r.st - exact_st) <= Z * se_st + 1e-3), (r.st, exact_st, Z * se_st)
    assert np.all(np.abs(r.s1 - exact_s1) <= Z * se_s1 + 1e-3), (r.s1, exact_s1, Z * se_s1)
    # the intervals shrink like 1 / sqrt(N): at N = 2^14 every half-width is below 0.05
    assert np.all(r.st_hi - r.st_lo < 0.1) and np.all(r.s1_hi - r.s1_lo < 0.1)
    # and they cover the estimate they belong to
    assert np.all((r.st_lo <= r.st) & (r.st <= r.st_hi)) and np.all((r.s1_lo <= r.s1) & (r.s1 <= r.s1_hi))


def test_constant_output_has_no_indices():
    assert jansen_indices(lambda M: np.zeros(len(M)), 2, 256, seed=1) is None


def test_ishigami_check_can_fail():
    # Swapping two inputs' roles must break the agreement: the comparison can disagree.
    r = jansen_indices(lambda M: ishigami(M[:, [1, 0, 2]]), 3, 2 ** 12, seed=3)
    _, exact_st = ishigami_exact()
    assert np.abs(r.st - exact_st).max() > 0.1


class Econ:
    """The economics the cost matrix reads (the default file's values, fee level 0.03 BTC)."""
    btc_usd, network_hashrate_ehs, hash_rental_usd_per_ehs_day, rental_markup = 100_000.0, 800.0, 50_000.0, 1.0
    hardware_j_per_th, energy_usd_per_kwh, block_subsidy_btc, fee_btc_per_block = 17.0, 0.05, 3.125, 0.03
    attacker_keeps_rewards, eclipse_usd_per_hour, hardware_usd_per_ths = False, 5.0, 15.0
    hardware_resale_haircut, rental_cap_ehs = 0.5, 10.0
    capital_cost_per_year, price_drop_on_attack = 0.025, 0.13


def fee_point(fees_sat):
    frame = pd.DataFrame({"success": [1.0], "rel_s": [0.0], "earned": [0.0], "fees_sat": [fees_sat], "key_btc": [0.0],
                          "miner_btc": [0.0], "stake_btc": [0.0], "eclipse_s": [0.0], "peak": [0.0]})
    return Points(frame)


def test_a_cartels_hardware_loss_moves_with_the_hardware_price_and_the_price_drop():
    # A cartel holding 77% of the hash (a drivechain ACK majority) pays no rent: its cost is
    # price_drop_on_attack of its hardware, 0.13 x 0.77 x 800 EH/s x 10^6 TH/EH x $/TH, charged once
    # (exact arithmetic); it doubles with the hardware price, and with the price drop.
    econ = Econ()
    econ.price_drop_on_attack = 0.13
    x = {k: np.repeat(v, 3) for k, v in defaults(econ).items()}
    assert (x["price_drop"] == 0.13).all()  # the default is the economics file's
    x["hardware_price"] = np.array([15.0, 30.0, 15.0])
    x["price_drop"] = np.array([0.13, 0.13, 0.26])
    point = fee_point(0.0)
    point.frame["cartel_share"] = [0.77]
    cost = cost_matrix(point, econ, x)[0]
    assert cost[0] == pytest.approx(0.13 * 0.77 * 800.0 * 1e6 * 15.0)
    assert cost[1] == pytest.approx(2 * cost[0]) and cost[2] == pytest.approx(2 * cost[0])
    assert INPUTS["price_drop"][4] == "price_drop_on_attack"


def tower_points():
    """Three Lightning points: a congestion theft simulated at two tower latencies (30 s: the
    thief fills 144 blocks, 0.2 BTC of fees; 82,800 s: 2 blocks, 0.003 BTC) and a time-dilation
    theft from a file that did not sweep the latency (eclipse hours, 0.05 BTC of fees)."""
    frame = pd.concat([fee_point(0.2e8).frame, fee_point(0.003e8).frame, fee_point(0.0).frame], ignore_index=True)
    frame["eclipse_s"] = [0.0, 0.0, 20 * 3600.0]
    frame["level:tower_latency"] = [30.0, 82800.0, None]
    return Points(frame)


def test_tower_latency_keeps_only_the_runs_made_at_the_sampled_level():
    # The latency is the defender's: a sample at 30 s may not use the runs made at 82,800 s. The
    # headline is the cheaper of the time dilation (20 h x $5 = $100) and the congestion theft at
    # the sampled latency ($20,000 at 30 s, $300 at 82,800 s): exact arithmetic.
    econ = Econ()
    points = tower_points()
    assert points.levels("tower_latency") == [30.0, 82800.0] and points.factors() == ["tower_latency"]
    assert points.codes("tower_latency").tolist() == [0, 1, -1]
    x = {k: np.repeat(v, 2) for k, v in defaults(econ).items()}
    assert headline(points, econ, x, {"tower_latency": np.array([0, 1])}) == pytest.approx([100.0, 100.0])
    x["eclipse_price"] = np.array([500.0, 500.0])   # time dilation now costs $10,000
    assert headline(points, econ, x, {"tower_latency": np.array([0, 1])}) == pytest.approx([10_000.0, 300.0])
    # without the factor every level is open to the attacker: the estimator's cheapest family
    assert headline(points, econ, x) == pytest.approx([300.0, 300.0])


def test_tower_latency_gets_an_index_when_it_can_move_the_headline():
    # With 2,000 eclipse hours the time dilation costs $2,000 to $100,000 over the eclipse price's
    # range, never less than the congestion theft at 82,800 s ($300 to $450 over the BTC price's
    # range), so the latency decides whether the thief pays about $20,000 or $300: its total-order
    # index must dominate. At one level it is no factor at all.
    econ = Econ()
    points = tower_points()
    points.frame["eclipse_s"] = [0.0, 0.0, 2000 * 3600.0]
    idx = sobol(points, econ, n_base=256).set_index("input")
    assert idx.loc["tower_latency", "ST"] > 0.5 and idx["ST"].idxmax() == "tower_latency"
    assert idx.loc["tower_latency", "levels"] == "30, 82800"
    assert "2 swept levels" in idx.loc["tower_latency", "label"]
    single = Points(points.frame.iloc[[0, 2]].reset_index(drop=True))
    assert single.factors() == [] and "tower_latency" not in set(sobol(single, econ, n_base=256)["input"])


def test_fee_level_scales_the_attackers_own_fees():
    # A flooding attacker that paid 0.5 BTC in fees at the default fee level pays twice that when
    # the fee market is twice as expensive, and the same at the default (exact arithmetic).
    econ = Econ()
    x = defaults(econ)
    x = {k: np.repeat(v, 3) for k, v in x.items()}
    x["fee_level"] = np.array([0.03, 0.06, 0.015])
    cost = cost_matrix(fee_point(0.5e8), econ, x)[0]
    assert cost == pytest.approx([0.5 * 100_000, 1.0 * 100_000, 0.25 * 100_000], rel=1e-12)
    assert "fee level" in INPUTS["fee_level"][0]


def test_capital_cost_scales_the_channel_capital():
    # A Flood & Loot point that locked 100 BTC for a year: its cost is the forgone yield at the
    # sampled capital cost, the same arithmetic as economics.price (capital_usd).
    econ = Econ()
    frame = fee_point(0.0).frame.assign(capital_btc_s=[100.0 * 365.25 * 86400])
    x = {k: np.repeat(v, 2) for k, v in defaults(econ).items()}
    x["capital_cost"] = np.array([0.025, 0.05])
    cost = cost_matrix(Points(frame), econ, x)[0]
    assert cost == pytest.approx([2.5 * 100_000, 5.0 * 100_000], rel=1e-12)
    assert INPUTS["capital_cost"][4] == "capital_cost_per_year"


@pytest.fixture(scope="module")
def design_study(tiny_study, tmp_path_factory):
    """The tiny study (design files) priced by the estimator, then the sensitivity of every
    system its designs model."""
    import sensitivity
    out = tmp_path_factory.mktemp("designs")
    r = estimator(tiny_study, "-o", out)
    assert r.returncode == 0, r.stderr
    assert sensitivity.main([*map(str, tiny_study), "-o", str(out / "sens"), "--n-base", "64"]) == 0
    return pd.read_csv(out / "inherited_cost.csv"), pd.read_csv(out / "sens" / "sensitivity.csv")


def test_sensitivity_baseline_is_the_estimators_feasible_budget(design_study):
    # Two code paths: the estimator prices every run and takes the success-target quantile
    # (plan_pricing.plan_rows); the sensitivity holds that quantile's run and re-prices its
    # quantities with the samples' inputs (sensitivity.design_points, cost_matrix). At the
    # default prices the system's headline cost must equal the estimator's cheapest feasible
    # cost over its designs (to rounding).
    from l2sim_analysis.systems import load_systems
    table, sens = design_study
    compared = 0
    for s in load_systems():
        rows = table[(table["pricing"] == "feasible") & table["design"].isin(s.designs) & table["feasible"]]
        base = sens[sens["system"] == s.key]["baseline_usd"].dropna()
        if not len(rows) or not len(base):
            continue
        assert base.iloc[0] == pytest.approx(rows["cost_usd"].min(), rel=1e-9), s.key
        compared += 1
    assert compared >= 2


def test_every_index_has_a_bootstrap_interval(design_study):
    _, sens = design_study
    ok = sens[sens["status"] == "ok"]
    assert len(ok)
    for lo, v, hi in (("S1_lo", "S1", "S1_hi"), ("ST_lo", "ST", "ST_hi")):
        assert ok[[lo, v, hi]].notna().all().all()
        assert (ok[lo] <= ok[hi]).all()
    assert (ok["n_base"] == 64).all() and (ok["resamples"] == 200).all()


def swept_latency_frame():
    """A priced frame as analysis/sensitivity.py builds it: file 0 swept the tower's latency (a
    congestion theft that always succeeds at 30 s and never at 82,800 s), file 1 did not (a time
    dilation that always succeeds), 4 runs each."""
    rows = []
    for file, family, latency, success, fees in ((0, 0, 30.0, 1.0, 0.2e8), (0, 1, 82800.0, 0.0, 0.003e8),
                                                 (1, 2, 30.0, 1.0, 0.0)):
        rows += [{"_file": file, "_family": family, "tower__latency_s": latency, "attack_success": success,
                  "fees_paid_sat": fees, "eclipse_seconds": 20 * 3600.0 if file == 1 else 0.0}] * 4
    return pd.DataFrame(rows)


def test_a_swept_level_without_a_feasible_attack_is_still_sampled():
    # At 82,800 s no attack from the sweeping file succeeds: that level must still be drawn (half
    # the samples), and there only the point that holds at every level (file 1, which did not
    # sweep the latency: its 30.0 is a fixed parameter, not a level) remains.
    econ = Econ()
    points = feasible_points(swept_latency_frame(), [0, 1, 2], {"tower_latency": [0]})
    assert len(points.frame) == 2                       # the failing family is not a feasible point
    assert points.levels("tower_latency") == [30.0, 82800.0] and points.factors() == ["tower_latency"]
    assert points.codes("tower_latency").tolist() == [0, -1]
    x = {k: np.repeat(v, 2) for k, v in defaults(econ).items()}
    x["eclipse_price"] = np.array([500.0, 500.0])     # time dilation $10,000, congestion at 30 s $20,000
    assert headline(points, econ, x, {"tower_latency": np.array([0, 1])}) == pytest.approx([10_000.0, 10_000.0])


def test_a_level_that_leaves_no_attack_at_all_is_reported_not_hidden():
    # Without the time dilation nothing is feasible at 82,800 s: the cost is unbounded there, which
    # must not be reported as "no assumption moves it".
    econ = Econ()
    frame = swept_latency_frame()
    points = feasible_points(frame[frame["_file"] == 0], [0, 1], {"tower_latency": [0]})
    with pytest.raises(NoFeasibleAttack, match="watchtower reaction latency"):
        sobol(points, econ, n_base=64)
