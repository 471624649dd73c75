"""Grouping and labelling in the inherited-cost table: every plan of every design file, and every
Lightning parameter point, is its own row, never an average of distinct designs."""
import pandas as pd
import pytest

from conftest import ROOT, estimator, sweep


def flow_rows(out):
    t = pd.read_csv(out / "inherited_cost.csv", keep_default_na=False)
    return t[t["pricing"] == "flow"]


def test_two_design_files_stay_apart_one_row_per_plan(tiny_study, tmp_path):
    # Every plan of every design file is its own row, labelled by the design's name (design.name
    # of its file) and family; nothing is averaged across designs or plans.
    r = estimator(tiny_study[:2], "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    rows = flow_rows(tmp_path)
    assert sorted(rows["design"].unique()) == ["bonded_federation_8of12", "l1_payment"]
    assert not rows.duplicated(["design", "attack"]).any()
    assert set(rows[rows["design"] == "l1_payment"]["family"]) == {"baseline"}
    # A larger rented share wins the reversal more often: its median budget cannot be infinite
    # where the smaller one's is finite.
    l1 = rows[rows["design"] == "l1_payment"].set_index("attack")
    assert l1.loc["deposit__reorg6_hash60", "success_lo"] >= l1.loc["deposit__reorg6_hash45", "success_lo"]


def test_by_needs_a_lightning_key(tiny_study, tmp_path):
    bad = estimator(tiny_study, "-o", tmp_path / "bad", "--by", "peg.thresold")
    assert bad.returncode == 2 and "peg.thresold" in bad.stderr and not (tmp_path / "bad").exists()


def test_lightning_model_file_is_priced_by_name(tmp_path):
    # A `lightning`-model file (agents in the transaction-level world) is priced from its own
    # outcome columns: the family is named after the primitive with a budget (pinning), one family
    # per swept rule set, the implementation from the stored effective parameters.
    text = (ROOT / "scenarios/lightning/pinning.toml").read_text().split("[sweep]")[0]
    scenario = tmp_path / "pin.toml"
    scenario.write_text(text + '[world.mempool]\nrules = "core_v31"\n\n[sweep]\nreplications = 2\n\n'
                        '[sweep.grid]\n"adversary.pin.child_vbytes" = [0, 101000]\n')
    f = sweep(scenario, tmp_path / "pin.h5")
    r = estimator(f, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    rows = flow_rows(tmp_path / "out")
    assert list(rows["design"]) == ["lightning (lnd)"] and list(rows["attack"]) == ["pinning"]
    assert rows["budget_key"].iloc[0] == "adversary.pin.child_vbytes"
