"""The economics model and the inherited-cost estimator on design files run by the attack planner:
re-pricing without re-simulating, bad economics input, and the qualitative claims of the table."""
import os
import pathlib
import subprocess

import pandas as pd
import pytest

from conftest import ROOT
from l2sim_analysis.economics import EconomicsError, load_economics

ESTIMATOR = ROOT / "analysis" / "inherited_cost.py"
DEFAULT = ROOT / "scenarios" / "economics" / "default.toml"


@pytest.fixture(scope="module")
def study(tiny_study):
    # The session's tiny_study sweep (conftest.py), read only here: the same scenario, not re-run.
    return tiny_study


def run_estimator(results, out, *extra):
    files = [str(f) for f in results] if isinstance(results, list) else [str(results)]
    return subprocess.run(["/usr/bin/python3", str(ESTIMATOR), *files, "-o", str(out), *extra],
                          capture_output=True, text=True)


def cheapest(flow, design):
    rows = flow[(flow["design"] == design)]
    return rows.loc[rows["cost_usd"].idxmin()]


def test_table_columns_and_claims(study, tmp_path):
    r = run_estimator(study, tmp_path)
    assert r.returncode == 0, r.stderr
    t = pd.read_csv(tmp_path / "inherited_cost.csv")
    for c in ("design", "family", "attack", "pricing", "success_target", "cost_usd", "cost_usd_lo", "cost_usd_hi",
              "bitcoin_paid_usd", "external_usd", "inherited_share", "inheritance_ratio", "max_safe_value_usd"):
        assert c in t.columns, c
    flow = t[t["pricing"] == "flow"]
    base = cheapest(flow, "l1_payment")
    # The L1 baseline: reversing the payment is paid in hash x time only, and is its own baseline.
    assert base["attack"].startswith("deposit__reorg6_hash")
    assert base["inheritance_ratio"] == pytest.approx(1.0)
    assert base["inherited_share"] == pytest.approx(1.0) and base["external_usd"] == 0.0
    # The bridge's key theft is paid outside Bitcoin: bribes, and the bonds the theft slashes.
    keys = flow[(flow["design"] == "bonded_federation_8of12") & (flow["attack"] == "peg__signer8")].iloc[0]
    assert keys["inherited_share"] < 1e-3 and keys["external_usd"] > 0
    assert keys["cost_usd_lo"] <= keys["cost_usd"] <= keys["cost_usd_hi"]
    assert keys["max_safe_value_usd"] == pytest.approx(keys["cost_usd"])
    # A deposit reversal is no theft of a held output: it gives no max safe value.
    assert flow[flow["attack"].str.startswith("deposit__")]["max_safe_value_usd"].isna().all()
    assert (tmp_path / "fig_inherited_cost.pdf").exists() and (tmp_path / "inherited_cost.md").exists()


def test_repricing_changes_costs_without_resimulating(study, tmp_path):
    before = [os.stat(f).st_mtime_ns for f in study]
    assert run_estimator(study, tmp_path / "a").returncode == 0
    cheap = ROOT / "scenarios/economics/cheap_hash.toml"
    assert run_estimator(study, tmp_path / "b", "--economics", str(cheap)).returncode == 0
    assert [os.stat(f).st_mtime_ns for f in study] == before
    a = pd.read_csv(tmp_path / "a/inherited_cost.csv").set_index(["design", "attack", "pricing"])
    b = pd.read_csv(tmp_path / "b/inherited_cost.csv").set_index(["design", "attack", "pricing"])
    key = ("l1_payment", "deposit__reorg6_hash60", "flow")
    assert b.loc[key, "cost_usd"] < a.loc[key, "cost_usd"]
    theft = ("bonded_federation_8of12", "peg__signer8", "flow")
    # Bribes, bonds and fees are paid in BTC: re-priced at the new BTC price, nothing else moves.
    assert b.loc[theft, "cost_usd"] / a.loc[theft, "cost_usd"] == pytest.approx(60000 / 100000)


@pytest.mark.parametrize("edit, message", [
    (("btc_usd = 100000.0", "btc_usd = -5.0"), "key 'economics.btc_usd': -5.0 is out of range"),
    (("rental_markup = 1.25", ""), "key 'economics.rental_markup': missing"),
    (("rental_cap_ehs = 10.0", "rental_cap_ehs = 10.0\nrental_markpu = 2.0"),
     "key 'economics.rental_markpu': unknown key; did you mean 'economics.rental_markup'?"),
    (("fee_btc_per_block = 0.03", "fee_btc_per_block = \"lots\""), "key 'economics.fee_btc_per_block': expected a number"),
])
def test_bad_economics_names_file_line_and_key(tmp_path, study, edit, message):
    text = DEFAULT.read_text()
    old, new = edit
    assert old in text
    bad = tmp_path / "bad.toml"
    bad.write_text("\n".join(new if line.startswith(old) else line for line in text.splitlines()))
    with pytest.raises(EconomicsError) as err:
        load_economics(bad)
    assert str(bad) in str(err.value) and message in str(err.value)
    r = run_estimator(study, tmp_path / "out", "--economics", str(bad))
    assert r.returncode == 2 and message in r.stderr
    assert not (tmp_path / "out" / "inherited_cost.csv").exists()


def test_missing_economics_file(tmp_path):
    with pytest.raises(EconomicsError, match="cannot read"):
        load_economics(tmp_path / "nope.toml")
