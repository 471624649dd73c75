"""l2sim's analysis library: load results files (`load` gives an xarray Dataset), group runs by
parameter point with intervals, price physical outcomes in USD from an economics file, estimate
each design's inherited attack cost, read the real systems of `systems/`, rank them, and compute
the Sobol sensitivity of their headline costs.

Import in place with `PYTHONPATH=analysis` (or `pip install -e analysis`, see analysis/pyproject.toml);
analysis/examples/ holds an executed example notebook.

Main entry points:
    load(path) -> xarray.Dataset              one results file
    load_frame(path) -> pandas.DataFrame       the same, one row per run, fixed parameters as columns
    load_economics(path) -> Economics          a validated [economics] price table
    load_systems(folder) -> list[System]       systems/*.toml, validated
    plan_ids(columns), plan_rows(cols, labels, econ, target, confidence)   price a design file's plans
    design_rows(table), system_ranking(systems, table, btc_usd)   from results/inherited_cost.csv
    wilson_interval, mean_t_interval, group_success, group_mean    intervals per parameter point
"""
from .economics import load_economics
from .load import fixed_parameters, load, load_dataset, load_frame, swept_keys
from .plan_pricing import plan_ids, plan_rows
from .ranking import design_rows, system_ranking
from .stats import group_mean, group_success, mean_t_interval, wilson_interval
from .systems import load_systems

__all__ = ["load", "load_dataset", "load_frame", "fixed_parameters", "swept_keys", "load_economics",
           "load_systems", "plan_ids", "plan_rows", "design_rows", "system_ranking", "wilson_interval", "mean_t_interval",
           "group_success", "group_mean"]
