#!/usr/bin/python3
"""The inherited-attack-cost estimator over the default study's results: the attack planner's
design files (model `design_attack`, one results file per design in designs/) and the Lightning
sweeps (model `lightning`). For every design, each plan the planner ran is priced from the
physical quantities its runs recorded (l2sim_analysis/plan_pricing.py): the budget that wins with
probability --success with an order-statistic confidence interval, in three views (flow: rent the
hash; stock: buy it, hardware charged once; feasible: rent up to the rental cap and buy the rest),
its Bitcoin-paid part (hash x time, block space) and external part (keys, stake, bribes),
inherited_share = Bitcoin-paid / total, inheritance_ratio = cost / the L1 baseline's cost (the
l1_payment design: reversing a payment after 6 confirmations), and the largest value the design
can safely hold. Lightning families are found along their budget sweeps
(l2sim_analysis/inheritance.py), optionally refined by re-running l2sim (--refine).
Re-pricing existing results needs no re-simulation: pass another --economics file.

Writes OUT/inherited_cost.csv, OUT/inherited_cost.md, OUT/fig_inherited_cost.{pdf,png} and
OUT/fig_design_map.{pdf,png}. Exit code 2 on bad input (the message names the file, and for
economics files the line and key); then nothing is written."""
import argparse
import os
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from l2sim_analysis.assumptions import bribe_threshold_btc, effective, footnotes  # noqa: E402
from l2sim_analysis import lightning  # noqa: E402
from l2sim_analysis.economics import EconomicsError, load_economics  # noqa: E402
from l2sim_analysis.safe_load import LoadError, load_all  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
COLUMNS = ["design", "family", "attack", "variant", "experiment", "pricing", "hash_plan", "cost_usd", "cost_usd_lo", "cost_usd_hi",
           "bitcoin_paid_usd", "external_usd", "cartel_cost_usd", "inherited_share", "inheritance_ratio",
           "max_safe_value_usd", "budget_key", "budget", "budget_closed_form", "success_lo", "note"]


def markdown(table, notes):
    fmt = lambda v: (f"{v:.4g}" if isinstance(v, float) else "" if v is None else str(v))  # noqa: E731
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for _, r in table.iterrows():
        lines.append("| " + " | ".join(fmt(r[c]) for c in COLUMNS) + " |")
    lines.append("")
    lines += [f"{m} {t}" for m, t in notes.items()]
    return "\n".join(lines) + "\n"


def fail(message):
    print(message, file=sys.stderr)
    return 2


def load(paths):
    """Frames with `_file`, the union of swept keys, and per-file provenance, split into design
    files (model design_attack) and Lightning files; LoadError names a file that cannot be priced."""
    with tempfile.TemporaryDirectory(prefix="l2sim_load_") as scratch:
        loaded = load_all(paths, scratch)
    frames, designs, metas, swept = [], [], {}, []
    for i, (path, r) in enumerate(zip(paths, loaded)):
        attrs, frame = r["attrs"], r["frame"]
        if attrs["model"] not in ("design_attack", "lightning"):
            raise LoadError(f"{path}: error: a '{attrs['model']}'-model results file; the estimator prices the "
                            "attack planner's design files (model design_attack: make design-study) and the "
                            "lightning model's attacks (scenarios/lightning/)")
        keys = [k.replace(".", "__") for k in str(attrs["swept_keys"]).split("\n") if k]
        metas[i] = {**attrs, "swept": keys, "path": path}
        if attrs["model"] == "design_attack":
            if frame.empty or not any(c.endswith("__success") for c in frame.columns):
                raise LoadError(f"{path}: error: no completed design_attack runs with plan columns to price")
            designs.append((i, frame))
            continue
        if not frame.empty:
            try:
                frame = lightning.adapt(frame)
            except KeyError as e:
                raise LoadError(f"{path}: error: {e.args[0]}") from None
        if frame.empty or "layer2__design" not in frame or "attack_success" not in frame:
            raise LoadError(f"{path}: error: no completed {attrs['model']} runs to price")
        swept += keys
        frames.append(frame.assign(_file=i))
    return frames, designs, list(dict.fromkeys(swept)), metas


