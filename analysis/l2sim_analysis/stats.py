"""Intervals for success probabilities (Wilson) and means (Student t), grouped by parameter point."""
import numpy as np
from scipy import stats


def wilson_interval(successes, n, confidence=0.95):
    """Wilson score interval (Wilson 1927): well behaved near 0 and 1, unlike the normal one."""
    successes, n = np.asarray(successes, float), np.asarray(n, float)
    z = stats.norm.ppf(0.5 + confidence / 2)
    p = np.where(n > 0, successes / np.maximum(n, 1), np.nan)
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return p, centre - half, centre + half


def mean_t_interval(values, confidence=0.95):
    """Mean with a Student-t interval."""
    x = np.asarray(values, float)
    x = x[~np.isnan(x)]
    if len(x) < 2:
        return (x.mean() if len(x) else np.nan), np.nan, np.nan
    half = stats.t.ppf(0.5 + confidence / 2, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x))
    return x.mean(), x.mean() - half, x.mean() + half


def group_success(frame, keys, column="attack_success", confidence=0.95):
    """Per parameter point: n, successes, p and its Wilson interval."""
    g = frame.groupby(keys)[column].agg(["sum", "count"]).reset_index()
    p, lo, hi = wilson_interval(g["sum"], g["count"], confidence)
    return g.assign(p=p, lo=lo, hi=hi)


def group_mean(frame, keys, column, confidence=0.95):
    """Per parameter point: mean of `column` with a t interval."""
    rows = []
    for point, sub in frame.groupby(keys):
        m, lo, hi = mean_t_interval(sub[column], confidence)
        rows.append((*np.atleast_1d(point), m, lo, hi, len(sub)))
    import pandas as pd
    return pd.DataFrame(rows, columns=[*keys, "mean", "lo", "hi", "n"])
