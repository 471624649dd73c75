"""Shared fixtures: a tiny results file made by the real l2sim binary (built by `make test`)."""
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "analysis"))


def l2sim_binary():
    return os.environ.get("L2SIM", str(ROOT / "build" / "l2sim"))


@pytest.fixture(scope="session")
def phold_sweep_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("results") / "phold_sweep.h5"
    subprocess.run([l2sim_binary(), "sweep", str(ROOT / "scenarios/examples/phold_sweep.toml"),
                    "-o", str(out), "--progress", "none"], check=True)
    return out


ESTIMATOR = ROOT / "analysis" / "inherited_cost.py"


def sweep(scenario, out, *sets):
    """Runs `l2sim sweep` on a scenario (path relative to the repository) into `out`."""
    cmd = [l2sim_binary(), "sweep", str(ROOT / scenario), "-o", str(out), "--progress", "none", "--overwrite"]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True, capture_output=True)
    return out


def estimator(*args):
    """Runs analysis/inherited_cost.py with Debian's interpreter, without figures (the figure
    tests draw them); returns the CompletedProcess."""
    return subprocess.run(["/usr/bin/python3", str(ESTIMATOR), *map(str, args), "--no-figures"],
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def tiny_study(tmp_path_factory):
    return sweep("scenarios/tests/tiny_study.toml", tmp_path_factory.mktemp("tiny") / "tiny_study.h5")


@pytest.fixture(scope="session")
def bribery_thresholds(tmp_path_factory):
    """One sweep of the bribery threshold scenario for every test that only reads it."""
    return sweep("scenarios/tests/bribery_thresholds.toml", tmp_path_factory.mktemp("bribery") / "bribery.h5")
