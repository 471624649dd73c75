#!/usr/bin/python3
"""Sobol sensitivity of each real system's headline cost (systems/*.toml; its cheapest successful
attack under the feasible plan) to the economic and behavioural assumptions, from the results
files the estimator priced: the design files' plans (model design_attack) and the Lightning sweeps
(see l2sim_analysis/sensitivity.py for how each assumption enters).

    /usr/bin/python3 analysis/sensitivity.py RESULTS.h5... -o results [--n-base 4096]
        [--table results/inherited_cost.csv --l2sim build/l2sim]

With --table (the estimator's table, written with --refine), every Lightning family the estimator
refined is re-simulated at its refined budget (one `l2sim sweep` per results file; the same master seed
and common random numbers give the same runs the bisection made), so the headline cost is the
refined one, not the swept grid's. Without it the swept budget grid is used (and said so).

Writes OUT/sensitivity.csv (system, input, S1 and ST each with a bootstrap 95% interval, sample
size, which budgets) and OUT/fig_sensitivity.{pdf,png}. Exit code 2 on bad input (results,
economics, systems or table)."""
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


def system_points(frame, swept, econ, systems, factor_files=None):
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
            out[s.key] = feasible_points(priced, fams, factor_files)
    return out


def refined_runs(frame, swept, metas, table, l2sim, threads):
    """Runs at the estimator's refined budgets: for every family whose flow row in `table` says
    budget_refined, its runs at that budget (one l2sim sweep per results file), marked
    `_refined`. Families are matched on the table's design, attack, variant and experiment,
    labelled as the estimator labels them (inheritance.family_label, variant_label)."""
    from types import SimpleNamespace

    import pandas as pd
    from l2sim_analysis.inheritance import DESIGN, budget_key, family_label, grouping_keys, variant_label
    from l2sim_analysis.refine import Refiner
    text = lambda v: "" if pd.isna(v) else str(v)  # noqa: E731
    rows = table[(table["pricing"] == "flow") & table["budget_refined"].fillna(False).astype(bool)]
    want = {(r.design, r.attack, text(r.variant), text(r.experiment)): (r.budget_key.replace(".", "__"), float(r.budget))
            for r in rows.itertuples()}
    keys = grouping_keys(frame, swept)
    varying = {ident: {k for k in keys[3:] if g[k].nunique(dropna=False) > 1}
               for ident, g in frame.groupby(["_file", *DESIGN], sort=False)}
    by_file = {}
    for _, runs in frame.groupby(keys, dropna=False, sort=False):
        params = runs.iloc[0].to_dict()
        file = int(params["_file"])
        ident = (*family_label(params), variant_label(params, keys, varying), metas[file].get("experiment_name", ""))
        key, budget = want.get(ident, (None, None))
        if key is None or budget_key(runs) != key:
            continue
        template = runs[runs[key] == runs[key].iloc[0]]
        by_file.setdefault(file, []).append((SimpleNamespace(key=key, template=template.iloc[0], n=len(template)), budget))
    if not by_file:
        return None
    refiner = Refiner(l2sim, metas, threads=threads)
    out = []
    for file, items in by_file.items():
        frames = refiner.simulate(file, [b for b, _ in items], [budget for _, budget in items])
        out += [f.assign(_file=file, _refined=True) for f in frames]
    return pd.concat(out, ignore_index=True)


