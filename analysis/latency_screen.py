#!/usr/bin/python3
"""Screens the design files' watcher latency (l2sim_analysis/latency_screen.py): for each design
results file whose design a real system names (systems/*.toml) and whose watchers or responders
have a latency_s, re-runs its first --runs runs with every such latency multiplied by --factor
(the same master seed, so the same runs) and compares every plan's recorded quantities run by run.

    /usr/bin/python3 analysis/latency_screen.py results/design_*.h5 -o results [--factor 10]
        [--runs 10] [--l2sim build/l2sim] [--threads 2]

Writes OUT/latency_screen.csv: design, the systems that name it, the latencies before and after,
runs compared, plans, the plans whose outcomes changed, and the design's headline (cheapest plan
at the success target, feasible plan, default prices) from the study's runs and from the screened
runs. Exit code 2 on bad input (results, economics, systems, design file); 1 when l2sim fails."""
import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from l2sim_analysis.economics import EconomicsError, load_economics  # noqa: E402
from l2sim_analysis.latency_screen import ScreenError  # noqa: E402
from l2sim_analysis.safe_load import LoadError  # noqa: E402
from l2sim_analysis.systems import SystemsError, load_systems  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
COLUMNS = ["design", "systems", "latencies_s", "screened_latencies_s", "factor", "runs", "plans", "plans_changed",
           "changed", "cheapest_plan", "cost_usd", "screened_cheapest_plan", "screened_cost_usd"]


class SimulationError(RuntimeError):
    """l2sim failed on a screened design (not bad input)."""


def design_path(frame):
    """The design file the runs read (`design.file`, relative to the repository root)."""
    path = pathlib.Path(str(frame["design__file"].iloc[0]))
    return path if path.is_absolute() else ROOT / path


def simulate(l2sim, meta, design_text, runs, threads, scratch):
    """The file's scenario with the screened design, its first `runs` runs, the same seed."""
    from l2sim_analysis.load import load_frame
    design = scratch / "design.toml"
    design.write_text(design_text)
    scenario, out = scratch / "scenario.toml", scratch / "screened.h5"
    scenario.write_text(meta["effective_parameters"] + "\n")
    cmd = [str(l2sim), "run", str(scenario), "--set", f'design.file="{design}"', "-n", str(runs),
           "--seed", str(int(meta["master_seed"])), "--threads", str(threads), "--progress", "none",
           "--overwrite", "-o", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SimulationError(f"{' '.join(cmd)}: exit {done.returncode}: {done.stderr.strip()}")
    return load_frame(out)


def screen(paths, econ, systems, factor, runs, l2sim, threads):
    import inherited_cost
    import pandas as pd
    from l2sim_analysis.latency_screen import changed_plans, composed, headline, read_design, scaled_design, shared_runs
    from l2sim_analysis.plan_pricing import design_label, plan_ids
    _, designs, _, metas = inherited_cost.load(paths)
    rows = []
    for i, frame in designs:
        label = design_label(frame, ROOT)[0]
        named_by = [s.key for s in systems if label in s.designs]
        if not named_by:
            continue
        path, results = design_path(frame), metas[i]["path"]
        if metas[i]["swept"]:
            raise ScreenError(f"{results}: error: a sweep over {', '.join(metas[i]['swept'])}; the screen "
                              "re-runs a design file's plain runs (make design-study)")
        if composed(read_design(path)[1]):
            print(f"{results}: note: {label} is a composed design (its parts' watchers live in their own files); "
                  "not screened", file=sys.stderr)
            continue
        if pathlib.Path(path).stat().st_mtime > pathlib.Path(results).stat().st_mtime:
            print(f"{results}: warning: {path} changed after these runs were made: a difference may come from "
                  "that edit, not from the latency (rerun make design-study)", file=sys.stderr)
        text, before, after = scaled_design(path, factor)
        if not before:
            continue
        plans = plan_ids(frame.columns)
        with tempfile.TemporaryDirectory(prefix="l2sim_latency_") as scratch:
            screened = simulate(l2sim, metas[i], text, runs, threads, pathlib.Path(scratch))
        base, screened = shared_runs(frame, screened)
        if base.empty:
            raise ScreenError(f"{results}: error: the screened runs share no run with the study's "
                              f"(the study has runs {', '.join(map(str, sorted(frame['run'])[:5]))}...)")
        changed, compared = changed_plans(base, screened, plans)
        plan, cost = headline(base, plans, econ)
        s_plan, s_cost = headline(screened, plans, econ)
        rows.append({"design": label, "systems": " ".join(named_by),
                     "latencies_s": "; ".join(f"{k} {v:g}" for k, v in before.items()),
                     "screened_latencies_s": "; ".join(f"{k} {v:g}" for k, v in after.items()),
                     "factor": factor, "runs": compared, "plans": len(plans), "plans_changed": len(changed),
                     "changed": " ".join(changed), "cheapest_plan": plan, "cost_usd": cost,
                     "screened_cheapest_plan": s_plan, "screened_cost_usd": s_cost})
    return pd.DataFrame(rows, columns=COLUMNS)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="+", help="design_attack results files (make design-study)")
    ap.add_argument("--economics", default=str(ROOT / "scenarios/economics/default.toml"))
    ap.add_argument("--systems", default=str(ROOT / "systems"), help="folder of system files")
    ap.add_argument("--factor", type=float, default=10.0, help="multiplier of every watcher's latency_s")
    ap.add_argument("--runs", type=int, default=10, help="runs re-simulated per design (the file's first)")
    ap.add_argument("--l2sim", default=str(ROOT / "build/l2sim"))
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("-o", "--out", default=str(ROOT / "results"))
    args = ap.parse_args(argv)
    if not (args.factor > 0 and args.factor != 1 and args.factor < 1e9) or args.runs < 1:
        print(f"--factor {args.factor} must be positive, not 1, below 1e9; --runs {args.runs} at least 1", file=sys.stderr)
        return 2
    if not os.access(args.l2sim, os.X_OK):
        print(f"--l2sim: {args.l2sim}: not an executable (build it with `make build`)", file=sys.stderr)
        return 2
    try:
        table = screen(args.results, load_economics(args.economics), load_systems(args.systems), args.factor,
                       args.runs, args.l2sim, args.threads)
    except (EconomicsError, LoadError, SystemsError, ScreenError) as e:
        print(str(e), file=sys.stderr)
        return 2
    except SimulationError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".latency_screen_", dir=out) as scratch:
        written = pathlib.Path(scratch) / "latency_screen.csv"
        table.to_csv(written, index=False)
        os.replace(written, out / "latency_screen.csv")
    for r in table.itertuples():
        print(f"{r.design}: latency x{r.factor:g}, {r.runs} runs: {r.plans_changed} of {r.plans} plans changed; "
              f"headline {r.cheapest_plan} ${r.cost_usd:,.0f} -> {r.screened_cheapest_plan} ${r.screened_cost_usd:,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
