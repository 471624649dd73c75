"""analysis/headline_table.py on hand-made estimator tables whose answers are worked out here: the
same attack's stock and feasible costs are those of the cheapest flow row's own variant and
experiment (a Lightning implementation priced against another implementation's row, or shown as
"n/a", was the bug), the max safe value is the cheapest theft, and bad input exits 2."""
import math
import pathlib
import subprocess
import sys

import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "analysis"))
import headline_table  # noqa: E402

NAN = math.nan


def row(design, attack, pricing, cost, variant="", experiment="study", family="", share=0.5, safe=NAN,
        plan="no hash", ratio=NAN):
    return {"design": design, "family": family, "attack": attack, "variant": variant, "experiment": experiment,
            "pricing": pricing, "hash_plan": plan, "cost_usd": cost, "cost_usd_lo": cost * 0.9,
            "cost_usd_hi": cost * 1.1, "bitcoin_paid_usd": cost * share, "external_usd": cost * (1 - share),
            "inherited_share": share, "max_safe_value_usd": safe, "inheritance_ratio": ratio}


def lightning_table():
    """Two implementations' variants of one attack: the first rows in file order belong to the
    dearer variant (lnd), so a lookup by attack name alone picks its stock cost."""
    rows = []
    for variant, flow, stock, feasible in (("tower.latency_s=60", 5000.0, 9000.0, 7000.0),
                                          ("tower.latency_s=5", 1000.0, 3000.0, 2000.0)):
        rows.append(row("lightning (lnd)", "bribery", "flow", flow, variant=variant, family="lightning"))
        rows.append(row("lightning (lnd)", "bribery", "stock", stock, variant=variant, family="lightning"))
        rows.append(row("lightning (lnd)", "bribery", "feasible", feasible, variant=variant, family="lightning"))
    # Another implementation in another experiment with the same attack name and no stock row.
    rows.append(row("lightning (cln)", "bribery", "flow", 800.0, experiment="other", family="lightning"))
    return pd.DataFrame(rows)


def cells(text, design):
    line = next(line for line in text.splitlines() if line.startswith(f"| {design} |"))
    return [c.strip() for c in line.strip("|").split("|")]


def test_stock_and_feasible_belong_to_the_cheapest_variant():
    text = headline_table.headline(lightning_table())
    lnd = cells(text, "lightning (lnd)")
    assert lnd[1] == "bribery (tower.latency_s=5)"
    assert lnd[2] == "$1k ($900-$1.1k)"
    assert lnd[3] == "$3k" and lnd[4] == "$2k"    # not the 60 s variant's $9k / $7k
    cln = cells(text, "lightning (cln)")
    assert cln[3] == "n/a" and cln[4] == "n/a"    # its own experiment has no stock row


def test_max_safe_value_is_the_cheapest_theft_and_the_ratio_is_shown():
    t = pd.DataFrame([
        row("liquid", "peg__functionary11", "flow", 4e7, family="custody_peg", share=0.0, safe=4e7, ratio=8.0),
        row("liquid", "peg__functionary11", "stock", 4e7, family="custody_peg", share=0.0, safe=4e7),
        row("liquid", "peg__functionary11", "feasible", 4e7, family="custody_peg", share=0.0, safe=4e7),
        row("liquid", "deposit__reorg102_hash45", "flow", 1e7, family="custody_peg", share=1.0, plan="rented",
            ratio=2.0),
        row("liquid", "deposit__reorg102_hash45", "stock", 3e9, family="custody_peg", share=1.0, plan="bought"),
        row("liquid", "deposit__reorg102_hash45", "feasible", 2e9, family="custody_peg", share=1.0, plan="mixed"),
    ])
    c = cells(headline_table.headline(t), "liquid")
    assert c[1] == "deposit__reorg102_hash45"     # cheapest under flow pricing
    assert c[5] == "1.00" and c[6] == "$40M"      # a deposit reversal is no theft of the held peg
    assert c[7] == "2" and c[8] == "mixed"


def test_header_and_one_row_per_design():
    text = headline_table.headline(lightning_table())
    lines = text.strip().splitlines()
    assert lines[0].startswith("| design | cheapest attack (flow) | flow cost (95% CI)")
    assert len(lines) == 2 + 2


def test_a_file_that_is_not_the_table_exits_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    r = subprocess.run(["/usr/bin/python3", str(ROOT / "analysis/headline_table.py"), str(bad)], capture_output=True,
                       text=True)
    assert r.returncode == 2 and r.stderr.startswith(f"{bad}: error: ")
