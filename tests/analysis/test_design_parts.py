"""Composed designs in the analysis: a part's deposit reversal is a deposit plan, a plan's part is
read from its label, and the composed design's cheapest attack is the cheapest over its parts,
named by part."""
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "analysis"))
from l2sim_analysis.design_parts import cheapest_by_part, cheapest_part, is_deposit_plan, part_of  # noqa: E402


def test_deposit_plans_are_recognised_with_and_without_a_part_prefix():
    assert is_deposit_plan("deposit__reorg6_hash30")
    assert is_deposit_plan("bridge__deposit__reorg6_hash45")
    assert is_deposit_plan("rollup__da__deposit__reorg102_hash30")
    # in a part, only the reversal's own id counts: an output named "deposit" is custody
    assert not is_deposit_plan("bridge__deposit__signer8")
    assert not is_deposit_plan("bridge__peg__member7")


def test_the_part_is_read_from_the_label():
    assert part_of("1 if the plan's spend confirmed: [part da] spend rollup_state: corrupt 5 da_member") == "da"
    assert part_of("1 if the plan's spend confirmed: [part rollup/bridge] spend peg") == "rollup/bridge"
    assert part_of("1 if the plan's spend confirmed: spend peg: corrupt 8 signer") is None


def test_the_cheapest_attack_is_the_cheapest_part():
    rows = [
        {"plan": "da__rollup_state__da_member5", "part": "da", "cost_btc": 146.9},
        {"plan": "bridge__peg__member7", "part": "bridge", "cost_btc": 200.3},
        {"plan": "bridge__deposit__reorg6_hash45", "part": "bridge", "cost_btc": 28.6},
        {"plan": "upgrade__bridge_funds__upgrader4", "part": "upgrade", "cost_btc": 109.8},
        {"plan": "upgrade__bridge_funds__upgrader6_wait1008", "part": "upgrade", "cost_btc": math.inf},
    ]
    by_part = cheapest_by_part(rows)
    assert {p: r["plan"] for p, r in by_part.items()} == {
        "da": "da__rollup_state__da_member5", "bridge": "bridge__deposit__reorg6_hash45",
        "upgrade": "upgrade__bridge_funds__upgrader4"}
    part, row = cheapest_part(rows)
    assert part == "bridge" and row["cost_btc"] == 28.6
    # without the reorg, the instant upgrade is the weakest part
    part, row = cheapest_part([r for r in rows if "deposit" not in r["plan"]])
    assert part == "upgrade" and row["plan"] == "upgrade__bridge_funds__upgrader4"


def test_a_design_without_parts_has_no_cheapest_part():
    assert cheapest_part([{"plan": "peg__signer8", "part": None, "cost_btc": 400.0}]) == (None, None)
