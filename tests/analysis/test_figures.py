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


# The report's figures, drawn from a synthetic estimator table and ranking (no simulation): fonts,
# panel sizes and intervals are properties of the drawing code, whatever the numbers.
def design_table():
    """Two pricing rows per design: a spread of costs, intervals from +-2% to +-30%, one exact
    cost (a fixed bribe) and one zero cost (a cartel)."""
    rows = []
    families = ["l1_payment", "custody_peg (a)", "custody_peg (b)", "lightning (lnd)", "bitvm2 (x)", "babylon",
                "merged_mining"] + [f"rollup (r{i})" for i in range(10)]
    fam = {"l1_payment": "baseline", "custody_peg": "custody_peg", "lightning": "lightning",
           "bitvm2": "optimistic_bridge", "babylon": "staking", "merged_mining": "merged_mining", "rollup": "rollup"}
    for i, design in enumerate(families):
        cost = 0.0 if design == "merged_mining" else 10.0 ** (1 + i % 9)
        rel = 0.0 if design == "babylon" else 0.02 + 0.02 * (i % 15)
        for pricing in ("flow", "stock", "feasible"):
            c = cost * (3 if pricing == "stock" and design == "l1_payment" else 1)
            rows.append({"design": design, "family": fam[design.split(" ")[0]], "attack": "theft", "variant": "",
                         "experiment": "e", "pricing": pricing,
                         "cost_usd": c, "cost_usd_lo": c * (1 - rel), "cost_usd_hi": c * (1 + rel),
                         "inherited_share": 0.5, "bitcoin_paid_usd": c / 2, "external_usd": c / 2,
                         "hash_plan": "rented", "max_safe_value_usd": c})
    return pd.DataFrame(rows)


TYPE42 = ({b"Type0", b"CIDFontType2"}, True)


def pdf_fonts(path):
    """Font subtypes declared in a PDF and whether TrueType programs are embedded (FontFile2).
    matplotlib's pdf.fonttype 42 (3.6, Debian) writes each font as a Type0 font over a
    CIDFontType2 (TrueType outlines) with a FontFile2 stream: TYPE42; fonttype 3 gives Type3."""
    data = pathlib.Path(path).read_bytes()
    kinds = set(re.findall(rb"/Subtype\s*/(Type3|TrueType|Type1|Type0|CIDFontType0|CIDFontType2)", data))
    return kinds, b"/FontFile2" in data


def test_pdf_font_reader_sees_type3_and_truetype(tmp_path):
    # The reader can disagree: the same figure saved with fonttype 3 is Type 3, not TrueType.
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    for kind in (3, 42):
        plt.rcParams["pdf.fonttype"] = kind
        fig, ax = plt.subplots()
        ax.set_title("fonts")
        fig.savefig(tmp_path / f"f{kind}.pdf")
        plt.close(fig)
    plt.rcParams["pdf.fonttype"] = 42
    assert pdf_fonts(tmp_path / "f3.pdf")[0] == {b"Type3"}
    assert pdf_fonts(tmp_path / "f42.pdf") == TYPE42


def test_cost_figure_panels_intervals_and_type42_fonts(tmp_path):
    from l2sim_analysis import cost_figure
    summary = cost_figure.draw(design_table(), tmp_path / "fig_inherited_cost")
    cost_figure.draw_map(design_table(), tmp_path / "fig_design_map")
    assert all(rows <= cost_figure.MAX_ROWS for _, rows, _ in summary)
    assert sum(rows for _, rows, _ in summary) == 17  # every design has its row (10 rollups: split panels)
    # flow and stock intervals of every design with a non-zero, inexact cost: 15 designs x 2
    assert sum(drawn for _, _, drawn in summary) == 30
    for stem in ("fig_inherited_cost", "fig_design_map"):
        assert pdf_fonts(tmp_path / f"{stem}.pdf") == TYPE42, stem
        assert (tmp_path / f"{stem}.png").stat().st_size > 20_000


def test_relative_interval_column_draws_only_real_intervals():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from l2sim_analysis.cost_figure import relative_interval
    fig, ax = plt.subplots()
    assert relative_interval(ax, 0, 100.0, 90.0, 112.0, "C0", "o")
    assert not relative_interval(ax, 1, 100.0, 100.0, 100.0, "C0", "o")  # exact: a point, no bar
    assert not relative_interval(ax, 2, 0.0, 0.0, 0.0, "C0", "o")        # no direct cost
    assert relative_interval(ax, 3, 100.0, 10.0, 900.0, "C0", "o")       # beyond the column: clipped, arrows
    plt.close(fig)


def test_systems_figure_splits_by_holds_more_with_type42_fonts(tmp_path):
    from l2sim_analysis import systems_figure
    n = 11
    ranking = pd.DataFrame({
        "name": [f"system {i}" for i in range(n)], "attack_unit": ["all"] * n,
        "at_risk_usd": [10.0 ** (i % 9 + 2) for i in range(n)], "value_confirmed": [i % 2 == 0 for i in range(n)],
        "max_safe_usd": [10.0 ** 6] * n, "max_safe_usd_lo": [0.9e6] * n, "max_safe_usd_hi": [1.1e6] * n,
        "max_safe_stock_usd": [2e6] * n, "max_safe_stock_usd_lo": [1.8e6] * n, "max_safe_stock_usd_hi": [2.2e6] * n,
    })
    ranking["holds_more"] = ranking["at_risk_usd"] > ranking["max_safe_usd"]
    summary = systems_figure.draw(ranking, tmp_path / "fig_systems")
    assert [t for t, _, _ in summary] == list(systems_figure.PANELS)
    assert [rows for _, rows, _ in summary] == [int(ranking["holds_more"].sum()), int((~ranking["holds_more"]).sum())]
    assert all(rows <= 8 for _, rows, _ in summary)
    assert sum(drawn for _, _, drawn in summary) == 2 * n
    assert pdf_fonts(tmp_path / "fig_systems.pdf") == TYPE42


def test_sensitivity_figure_keeps_at_most_eight_rows_and_lists_the_rest(tmp_path):
    from l2sim_analysis import sensitivity_figure
    rows = []
    for s in ("a", "b"):
        for i in range(11):  # 3 inputs that matter, 8 below 0.01 everywhere
            st = 0.5 / (i + 1) if i < 3 else 0.001
            rows.append({"system": s, "name": f"system {s}", "status": "ok", "input": f"x{i}", "label": f"input {i}",
                         "S1": st * 0.9, "S1_lo": st * 0.8, "S1_hi": st, "ST": st, "ST_lo": st * 0.9, "ST_hi": st * 1.1})
    info = sensitivity_figure.draw(pd.DataFrame(rows), tmp_path / "fig_sensitivity")
    assert info["rows"] == 3 and len(info["quiet"]) == 8 and info["panels"] == 2
    assert pdf_fonts(tmp_path / "fig_sensitivity.pdf") == TYPE42
