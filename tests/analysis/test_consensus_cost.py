"""The consensus attack cost calculator (analysis/consensus_cost.py): a hand calculation
reproduced, the README's worked example run exactly as written, and bad input rejected with
file, line and key (exit 2)."""
import importlib.util
import json
import re
import shlex
import subprocess

import pytest

from conftest import ROOT
from l2sim_analysis.consensus_cost import PosAttack, PowAttack, price_pos, price_pow

CLI = ROOT / "analysis" / "consensus_cost.py"
# The README's worked example, as written there (the test also runs any such line it finds in README.md).
README_COMMANDS = ["analysis/consensus_cost.py scenarios/economics/consensus_claims.toml"]


def cli_main(argv):
    """The CLI's main() in this process (a subprocess per case would re-import the package)."""
    spec = importlib.util.spec_from_file_location("consensus_cost_cli", CLI)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main(argv)


def test_pow_hand_calculation():
    # 100 EH/s honest; new hash for q = 0.6 joins: 100 x 0.6 / 0.4 = 150 EH/s = 1.5e8 TH/s.
    a = PowAttack(name="hand", network_hashrate_ehs=100.0, attacker_share=0.6, hardware_usd_per_ths=10.0,
                  facility_usd_per_w=0.5, efficiency_j_per_th=20.0, energy_usd_per_kwh=0.1, attack_hours=10.0,
                  rental_usd_per_ph_day=40.0, rental_depth_ehs=5.0, resale_fraction=0.2)
    r = price_pow(a)
    assert r["attacker_hash_ehs"] == pytest.approx(150.0)
    # Stock: hardware 1.5e8 x $10 x (1 - 0.2) = $1.2B; facilities 1.5e8 x 20 W x $0.5 = $1.5B;
    # energy 3e9 W x 10 h = 3e7 kWh x $0.1 = $3M.
    assert r["stock_usd"] == pytest.approx(1.2e9 + 1.5e9 + 3e6)
    # Flow: rent 5 EH/s = 5,000 PH/s x $40/day x 10/24 day = $83,333.33; buy the other 145 EH/s:
    # 1.16e9 + 1.45e9 + 2.9e6.
    assert r["flow_usd"] == pytest.approx(5000 * 40 * 10 / 24 + 1.16e9 + 1.45e9 + 2.9e6)
    assert not r["rental_feasible"]
    taken = price_pow(PowAttack(**{**a.__dict__, "hash_source": "take"}))
    assert taken["attacker_hash_ehs"] == pytest.approx(60.0)  # 0.6 of the existing 100 EH/s


def test_pos_hand_calculation():
    a = PosAttack(name="hand", staked_tokens=30e6, token_usd=2000.0, slash_fraction=0.5, stake_source="take")
    r = price_pos(a)
    assert r["third_usd"] == pytest.approx(10e6 * 2000.0)      # a third of 30M, bought from stakers
    assert r["two_thirds_usd"] == pytest.approx(20e6 * 2000.0)
    assert r["third_slashed_usd"] == pytest.approx(5e6 * 2000.0)
    joined = price_pos(PosAttack(**{**a.__dict__, "stake_source": "join"}))
    assert joined["third_tokens"] == pytest.approx(15e6)         # x / (30M + x) = 1/3
    assert joined["two_thirds_tokens"] == pytest.approx(60e6)


def readme_commands():
    text = (ROOT / "README.md").read_text()
    found = [l.strip() for l in re.findall(r"^\s*(analysis/consensus_cost\.py[^\n]*)$", text, re.M)]
    return found or README_COMMANDS


@pytest.mark.parametrize("command", readme_commands())
def test_readme_example_runs_as_written(command):
    r = subprocess.run(["/usr/bin/python3", *shlex.split(command)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "| bitcoin_370ehs_claim_join | 370 | $7.4B | $77.7M | $16.7B |" in r.stdout
    assert "| ethereum_46b_claim | 1.133e+07 | $46B |" in r.stdout


def test_claims_imply_their_inputs(capsys):
    assert cli_main([str(ROOT / "scenarios/economics/consensus_claims.toml"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    btc = {row["name"]: row for row in out["pow"]}["bitcoin_370ehs_claim_join"]
    # $200B over 370 EH/s with $9.25B of facilities and $78M of power: ~$515 per TH/s of hardware,
    # about 26x the USD 20/TH market price the entry assumes.
    assert btc["implied_hardware_usd_per_ths"] == pytest.approx((200e9 - 9.25e9 - 77.7e6) / 370e6, rel=1e-3)
    eth = {row["name"]: row for row in out["pos"]}["ethereum_46b_claim"]
    assert eth["third_usd"] == pytest.approx(46e9, rel=2e-3)


@pytest.mark.parametrize("edit, message", [
    ("attacker_share = 0.5\n", "attacker_share = 1.5\n"),
    ("energy_usd_per_kwh = 0.05          # industrial power (input)\n", ""),
    ("[[pos]]\n", "[[pos]]\ncolour = 3\n"),
])
def test_bad_input_names_file_line_and_key(tmp_path, capsys, edit, message):
    text = (ROOT / "scenarios/economics/consensus_claims.toml").read_text()
    assert edit in text
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace(edit, message, 1))
    assert cli_main([str(bad)]) == 2
    err = capsys.readouterr().err
    assert re.match(rf"{re.escape(str(bad))}:\d+:1: error: key '(pow|pos)\.\w+'", err), err
