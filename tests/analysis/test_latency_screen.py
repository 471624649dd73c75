"""The watcher-latency screen: latencies scaled exactly and nothing else touched; the same design
re-simulated with the same seed reproduces every plan's runs (so a change the screen reports comes
from the latency, not from noise); a slower federation changes Liquid's emergency-path plans but
not its cheapest attack; bad input exits 2."""
import math
import pathlib
import sys
import tomllib

import pandas as pd
import pytest

from conftest import ROOT, l2sim_binary
from l2sim_analysis.latency_screen import ScreenError, changed_plans, latencies, scaled_design

sys.path.insert(0, str(ROOT / "analysis"))


def without_latencies(doc):
    for table in ("responders", "watchers"):
        for agent in doc.get(table, {}).values():
            agent.pop("latency_s", None)
    return doc


@pytest.mark.parametrize("design", ["clementine", "ark_round", "rootstock"])
def test_every_latency_is_scaled_and_nothing_else(design):
    path = ROOT / "designs" / f"{design}.toml"
    text, before, after = scaled_design(path, 10.0)
    assert before and after.keys() == before.keys()
    assert all(after[k] == pytest.approx(10 * before[k], rel=1e-15) for k in before)
    original = tomllib.loads(path.read_text())
    assert without_latencies(tomllib.loads(text)) == without_latencies(original)


def test_a_latency_the_rewrite_cannot_reach_is_an_error(tmp_path):
    f = tmp_path / "inline.toml"
    f.write_text('[design]\nname = "x"\n[responders]\nchallenger = { latency_s = 60.0 }\n')
    assert latencies(tomllib.loads(f.read_text())) == {"responders.challenger": 60.0}
    with pytest.raises(ScreenError, match="inline.toml"):
        scaled_design(f, 10.0)


@pytest.mark.parametrize("body, message", [
    ('[responders.challenger]\nlatency_s = "soon"\n', "not a number"),
    ('[responders.challenger]\nlatency_s = 0x3C\n', "cannot scale"),
    ('[responders.challenger\n', "cannot read"),
])
def test_a_design_the_screen_cannot_scale_is_an_error_naming_it(tmp_path, body, message):
    f = tmp_path / "odd.toml"
    f.write_text('[design]\nname = "x"\n' + body)
    with pytest.raises(ScreenError, match=f"odd.toml: error: .*{message}"):
        scaled_design(f, 10.0)
    with pytest.raises(ScreenError, match="missing.toml: error: cannot read"):
        scaled_design(tmp_path / "missing.toml", 10.0)


def test_a_latency_in_a_nested_table_is_not_a_watchers_and_is_left_alone(tmp_path):
    f = tmp_path / "nested.toml"
    f.write_text('[design]\nname = "x"\n[responders.challenger.extra]\nlatency_s = 60.0\n')
    text, before, after = scaled_design(f, 10.0)
    assert before == after == {} and text == f.read_text()


@pytest.fixture(scope="module")
def liquid(tiny_study):
    return next(p for p in tiny_study if p.name == "design_liquid.h5")


def test_the_same_design_and_seed_reproduce_every_plan(liquid, tmp_path):
    # The null case of the screen's comparison: the design unchanged (factor 1) must give run-for-run
    # identical plan columns, or a "change" could be noise.
    import inherited_cost
    import latency_screen
    from l2sim_analysis.plan_pricing import plan_ids
    _, designs, _, metas = inherited_cost.load([str(liquid)])
    (i, frame), = designs
    text, _, _ = scaled_design(latency_screen.design_path(frame), 1.0)
    again = latency_screen.simulate(l2sim_binary(), metas[i], text, 4, 2, tmp_path)
    changed, runs = changed_plans(frame, again, plan_ids(frame.columns))
    assert runs == 4 and changed == []


def test_a_slower_federation_changes_plans_but_not_the_cheapest(liquid, tmp_path):
    # Liquid's federation watcher 60 s -> 6,000 s: the emergency-path plans' runs change (the
    # federation's rotation answers later; at x10 none of these 4 runs does), the key theft (11
    # functionaries) does not depend on it.
    import latency_screen
    assert latency_screen.main([str(liquid), "-o", str(tmp_path), "--runs", "4", "--factor", "100",
                                "--l2sim", l2sim_binary(), "--threads", "2"]) == 0
    row = pd.read_csv(tmp_path / "latency_screen.csv").iloc[0]
    assert row["design"] == "liquid" and row["systems"] == "liquid" and row["runs"] == 4
    assert row["latencies_s"] == "watchers.federation 60" and row["screened_latencies_s"] == "watchers.federation 6000"
    assert 0 < row["plans_changed"] < row["plans"]
    assert all(p.startswith("peg__emergency") for p in row["changed"].split())
    assert row["cheapest_plan"] == row["screened_cheapest_plan"] == "peg__functionary11"
    assert math.isclose(row["cost_usd"], row["screened_cost_usd"], rel_tol=1e-12)


def test_bad_input_exits_2_and_writes_nothing(liquid, tmp_path):
    import latency_screen
    assert latency_screen.main([str(liquid), "-o", str(tmp_path), "--factor", "1"]) == 2
    assert latency_screen.main([str(liquid), "-o", str(tmp_path), "--l2sim", str(tmp_path / "none")]) == 2
    bad = tmp_path / "bad.h5"
    bad.write_bytes(b"not hdf5")
    assert latency_screen.main([str(bad), "-o", str(tmp_path), "--l2sim", l2sim_binary()]) == 2
    assert not (tmp_path / "latency_screen.csv").exists()
    assert not list(pathlib.Path(tmp_path).glob(".latency_screen_*"))
