"""Analysis of l2sim results files: loading, grouping by parameter point, intervals, figure style."""
from .load import load_dataset, load_frame, swept_keys
from .stats import wilson_interval, mean_t_interval, group_success, group_mean

__all__ = ["load_dataset", "load_frame", "swept_keys", "wilson_interval", "mean_t_interval",
           "group_success", "group_mean"]
