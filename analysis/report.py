#!/usr/bin/python3
"""The Bitcoin Layer2 security report: results/report/index.html (jinja2) and index.pdf (headless
chromium), from the estimator's table (inherited_cost.csv and .md), the sensitivity table
(sensitivity.csv), the real systems (systems/*.toml) and the economics file. Draws the figures it
shows into the report folder (PNG and PDF): fig_inherited_cost, fig_design_map, fig_systems and
fig_sensitivity (copied from the sensitivity run).

    /usr/bin/python3 analysis/report.py --results results -o results/report [--no-pdf]

Exit code 2 on bad input (a missing or unreadable table, a bad systems or economics file)."""
import argparse
import datetime
import html
import os
import pathlib
import platform
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from l2sim_analysis.economics import SCHEMA, EconomicsError, load_economics  # noqa: E402
from l2sim_analysis.systems import SystemsError, load_systems  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
TEMPLATES = pathlib.Path(__file__).resolve().parent / "l2sim_analysis" / "templates"
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


class ReportError(ValueError):
    """Bad report input; the message names the file."""


def read_csv(path, what):
    import pandas as pd
    try:
        return pd.read_csv(path)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise ReportError(f"{path}: error: cannot read {what} ({e})") from None


def economics_assumptions(path):
    """Every economics key with its value, unit and the source comment written beside it."""
    rows = []
    for line in pathlib.Path(path).read_text().splitlines():
        m = re.match(r"\s*(\w+)\s*=\s*([^#]+?)\s*(?:#\s*(.*))?$", line)
        if m and m.group(1) in SCHEMA:
            rows.append({"key": m.group(1), "value": m.group(2), "unit": SCHEMA[m.group(1)][3],
                         "help": SCHEMA[m.group(1)][4], "source": m.group(3) or "(no comment)"})
    return rows


def footnotes(md_path):
    """The estimator's footnotes (`[n] text`): the model assumptions that drive its rows."""
    if not md_path.exists():
        return []
    return [line for line in md_path.read_text().splitlines() if re.match(r"^\[\d+\] ", line)]


def versions(chromium):
    """Tool and library versions the report was built with."""
    import jinja2
    import matplotlib
    import numpy
    import pandas
    import scipy
    import xarray
    out = {"python": platform.python_version(), "numpy": numpy.__version__, "scipy": scipy.__version__,
           "pandas": pandas.__version__, "matplotlib": matplotlib.__version__, "xarray": xarray.__version__,
           "jinja2": jinja2.__version__}
    git = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    out["l2sim commit"] = git.stdout.strip() or "unknown"
    if chromium:
        v = subprocess.run([chromium, "--version"], capture_output=True, text=True)
        out["chromium"] = v.stdout.strip() or "unknown"
    return out


def provenance(results):
    """Per results file: the l2sim version, commit and creation time stored in it."""
    import h5py
    rows = []
    for f in sorted(results.glob("*.h5")):
        try:
            with h5py.File(f, "r", swmr=True) as h:
                a = {k: h.attrs.get(k) for k in ("l2sim_version", "git_commit", "created_utc", "experiment_name")}
        except OSError:
            continue
        rows.append({"file": f.name, **{k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in a.items()}})
    return rows


def sobol_index(row, name):
    """`0.87 (0.84-0.90)`: an index with its bootstrap interval (the interval when the table has one)."""
    v = row.get(name)
    lo, hi = row.get(f"{name}_lo"), row.get(f"{name}_hi")
    if lo is None or hi is None or lo != lo or hi != hi:
        return f"{v:.2f}"
    return f"{v:.2f} ({lo:.2f}\u2013{hi:.2f})"


def find_chromium():
    return next((shutil.which(c) for c in CHROMIUM if shutil.which(c)), None)


def print_pdf(chromium, html_path, pdf_path):
    """Prints the page to PDF with headless chromium (no sandbox: CI runs as root)."""
    with tempfile.TemporaryDirectory(prefix="l2sim_chromium_") as profile:
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
               "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if r.returncode != 0 or not pdf_path.exists():
        raise RuntimeError(f"chromium could not print {html_path}: {r.stderr.strip()[-400:]}")


