#!/usr/bin/python3
"""Sobol sensitivity of each real system's headline cost (systems/*.toml; its cheapest successful
attack under the feasible plan) to the economic and behavioural assumptions, from the results
files the estimator priced (see l2sim_analysis/sensitivity.py for how each assumption enters).

    /usr/bin/python3 analysis/sensitivity.py RESULTS.h5... -o results [--n-base 4096]

Writes OUT/sensitivity.csv (system, input, S1, ST with a bootstrap 95% interval, sample size)
and OUT/fig_sensitivity.{pdf,png}. Exit code 2 on bad input (results, economics or systems)."""
import argparse
import os
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from l2sim_analysis.economics import EconomicsError, load_economics  # noqa: E402
from l2sim_analysis.safe_load import LoadError  # noqa: E402
from l2sim_analysis.systems import SystemsError, load_systems  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]


def system_points(frame, swept, econ, systems, watcher_files=()):
    """Per system key: the feasible budget points of its designs' attack families."""
    from l2sim_analysis.economics import price
    from l2sim_analysis.inheritance import family_label, grouping_keys
    from l2sim_analysis.sensitivity import feasible_points
    priced = price(frame, econ)
    keys = grouping_keys(priced, swept)
    priced = priced.assign(_family=priced.groupby(keys, dropna=False, sort=False).ngroup())
    labels = {f: family_label(g.iloc[0].to_dict())[0] for f, g in priced.groupby("_family", sort=False)}
    out = {}
    for s in systems:
        fams = [f for f, d in labels.items() if d in s.designs]
        if fams:
            out[s.key] = feasible_points(priced, fams, watcher_files)
    return out


def analyse(paths, econ, systems, n_base):
    import inherited_cost
    import pandas as pd
    from l2sim_analysis.sensitivity import defaults, headline, sobol
    frames, swept, metas = inherited_cost.load(paths)
    frame = pd.concat(frames, ignore_index=True)
    from l2sim_analysis.sensitivity import WATCHER_KEY
    watcher_files = [i for i, m in metas.items() if WATCHER_KEY in m["swept"]]
    rows = []
    for s in systems:
        pts = system_points(frame, swept, econ, [s], watcher_files).get(s.key)
        if pts is None or pts.frame.empty:
            rows.append({"system": s.key, "name": s.name, "status": "no feasible attack in these results"})
            continue
        base = float(headline(pts, econ, defaults(econ))[0])
        idx = sobol(pts, econ, n_base)
        if idx is None:
            rows.append({"system": s.key, "name": s.name, "status": "constant: no assumption moves it",
                         "baseline_usd": base, "n_base": n_base})
            continue
        for _, r in idx.iterrows():
            rows.append({"system": s.key, "name": s.name, "status": "ok", "baseline_usd": base, **r.to_dict()})
    return pd.DataFrame(rows)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="+", help="l2sim results files (layer2 and lightning models)")
    ap.add_argument("--economics", default=str(ROOT / "scenarios/economics/default.toml"))
    ap.add_argument("--systems", default=str(ROOT / "systems"), help="folder of system files")
    ap.add_argument("--n-base", type=int, default=4096, help="Saltelli base sample size N (a power of 2)")
    ap.add_argument("-o", "--out", default=str(ROOT / "results"))
    args = ap.parse_args(argv)
    if args.n_base < 64 or args.n_base & (args.n_base - 1):
        print(f"--n-base: {args.n_base} must be a power of 2, at least 64", file=sys.stderr)
        return 2
    try:
        econ = load_economics(args.economics)
        systems = load_systems(args.systems)
        table = analyse(args.results, econ, systems, args.n_base)
    except (EconomicsError, LoadError, SystemsError) as e:
        print(str(e), file=sys.stderr)
        return 2
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from l2sim_analysis.sensitivity_figure import draw
    with tempfile.TemporaryDirectory(prefix=".sensitivity_", dir=out) as scratch:
        s = pathlib.Path(scratch)
        table.to_csv(s / "sensitivity.csv", index=False)
        draw(table, s / "fig_sensitivity")
        for f in sorted(s.iterdir()):
            os.replace(f, out / f.name)
    ok = table[table["status"] == "ok"]
    for key, g in ok.groupby("system", sort=False):
        top = g.sort_values("ST", ascending=False).head(2)
        print(f"{key}: " + ", ".join(f"{r.label} (ST {r.ST:.2f})" for r in top.itertuples()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
