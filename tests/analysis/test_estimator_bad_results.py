"""Results files the estimator cannot price: a clear `FILE: error: ...`, exit 2, nothing written
(not a traceback, a partial table, or a crashed interpreter). Issues: Numbers a reviewer can
trust (defect 4) and Hardening and scale (analysis/inherited_cost.py on bad files)."""
import os
import random
import shutil

import h5py
import pytest

from conftest import estimator, sweep


@pytest.fixture(scope="module")
def bitcoin_file(tmp_path_factory):
    return sweep("scenarios/tests/tiny_double_spend.toml", tmp_path_factory.mktemp("btc") / "btc.h5")


def corrupted(good, path):
    """A copy of a results file with random bytes written over its body (fixed seed)."""
    shutil.copy(good, path)
    rng = random.Random(1)
    size = os.path.getsize(path)
    with open(path, "r+b") as f:
        for _ in range(200):
            f.seek(rng.randrange(2048, size))
            f.write(bytes(rng.randrange(256) for _ in range(16)))
    return path


def plain_hdf5(path):
    with h5py.File(path, "w") as f:
        f["x"] = [1, 2, 3]
    return path


def truncated(good, path):
    path.write_bytes(good.read_bytes()[:3000])
    return path


def assert_refused(r, bad, out):
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert r.stderr.startswith(f"{bad}: error: "), r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists() or not any(out.iterdir())


def test_another_models_file(bitcoin_file, tmp_path):
    # Guards defect 4: a bitcoin-model file raised KeyError.
    r = estimator(bitcoin_file, "-o", tmp_path / "out")
    assert_refused(r, bitcoin_file, tmp_path / "out")
    assert "'bitcoin'-model" in r.stderr


def test_a_plain_hdf5_file(tmp_path):
    bad = plain_hdf5(tmp_path / "plain.h5")
    assert_refused(estimator(bad, "-o", tmp_path / "out"), bad, tmp_path / "out")


def test_a_truncated_file(tiny_study, tmp_path):
    bad = truncated(tiny_study[0], tmp_path / "truncated.h5")
    assert_refused(estimator(bad, "-o", tmp_path / "out"), bad, tmp_path / "out")


def test_a_corrupted_file_does_not_kill_the_estimator(tiny_study, tmp_path):
    # Random bytes over the body can make libhdf5 abort ("free(): invalid pointer") in-process;
    # the estimator reads files in a child process and reports the file instead.
    bad = corrupted(tiny_study[0], tmp_path / "corrupted.h5")
    assert_refused(estimator(bad, "-o", tmp_path / "out"), bad, tmp_path / "out")


def test_a_mix_writes_nothing_and_keeps_earlier_results(tiny_study, bitcoin_file, tmp_path):
    out = tmp_path / "out"
    assert estimator(tiny_study, "-o", out).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = plain_hdf5(tmp_path / "plain.h5")
    for mix in ((tiny_study, bad), (tiny_study, bitcoin_file)):
        r = estimator(*mix, "-o", out)
        assert r.returncode == 2 and r.stderr.startswith(f"{mix[1]}: error: "), r.stderr
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before