def build(results, out, systems_dir, economics, pdf=True):
    """Writes everything into a scratch folder beside OUT, then moves the files into place: a
    failure on the way leaves an earlier report untouched."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".report_", dir=out.parent) as scratch:
        scratch = pathlib.Path(scratch)
        _build(results, scratch, systems_dir, economics, pdf)
        out.mkdir(parents=True, exist_ok=True)
        for f in sorted(scratch.iterdir()):
            os.replace(f, out / f.name)
    return out / "index.html"


def latency_rows(screen, path):
    """The watcher-latency screen's rows for the page (None without a screen), each marked
    `headline_moved` when the screened runs give another cheapest plan or cost (relative 1e-9)."""
    if screen is None:
        return None
    import numpy as np
    import pandas as pd
    needed = ("design", "systems", "latencies_s", "factor", "runs", "plans", "plans_changed", "changed",
              "cheapest_plan", "cost_usd", "screened_cheapest_plan", "screened_cost_usd")
    missing = [c for c in needed if c not in screen]
    if missing:
        raise ReportError(f"{path}: error: not the watcher-latency screen (missing columns {', '.join(missing)})")
    try:
        for c in ("factor", "runs", "plans", "plans_changed", "cost_usd", "screened_cost_usd"):
            screen[c] = pd.to_numeric(screen[c], errors="raise")
    except (ValueError, TypeError) as e:
        raise ReportError(f"{path}: error: column {c}: not a number ({e})") from None
    rows = screen.fillna({"changed": "", "cheapest_plan": "", "screened_cheapest_plan": ""}).to_dict("records")
    for r in rows:
        r["headline_moved"] = bool(r["cheapest_plan"] != r["screened_cheapest_plan"]
                                   or not np.isclose(r["cost_usd"], r["screened_cost_usd"], rtol=1e-9))
    return rows


def factor_levels(sens):
    """The discrete factors that entered the sensitivity: {label: levels} over the systems."""
    if sens is None or "levels" not in sens:
        return {}
    rows = sens[sens["levels"].notna() & (sens["levels"].astype(str) != "")]
    return {r.label: str(r.levels) for r in rows.itertuples()}


def _build(results, out, systems_dir, economics, pdf):
    import jinja2
    import numpy as np
    from l2sim_analysis import cost_figure, sensitivity_figure, systems_figure
    from l2sim_analysis.ranking import design_rows, system_ranking, usd
    from l2sim_analysis.sensitivity import INPUTS
    econ = load_economics(economics)
    systems = load_systems(systems_dir)
    table = read_csv(results / "inherited_cost.csv", "the estimator's table (run make demo)")
    sens_path = results / "sensitivity.csv"
    sens = read_csv(sens_path, "the sensitivity table (run analysis/sensitivity.py)") if sens_path.exists() else None
    screen_path = results / "latency_screen.csv"
    screen = read_csv(screen_path, "the watcher-latency screen (run analysis/latency_screen.py)") \
        if screen_path.exists() else None
    ranking = system_ranking(systems, table, econ.btc_usd)
    designs = design_rows(table)
    cost_figure.draw(table[table["pricing"] != "feasible"], out / "fig_inherited_cost")
    cost_figure.draw_map(table, out / "fig_design_map")
    systems_figure.draw(ranking, out / "fig_systems")
    if sens is not None:
        sensitivity_figure.draw(sens, out / "fig_sensitivity")
    top = {}
    if sens is not None:
        for key, g in sens.groupby("system", sort=False):
            ok = g[g["status"] == "ok"].sort_values("ST", ascending=False)
            top[key] = {"status": g["status"].iloc[0], "top": ok.head(2).to_dict("records"),
                        "n_base": int(g["n_base"].dropna().iloc[0]) if g["n_base"].notna().any() else None,
                        "evaluations": int(ok["evaluations"].iloc[0]) if len(ok) else None,
                        "baseline_usd": g["baseline_usd"].iloc[0] if "baseline_usd" in g else np.nan,
                        "budgets": g["budgets"].iloc[0] if "budgets" in g and g["budgets"].notna().any() else "swept grid"}
    chromium = find_chromium()
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["usd"] = usd
    env.filters["share"] = lambda v: "n/a" if v is None or not np.isfinite(v) else f"{v:.2f}"
    env.filters["ratio"] = lambda v: "n/a" if v is None or (isinstance(v, float) and np.isnan(v)) else (
        "infinite (no direct cost)" if v == np.inf else f"{v:.3g}")
    env.filters["finite"] = lambda v: v is not None and isinstance(v, (int, float)) and bool(np.isfinite(v))
    env.filters["index"] = sobol_index
    env.filters["brief"] = lambda text: re.sub(r"\s*\([^()]*\)", "", str(text))  # the table keeps the tiers only
    env.tests["finite"] = env.filters["finite"]
    page = env.get_template("report.html.j2").render(
        generated=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        systems=systems, ranking=ranking.to_dict("records"), designs=designs.to_dict("records"),
        holds_more=[r for r in ranking.to_dict("records") if r["holds_more"]],
        top=top, inputs=INPUTS, economics=economics_assumptions(economics), econ=econ,
        footnotes=footnotes(results / "inherited_cost.md"), versions=versions(chromium),
        provenance=provenance(results), has_sensitivity=sens is not None,
        latency_screen=latency_rows(screen, screen_path), factor_levels=factor_levels(sens),
        captions={"inherited": cost_figure.CAPTION_INHERITED, "map": cost_figure.CAPTION_MAP,
                  "systems": systems_figure.caption(ranking), "sensitivity": sensitivity_figure.CAPTION},
        economics_path=os.path.relpath(economics, ROOT), n_systems=len(systems))
    html_path = out / "index.html"
    html_path.write_text(page)
    if pdf:
        if chromium is None:
            raise RuntimeError("no chromium found to print the PDF (apt-get install chromium, or pass --no-pdf)")
        print_pdf(chromium, html_path, out / "index.pdf")
    return html_path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", default=str(ROOT / "results"), help="folder with inherited_cost.csv, sensitivity.csv")
    ap.add_argument("--systems", default=str(ROOT / "systems"), help="folder of system files")
    ap.add_argument("--economics", default=str(ROOT / "scenarios/economics/default.toml"))
    ap.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    ap.add_argument("-o", "--out", default=str(ROOT / "results/report"))
    args = ap.parse_args(argv)
    try:
        path = build(pathlib.Path(args.results), pathlib.Path(args.out), args.systems, args.economics, not args.no_pdf)
    except (ReportError, SystemsError, EconomicsError) as e:
        print(str(e), file=sys.stderr)
        return 2
    except RuntimeError as e:
        print(f"report: error: {html.unescape(str(e))}", file=sys.stderr)
        return 1
    print(f"report: {path}" + ("" if args.no_pdf else f" and {path.with_suffix('.pdf')}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
