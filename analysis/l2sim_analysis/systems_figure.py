"""fig_systems: per real system, the value one successful attack captures (what it holds, or one
channel for Lightning) beside the largest value it can safely hold (the cost of its cheapest
theft, flow and stock pricing, with 95% intervals). One row per system, sorted by their ratio;
a system right of its circle holds more than its cheapest theft costs."""
import numpy as np

from . import style
from .cost_figure import TICK_LABELS, TICKS, X_LIMITS, ZERO_X

CAPTION = (
    "Value at risk against the largest value each system can safely hold (USD, log scale). "
    "Diamonds: what one successful theft captures (the value held; for Lightning, one channel of "
    "the public mean size); filled when a primary source confirmed the figure, open when it is a "
    "secondary lead. Circles: the cost of the cheapest theft under flow pricing, squares under stock "
    "pricing, bars 95% intervals. A diamond right of its circle: the system holds more than its "
    "cheapest theft costs.")


def caption(ranking):
    """The caption with its message computed from the data it shows."""
    known = ranking[ranking["at_risk_usd"].notna() & (ranking["at_risk_usd"] > 0)]
    over = known[known["holds_more"]]
    return (f"{CAPTION} Message: {len(over)} of the {len(known)} systems holding a known, non-zero value "
            f"hold more than their cheapest theft costs.")
HELD, SAFE, STOCK = style.OKABE_ITO[2], style.OKABE_ITO[0], style.OKABE_ITO[3]


def _x(v):
    return ZERO_X if v == 0 else v


def draw(ranking, stem):
    import matplotlib.pyplot as plt
    style.apply()
    rows = ranking.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(style.DOUBLE_WIDTH_IN, 0.24 * len(rows) + 0.9))
    for y, r in rows.iterrows():
        ax.axhline(y, color="0.92", lw=0.5, zorder=0)
        safe = r.get("max_safe_usd", np.nan)
        if np.isfinite(safe):
            lo, hi = r["max_safe_usd_lo"], r["max_safe_usd_hi"]
            if hi > lo:
                ax.plot([_x(lo), _x(hi)], [y, y], color=SAFE, lw=1.0, zorder=2)
            st = r.get("max_safe_stock_usd", np.nan)
            if np.isfinite(st) and st != safe:
                ax.plot(_x(st), y, "s", mfc="white", mec=STOCK, ms=4.5, zorder=3)
            ax.plot(_x(safe), y, "o", color=SAFE, ms=4, zorder=4)
        risk = r["at_risk_usd"]
        if risk is not None and np.isfinite(risk):
            filled = bool(r["value_confirmed"])
            ax.plot(_x(risk), y, "D", ms=4.5, zorder=5, mec=HELD, mfc=HELD if filled else "white", mew=1.0)
        else:
            ax.text(X_LIMITS[1] * 0.7, y, "value held not found", fontsize=6, va="center", ha="right", color="0.35")
    ax.axvline(0.35, color="0.6", lw=0.6, zorder=1)
    ax.set_xscale("log")
    ax.set_xlim(*X_LIMITS)
    ax.set_xticks(TICKS, TICK_LABELS)
    ax.minorticks_off()
    ax.grid(axis="x", color="0.9", lw=0.5)
    labels = [f"{r['name']}" + (" (per channel)" if r["attack_unit"] == "channel" else "") for _, r in rows.iterrows()]
    ax.set_yticks(range(len(rows)), labels, fontsize=6.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    ax.set_xlabel("USD (log scale; 0 = nothing held, or an attack with no direct cost)")
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], marker="D", ls="", color=HELD, ms=4.5, label="value at risk (confirmed)"),
               Line2D([], [], marker="D", ls="", mec=HELD, mfc="white", ms=4.5, label="value at risk (lead)"),
               Line2D([], [], marker="o", ls="", color=SAFE, ms=4, label="max safe value: cheapest theft, flow"),
               Line2D([], [], marker="s", ls="", mec=STOCK, mfc="white", ms=4.5, label="same theft, stock")]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.55, ax.get_position().y1 + 0.01), ncol=4,
               frameon=False, fontsize=6.3, handletextpad=0.3, columnspacing=1.0)
    style.save(fig, str(stem))