def analyse(paths, econ, systems, n_base, table=None, l2sim=None, threads=2):
    import inherited_cost
    import pandas as pd
    from l2sim_analysis.plan_pricing import design_label, plan_ids
    from l2sim_analysis.sensitivity import NoFeasibleAttack, defaults, design_points, headline, merge_points, sobol
    frames, designs, swept, metas = inherited_cost.load(paths)
    points = {}
    if frames:
        frame = pd.concat(frames, ignore_index=True).assign(_refined=False)
        extra = refined_runs(frame, swept, metas, table, l2sim, threads) if table is not None else None
        if extra is not None:
            frame = pd.concat([frame, extra], ignore_index=True)
        from l2sim_analysis.sensitivity import FACTORS
        factor_files = {name: [i for i, m in metas.items() if key in m["swept"]] for name, (key, _) in FACTORS.items()}
        points = system_points(frame, swept, econ, systems, factor_files)
    by_design = {design_label(runs, ROOT)[0]: runs for _, runs in designs}
    rows = []
    for s in systems:
        mine = [design_points(runs, plan_ids(runs.columns), econ) for d, runs in by_design.items() if d in s.designs]
        pts = merge_points([points.get(s.key), *mine])
        if pts is None or pts.frame.empty:
            rows.append({"system": s.key, "name": s.name, "status": "no feasible attack in these results"})
            continue
        refined = int(pts.frame["refined"].sum())
        where = {"budgets": f"refined ({refined} refined point{'s' if refined != 1 else ''} + swept grid)"
                 if refined else ("swept grid (no refined family)" if table is not None else "swept grid")}
        base = float(headline(pts, econ, defaults(econ))[0])
        try:
            idx = sobol(pts, econ, n_base)
        except NoFeasibleAttack as e:
            rows.append({"system": s.key, "name": s.name, "status": str(e), "baseline_usd": base, "n_base": n_base,
                         **where})
            continue
        if idx is None:
            rows.append({"system": s.key, "name": s.name, "status": "constant: no assumption moves it",
                         "baseline_usd": base, "n_base": n_base, **where})
            continue
        for _, r in idx.iterrows():
            rows.append({"system": s.key, "name": s.name, "status": "ok", "baseline_usd": base, **where, **r.to_dict()})
    return pd.DataFrame(rows)


def read_table(path):
    """The estimator's table (LoadError names the file when it cannot be used)."""
    import pandas as pd
    try:
        table = pd.read_csv(path)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise LoadError(f"{path}: error: cannot read the estimator's table ({e})") from None
    missing = [c for c in ("design", "attack", "variant", "experiment", "pricing", "budget_key", "budget",
                           "budget_refined") if c not in table]
    if missing:
        raise LoadError(f"{path}: error: not the estimator's table (missing columns {', '.join(missing)})")
    return table


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="+", help="l2sim results files (design_attack and lightning models)")
    ap.add_argument("--economics", default=str(ROOT / "scenarios/economics/default.toml"))
    ap.add_argument("--systems", default=str(ROOT / "systems"), help="folder of system files")
    ap.add_argument("--n-base", type=int, default=4096, help="Saltelli base sample size N (a power of 2)")
    ap.add_argument("--table", help="the estimator's inherited_cost.csv: re-simulate its refined budgets")
    ap.add_argument("--l2sim", default=str(ROOT / "build/l2sim"), help="the l2sim binary --table runs")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="threads for those l2sim runs")
    ap.add_argument("-o", "--out", default=str(ROOT / "results"))
    args = ap.parse_args(argv)
    if args.n_base < 64 or args.n_base & (args.n_base - 1):
        print(f"--n-base: {args.n_base} must be a power of 2, at least 64", file=sys.stderr)
        return 2
    if args.table and not os.access(args.l2sim, os.X_OK):
        print(f"--l2sim: {args.l2sim}: not an executable (build it with `make build`)", file=sys.stderr)
        return 2
    from l2sim_analysis.refine import RefineError
    try:
        econ = load_economics(args.economics)
        systems = load_systems(args.systems)
        refined = read_table(args.table) if args.table else None
        table = analyse(args.results, econ, systems, args.n_base, refined, args.l2sim, args.threads)
    except (EconomicsError, LoadError, SystemsError) as e:
        print(str(e), file=sys.stderr)
        return 2
    except RefineError as e:  # the simulator failed: not bad input, nothing is written
        print(f"--table: error: {e}", file=sys.stderr)
        return 1
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
        print(f"{key}: " + ", ".join(f"{r.label} (ST {r.ST:.2f})" for r in top.itertuples())
              + f"; N = {int(top['n_base'].iloc[0])}, {top['budgets'].iloc[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
