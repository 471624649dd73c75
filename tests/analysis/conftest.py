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