def write_outputs(table, notes, out, figures=True):
    """Writes every output into a scratch folder first, then moves them into place: a failure on
    the way leaves nothing partial."""
    out.mkdir(parents=True, exist_ok=True)
    public = table.drop(columns=[c for c in table.columns if c.startswith("_")])
    with tempfile.TemporaryDirectory(prefix=".inherited_cost_", dir=out) as scratch:
        s = pathlib.Path(scratch)
        public.to_csv(s / "inherited_cost.csv", index=False)
        (s / "inherited_cost.md").write_text(markdown(public, notes))
        if figures:
            from l2sim_analysis.cost_figure import draw, draw_map
            draw(public[public["pricing"] != "feasible"], s / "fig_inherited_cost")
            draw_map(public, s / "fig_design_map")
        for f in sorted(s.iterdir()):
            os.replace(f, out / f.name)
    return public


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="+", help="l2sim results files (design_attack and lightning models)")
    ap.add_argument("--economics", default=str(ROOT / "scenarios/economics/default.toml"), help="[economics] TOML")
    ap.add_argument("--success", type=float, default=0.5, help="success-probability target (0..1)")
    ap.add_argument("--confidence", type=float, default=0.95, help="confidence level of the intervals")
    ap.add_argument("--by", nargs="+", metavar="KEY", help="group by these dotted keys (default: every swept key "
                    "that is not an attack budget)")
    ap.add_argument("--refine", nargs="*", metavar="BUDGET_KEY", help="refine each cheapest budget by bisection, "
                    "re-running l2sim (only families swept over these budget keys, when given)")
    ap.add_argument("--l2sim", default=str(ROOT / "build/l2sim"), help="the l2sim binary --refine runs")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="threads for --refine's l2sim runs")
    ap.add_argument("--refine-tolerance", type=float, default=0.01, help="relative bracket width --refine stops at")
    ap.add_argument("--no-figures", action="store_true", help="write the table only (no PDF/PNG figures)")
    ap.add_argument("-o", "--out", default=str(ROOT / "results"), help="output folder")
    args = ap.parse_args(argv)
    if not 0 < args.success < 1:
        return fail(f"--success: {args.success} must be in (0, 1)")
    if not 0 < args.refine_tolerance < 1:
        return fail(f"--refine-tolerance: {args.refine_tolerance} must be in (0, 1)")
    refining = args.refine is not None
    if refining and not os.access(args.l2sim, os.X_OK):
        return fail(f"--l2sim: {args.l2sim}: not an executable (build it with `make build`)")
    try:
        econ = load_economics(args.economics)
        frames, designs, swept, metas = load(args.results)
    except (EconomicsError, LoadError) as e:
        return fail(str(e))
    import pandas as pd
    from l2sim_analysis.inheritance import estimate, finish
    from l2sim_analysis.plan_pricing import design_label, estimator_rows
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    for key in args.by or []:
        if key.replace(".", "__") not in frame:
            return fail(f"--by: key '{key}' is in none of the Lightning results files")
    refiner = None
    if refining and frames:
        from l2sim_analysis.refine import Refiner
        only = [k.replace(".", "__") for k in args.refine]
        refiner = Refiner(args.l2sim, metas, args.confidence, args.refine_tolerance, args.threads, only=only)
    closed = lambda params, runs: bribe_threshold_btc(effective(metas[int(params["_file"])]), params, runs)  # noqa: E731
    names = {i: m.get("experiment_name", "") for i, m in metas.items()}
    from l2sim_analysis.refine import RefineError
    parts = []
    try:
        if frames:
            parts.append(estimate(frame, swept, econ, args.success, args.confidence, args.by, refiner, names, closed))
        for i, runs in designs:
            design, fam = design_label(runs, ROOT)
            parts.append(pd.DataFrame(estimator_rows(runs, econ, args.success, args.confidence, design, fam,
                                                     names[i], i)))
    except (KeyError, ValueError) as e:
        return fail(f"{', '.join(args.results)}: error: cannot price these results ({type(e).__name__}: {e})")
    except RefineError as e:  # the simulator failed: not bad input, nothing is written
        print(f"--refine: error: {e}", file=sys.stderr)
        return 1
    table = finish(pd.concat(parts, ignore_index=True))
    notes, table["note"] = footnotes(table, metas)
    public = write_outputs(table, notes, pathlib.Path(args.out), not args.no_figures)
    print(markdown(public[public["pricing"] == "flow"], notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
