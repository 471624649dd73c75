"""fig_systems: per real system, the value one successful attack captures (what it holds, or one
channel for Lightning) beside the largest value it can safely hold (the cost of its cheapest
theft, flow and stock pricing). Two panels: the systems that hold more than their cheapest theft
costs, then the rest (less, nothing, or value not found); rows sorted by their ratio. The 95%
intervals of the theft costs sit in a column of their own, relative to the estimate (on the
14-decade log axis they are narrower than a marker)."""
import numpy as np

from . import style
from .cost_figure import OFFSET, TICK_LABELS, TICKS, X_LIMITS, ZERO_X, _relative_axis, relative_interval

CAPTION = (
    "Value at risk against the largest value each system can safely hold (USD, log scale). "
    "Diamonds: what one successful theft captures (the value held; for Lightning, one channel of "
    "the public mean size); filled when a primary source confirmed the figure, open when it is a "
    "secondary lead. Circles: the cost of the cheapest theft under flow pricing, squares under stock "
    "pricing; right column: their 95% bootstrap intervals divided by the estimate. Top panel: the "
    "systems whose diamond lies right of their circle, i.e. that hold more than their cheapest theft "
    "costs.")


def caption(ranking):
    """The caption with its message computed from the data it shows."""
    known = ranking[ranking["at_risk_usd"].notna() & (ranking["at_risk_usd"] > 0)]
    over = known[known["holds_more"]]
    return (f"{CAPTION} Message: {len(over)} of the {len(known)} systems holding a known, non-zero value "
            f"hold more than their cheapest theft costs.")


HELD, SAFE, STOCK = style.OKABE_ITO[2], style.OKABE_ITO[0], style.OKABE_ITO[3]
PANELS = ("Hold more than their cheapest theft costs", "Hold less, nothing, or a value not found")


def _x(v):
    return ZERO_X if v == 0 else v


def _row(ax, rel, y, r):
    ax.axhline(y, color="0.92", lw=0.5, zorder=0)
    rel.axhline(y, color="0.92", lw=0.5, zorder=0)
    drawn = 0
    safe = r.get("max_safe_usd", np.nan)
    if np.isfinite(safe):
        st = r.get("max_safe_stock_usd", np.nan)
        if np.isfinite(st) and st != safe:
            ax.plot(_x(st), y + OFFSET, "s", mfc="white", mec=STOCK, ms=4, zorder=3)
            drawn += relative_interval(rel, y + OFFSET, st, r["max_safe_stock_usd_lo"], r["max_safe_stock_usd_hi"],
                                       STOCK, "s", filled=False)
        ax.plot(_x(safe), y - OFFSET, "o", color=SAFE, ms=4, zorder=4)
        drawn += relative_interval(rel, y - OFFSET, safe, r["max_safe_usd_lo"], r["max_safe_usd_hi"], SAFE, "o")
    else:
        rel.text(1.0, y, "no theft modelled", fontsize=5.5, ha="center", va="center", color="0.35")
    risk = r["at_risk_usd"]
    if risk is not None and np.isfinite(risk):
        filled = bool(r["value_confirmed"])
        ax.plot(_x(risk), y, "D", ms=4.5, zorder=5, mec=HELD, mfc=HELD if filled else "white", mew=1.0)
    else:
        ax.text(X_LIMITS[1] * 0.7, y, "value held not found", fontsize=6, va="center", ha="right", color="0.35")
    return drawn


def draw(ranking, stem):
    """Returns, per panel, (title, rows, intervals drawn) for the tests."""
    import matplotlib.pyplot as plt
    style.apply()
    rows = ranking.reset_index(drop=True)
    groups = [(PANELS[0], rows[rows["holds_more"]]), (PANELS[1], rows[~rows["holds_more"]])]
    groups = [(t, g) for t, g in groups if len(g)]
    heights = [len(g) for _, g in groups]
    fig = plt.figure(figsize=(style.DOUBLE_WIDTH_IN, 0.24 * sum(heights) + 0.45 * len(groups) + 0.7))
    grid = fig.add_gridspec(len(groups), 2, height_ratios=heights, width_ratios=[4.2, 1], wspace=0.04,
                            hspace=0.18)
    summary, axes = [], []
    for i, (title, sub) in enumerate(groups):
        ax = fig.add_subplot(grid[i, 0])
        rel = fig.add_subplot(grid[i, 1], sharey=ax)
        axes.append(ax)
        drawn = sum(_row(ax, rel, y, r) for y, (_, r) in enumerate(sub.iterrows()))
        summary.append((title, len(sub), drawn))
        ax.axvline(0.35, color="0.6", lw=0.6, zorder=1)
        ax.set_xscale("log")
        ax.set_xlim(*X_LIMITS)
        ax.set_xticks(TICKS, TICK_LABELS)
        ax.minorticks_off()
        ax.grid(axis="x", color="0.9", lw=0.5)
        labels = [f"{r['name']}" + (" (per channel)" if r["attack_unit"] == "channel" else "") for _, r in sub.iterrows()]
        ax.set_yticks(range(len(sub)), labels, fontsize=6.5)
        ax.set_ylim(len(sub) - 0.5, -0.5)
        ax.set_title(title, fontsize=7.5, loc="left", pad=3)
        ax.tick_params(axis="y", length=0)
        for s in ("top", "right"):
            ax.spines[s].set_visible(False)
        last = i == len(groups) - 1
        if not last:
            ax.tick_params(axis="x", labelbottom=False)
        _relative_axis(rel, last)
    axes[-1].set_xlabel("USD (log scale; 0 = nothing held, or an attack with no direct cost)")
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], marker="D", ls="", color=HELD, ms=4.5, label="value at risk (confirmed)"),
               Line2D([], [], marker="D", ls="", mec=HELD, mfc="white", ms=4.5, label="value at risk (lead)"),
               Line2D([], [], marker="o", ls="", color=SAFE, ms=4, label="max safe value: cheapest theft, flow"),
               Line2D([], [], marker="s", ls="", mec=STOCK, mfc="white", ms=4.5, label="same theft, stock")]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, axes[0].get_position().y1 + 0.035), ncol=4,
               frameon=False, fontsize=6.3, handletextpad=0.3, columnspacing=1.0)
    style.save(fig, str(stem))
    return summary
