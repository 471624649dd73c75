"""The cost views of the inherited-cost table on the planner's plans, each recomputed by hand from
the physical quantities the results file records (hash share x seconds, run duration, fees, keys),
so that a wrong formula in l2sim_analysis/plan_pricing.py disagrees with the hand calculation. The
plan is the L1 baseline's reversal with 60% rented hash; its budget is the median run's cost."""
import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, estimator
from l2sim_analysis.load import load_frame

DEFAULT = ROOT / "scenarios" / "economics" / "default.toml"
H_THS = 1000.0 * 1e6  # network_hashrate_ehs in the default economics, in TH/s


def economics(tmp_path, **changes):
    """A copy of the default economics with some keys changed."""
    lines = []
    for line in DEFAULT.read_text().splitlines():
        key = line.split("=")[0].strip()
        if key in changes:
            v = changes[key]
            line = f"{key} = {str(v).lower() if isinstance(v, bool) else v}"
        lines.append(line)
    path = tmp_path / "economics.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def table(results, tmp_path, econ):
    r = estimator(results, "-o", tmp_path / "out", "--economics", econ)
    assert r.returncode == 0, r.stderr
    return pd.read_csv(tmp_path / "out" / "inherited_cost.csv").set_index(["design", "attack", "pricing"])


@pytest.fixture(scope="module")
def default_table(tiny_study, tmp_path_factory):
    return table(tiny_study, tmp_path_factory.mktemp("default"), DEFAULT)


PLAN = "deposit__reorg6_hash60"


def plan_runs(results):
    f = load_frame(results[0])  # the L1 baseline's file
    return pd.DataFrame({q: f[f"{PLAN}__{q}"].to_numpy(float)
                         for q in ("success", "hash_share_s", "duration_s", "block_space_sat")})


def fees_usd(runs):
    """The replacement's fee (block space the reversal paid for), at btc_usd = 100,000."""
    return runs["block_space_sat"] * 1e-8 * 100000.0


def median_of(cost, success):
    """The 0.5 quantile of per-run costs with losses at +inf, as an order statistic."""
    x = np.sort(np.where(success > 0.5, cost, np.inf))
    return x[int(np.ceil(0.5 * len(x))) - 1]


def test_flow_rents_the_hash_share_times_seconds(tiny_study, default_table):
    runs = plan_runs(tiny_study)
    rent = runs["hash_share_s"] * 1000.0 * 50000.0 * 1.25 / 86400.0  # EH/s x USD/(EH/s day) x markup
    rent = rent + fees_usd(runs)
    row = default_table.loc[("l1_payment", PLAN, "flow")]
    assert row["cost_usd"] == pytest.approx(median_of(rent, runs["success"]), rel=1e-9)
    assert row["hash_plan"] == "rented" and row["inherited_share"] == pytest.approx(1.0)


def test_stock_charges_the_hardware_once_not_per_success(tiny_study, tmp_path):
    # With free energy the stock cost is the hardware for the plan's peak share (60% rented hash
    # joins the network: 1.5 x its honest hash), at the resale haircut, whatever the run.
    t = table(tiny_study, tmp_path, economics(tmp_path, energy_usd_per_kwh=0.0))
    runs = plan_runs(tiny_study)
    peak = (runs["hash_share_s"] / runs["duration_s"]).max()
    assert peak == pytest.approx(1.5)
    hardware = peak * H_THS * 15.0 * 0.5
    assert t.loc[("l1_payment", PLAN, "stock"), "cost_usd"] == pytest.approx(
        hardware + median_of(fees_usd(runs), runs["success"]), rel=1e-12)


def test_stock_energy_is_hash_seconds_times_joules_times_price(tiny_study, tmp_path):
    t = table(tiny_study, tmp_path, economics(tmp_path, hardware_usd_per_ths=0.0))
    runs = plan_runs(tiny_study)
    joules = runs["hash_share_s"] * H_THS * 17.5
    energy_usd = joules / 3.6e6 * 0.045 + fees_usd(runs)
    assert t.loc[("l1_payment", PLAN, "stock"), "cost_usd"] == pytest.approx(
        median_of(energy_usd, runs["success"]), rel=1e-9)


@pytest.mark.parametrize("cap, plan, same_as", [(0.0, "bought", "stock"), (1e9, "rented", "flow")])
def test_feasible_plan_at_the_rental_cap_limits(tiny_study, tmp_path, cap, plan, same_as):
    # With no rental market everything is bought; with an unlimited one everything is rented.
    # The feasible view then equals the stock or flow view exactly.
    t = table(tiny_study, tmp_path, economics(tmp_path, rental_cap_ehs=cap))
    feasible = t.loc[("l1_payment", PLAN, "feasible")]
    assert feasible["hash_plan"] == plan
    assert feasible["cost_usd"] == pytest.approx(t.loc[("l1_payment", PLAN, same_as), "cost_usd"], rel=1e-12)


def test_feasible_plan_rents_to_the_cap_and_buys_the_rest(tiny_study, default_table):
    # At the default 10 EH/s cap the reversal needs 1,500 EH/s, so the row is `mixed` and costs
    # the rented part's rent plus the bought part's hardware (with the haircut) and energy.
    row = default_table.loc[("l1_payment", PLAN, "feasible")]
    assert row["hash_plan"] == "mixed"
    runs = plan_runs(tiny_study)
    needed_ehs = (runs["hash_share_s"] / runs["duration_s"]).max() * 1000.0
    rented = 10.0 / needed_ehs
    rent = runs["hash_share_s"] * 1000.0 * 50000.0 * 1.25 / 86400.0
    energy = runs["hash_share_s"] * H_THS * 17.5 / 3.6e6 * 0.045
    capital = (1 - rented) * needed_ehs * 1e6 * 15.0 * 0.5
    assert row["cost_usd"] == pytest.approx(median_of(capital + rented * rent + (1 - rented) * energy,
                                                      runs["success"]), rel=1e-9)


@pytest.mark.parametrize("key, bad, message", [
    ("hardware_resale_haircut", "1.5", "key 'economics.hardware_resale_haircut': 1.5 is out of range"),
    ("price_drop_on_attack", "-0.1", "key 'economics.price_drop_on_attack': -0.1 is out of range"),
    ("energy_usd_per_kwh", '"cheap"', "key 'economics.energy_usd_per_kwh': expected a number"),
])
def test_new_economics_keys_are_validated(tiny_study, tmp_path, key, bad, message):
    # Guards defects 2 and 5: the new inputs are checked like the others (file:line:col, exit 2).
    econ = economics(tmp_path, **{key: bad})
    line = next(i for i, l in enumerate(econ.read_text().splitlines(), 1) if l.startswith(key))
    r = estimator(tiny_study, "-o", tmp_path / "out", "--economics", econ)
    assert r.returncode == 2 and message in r.stderr and f"{econ}:{line}:" in r.stderr
    assert not (tmp_path / "out").exists()
