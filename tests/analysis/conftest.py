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


def flat(args):
    """Arguments as strings, a list (a study of several files) spread in place."""
    out = []
    for a in args:
        out += [str(x) for x in a] if isinstance(a, (list, tuple)) else [str(a)]
    return out


def estimator(*args):
    """Runs analysis/inherited_cost.py with Debian's interpreter, without figures (the figure
    tests draw them); returns the CompletedProcess."""
    return subprocess.run(["/usr/bin/python3", str(ESTIMATOR), *flat(args), "--no-figures"],
                          capture_output=True, text=True)


def design_run(design, out, runs, *sets):
    """The default study's scenario on one design file (designs/DESIGN.toml), as `make design-study`
    runs it, with `runs` runs and extra --set overrides."""
    cmd = [l2sim_binary(), "run", str(ROOT / "scenarios/study_default.toml"), "--set",
           f'design.file="{ROOT / "designs" / (design + ".toml")}"', "-n", str(runs), "-o", str(out),
           "--progress", "none", "--overwrite", "--threads", "2"]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True, capture_output=True)
    return out


@pytest.fixture(scope="session")
def tiny_study(tmp_path_factory):
    """A small default study: the L1 baseline (reversed with 45% and 60% rented hash), the bridge
    team's bonded federation (keys, bonds, censorship), drivechain (miners' ACKs) and Liquid: four
    design files through the planner, a few runs each."""
    d = tmp_path_factory.mktemp("tiny")
    return [design_run("l1_payment", d / "design_l1_payment.h5", 40, "planner.race_hash_shares=[0.45, 0.6]"),
            design_run("bonded_federation_8of12", d / "design_bonded_federation_8of12.h5", 20),
            design_run("drivechain", d / "design_drivechain.h5", 10),
            design_run("liquid", d / "design_liquid.h5", 20)]
