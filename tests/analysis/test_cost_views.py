"""The cost views of the inherited-cost table, each recomputed by hand from the physical
quantities the results file records (hash x seconds, peak hash, blocks earned), so that a wrong
formula in the estimator disagrees with the hand calculation. Issue: Numbers a reviewer can trust."""
import pandas as pd
import pytest

from conftest import ROOT, estimator
from l2sim_analysis.load import load_frame

DEFAULT = ROOT / "scenarios" / "economics" / "default.toml"
H_THS = 1000.0 * 1e6  # network_hashrate_ehs in the default economics, in TH/s
REWARD_USD = (3.125 + 0.03) * 100000.0  # (subsidy + fees per block) x btc_usd of the default economics


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


def runs_at(results, design, attack, hash_share):
    f = load_frame(results)
    return f[(f["layer2__design"] == design) & (f["layer2__attack"] == attack) & (f["attack__hash_share"] == hash_share)]


def test_stock_charges_the_hardware_once_not_per_success(tiny_study, tmp_path):
    # Guards defect 2: stock cost used to be (hardware) / P(success), charging capital that
    # survives a failed attempt once per attempt. With the whole hardware lost on resale, no
    # energy and no rewards kept, stock cost is exactly the hardware for the peak hash.
    econ = economics(tmp_path, hardware_resale_haircut=1.0, energy_usd_per_kwh=0.0, attacker_keeps_rewards=False)
    row = table(tiny_study, tmp_path, econ).loc[("l1_payment", "double_spend", "stock")]
    runs = runs_at(tiny_study, "l1_payment", "double_spend", row["budget"])
    hardware = runs["attacker_hash_rel_peak"].max() * H_THS * 15.0  # hardware_usd_per_ths = 15
    assert runs["attack_success"].mean() < 1.0  # dividing by P(success) would change the figure
    assert row["cost_usd"] == pytest.approx(hardware, rel=1e-9)


def test_stock_energy_is_hash_seconds_times_joules_times_price(tiny_study, tmp_path):
    # Guards defect 2 (energy part): with no hardware lost on resale, stock cost is the energy
    # of the attack per success: hash x seconds x J/TH at $/kWh (1 kWh = 3.6e6 J).
    econ = economics(tmp_path, hardware_resale_haircut=0.0, attacker_keeps_rewards=False)
    row = table(tiny_study, tmp_path, econ).loc[("l1_payment", "double_spend", "stock")]
    runs = runs_at(tiny_study, "l1_payment", "double_spend", row["budget"])
    joules = runs["attacker_hash_rel_seconds"] * H_THS * 17.5
    energy_usd = joules / 3.6e6 * 0.045
    assert row["cost_usd"] == pytest.approx(energy_usd.mean() / runs["attack_success"].mean(), rel=1e-9)


@pytest.mark.parametrize("cap, plan, same_as", [(0.0, "bought", "stock"), (1e9, "rented", "flow")])
def test_feasible_plan_at_the_rental_cap_limits(tiny_study, tmp_path, cap, plan, same_as):
    # Guards defect 6: with no rental market everything is bought; with an unlimited one
    # everything is rented. The feasible view then equals the stock or flow view exactly.
    t = table(tiny_study, tmp_path, economics(tmp_path, rental_cap_ehs=cap))
    feasible = t.loc[("l1_payment", "double_spend", "feasible")]
    assert feasible["hash_plan"] == plan
    assert feasible["cost_usd"] == pytest.approx(t.loc[("l1_payment", "double_spend", same_as), "cost_usd"], rel=1e-12)


def test_feasible_plan_rents_to_the_cap_and_buys_the_rest(tiny_study, default_table):
    # Guards defect 6: at the default 10 EH/s cap a majority attack needs far more hash than the
    # market rents, so the row is `mixed` and costs the rented part's rent plus the bought part's
    # hardware (with the resale haircut) and energy, recomputed here from the recorded columns.
    row = default_table.loc[("l1_payment", "double_spend", "feasible")]
    assert row["hash_plan"] == "mixed"
    runs = runs_at(tiny_study, "l1_payment", "double_spend", row["budget"])
    needed_ehs = runs["attacker_hash_rel_peak"].max() * 1000.0
    rented = 10.0 / needed_ehs
    rent = runs["attacker_hash_rel_seconds"] * 1000.0 * 50000.0 * 1.25 / 86400.0
    energy = runs["attacker_hash_rel_seconds"] * H_THS * 17.5 / 3.6e6 * 0.045
    earned = runs["attacker_bitcoin_blocks"] * REWARD_USD
    running = (rented * rent + (1 - rented) * energy - earned).mean() / runs["attack_success"].mean()
    capital = (1 - rented) * needed_ehs * 1e6 * 15.0 * 0.5
    assert row["cost_usd"] == pytest.approx(capital + running, rel=1e-9)


def test_cartel_columns_charge_forgone_rewards_and_hardware_loss(tiny_study, default_table):
    # Guards defect 5: a cartel of existing miners was priced at $0. The direct cost stays; the
    # cartel columns add the rewards its hash forgoes (expected honest blocks over the attack,
    # hash x seconds / 600 s, minus the blocks it did earn) and price_drop_on_attack of its
    # hardware (share x network hash x $/TH).
    t = default_table
    row = t.loc[("drivechain", "theft (cartel)", "flow")]
    f = load_frame(tiny_study)
    runs = f[(f["layer2__design"] == "drivechain") & (f["attack__hash_share"] == row["budget"])]
    p = runs["attack_success"].mean()
    forgone = ((runs["owned_hash_rel_seconds"] / 600.0 - runs["attacker_bitcoin_blocks"]).clip(lower=0) * REWARD_USD)
    hardware_loss = 0.13 * row["budget"] * H_THS * 15.0
    assert row["cartel_hardware_loss_usd"] == pytest.approx(hardware_loss, rel=1e-9)
    assert row["cartel_forgone_rewards_usd"] == pytest.approx(forgone.mean() / p, rel=1e-9)
    assert row["cartel_cost_usd"] == pytest.approx(row["cost_usd"] + forgone.mean() / p + hardware_loss, rel=1e-9)
    assert row["cartel_cost_usd"] > row["cost_usd"] >= 0
    assert pd.isna(t.loc[("l1_payment", "double_spend", "flow"), "cartel_cost_usd"])  # rented: no cartel


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
