"""The analysis library and figure scripts: intervals, grouping, and PDFs without Type 3 fonts."""
import pathlib
import re
import subprocess

import numpy as np
import pandas as pd
import pytest

from l2sim_analysis import group_success, load_frame, mean_t_interval, wilson_interval

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_wilson_interval_matches_known_values():
    p, lo, hi = wilson_interval(np.array([8]), np.array([10]), 0.95)
    assert p[0] == pytest.approx(0.8)
    assert lo[0] == pytest.approx(0.4902, abs=1e-4)   # Wilson 95% for 8/10
    assert hi[0] == pytest.approx(0.9433, abs=1e-4)
    _, lo0, hi0 = wilson_interval(np.array([0]), np.array([50]))
    assert lo0[0] == pytest.approx(0.0, abs=1e-12) and 0 < hi0[0] < 0.1


def test_t_interval_contains_mean():
    m, lo, hi = mean_t_interval([1.0, 2.0, 3.0, 4.0])
    assert m == 2.5 and lo < 2.5 < hi
    assert hi - 2.5 == pytest.approx(3.182446 * np.std([1, 2, 3, 4], ddof=1) / 2, rel=1e-5)


def test_group_success_counts_per_point():
    frame = pd.DataFrame({"k": [1, 1, 2, 2, 2], "attack_success": [1, 0, 1, 1, 1]})
    g = group_success(frame, ["k"])
    assert list(g["count"]) == [2, 3] and list(g["sum"]) == [1, 3]


def pdf_has_type3(path):
    return re.search(rb"/Subtype\s*/Type3", pathlib.Path(path).read_bytes()) is not None


def test_type3_detector_can_fail(tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.rcParams["pdf.fonttype"] = 3
    fig, ax = plt.subplots()
    ax.set_title("type 3")
    fig.savefig(tmp_path / "t3.pdf")
    plt.close(fig)
    plt.rcParams["pdf.fonttype"] = 42
    assert pdf_has_type3(tmp_path / "t3.pdf")


def test_double_spend_figure_embeds_truetype_and_is_deterministic(tmp_path, phold_sweep_file):
    from conftest import l2sim_binary
    h5 = tmp_path / "ds.h5"
    subprocess.run([l2sim_binary(), "sweep", str(ROOT / "scenarios/tests/tiny_double_spend.toml"), "-o", str(h5),
                    "--progress", "none"], check=True)
    for stem in ("a", "b"):
        subprocess.run(["/usr/bin/python3", str(ROOT / "analysis/figures/fig_double_spend.py"), str(h5), "-o",
                        str(tmp_path / stem)], check=True)
    assert not pdf_has_type3(tmp_path / "a.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert (tmp_path / "a.png").stat().st_size > 10_000


def test_load_frame_reads_results(phold_sweep_file):
    frame = load_frame(phold_sweep_file)
    assert len(frame) == 15 and "phold__lps" in frame
