"""The two design figures of the estimator, drawn as small multiples (one panel per design family,
at most eight rows a panel), labels on the axis beside their rows, legends above the panels:

- fig_inherited_cost: per design, its cheapest successful attack under flow pricing (rent the
  hash) and the same attack under stock pricing (buy the hash), with 95% intervals, against the L1
  baseline (double-spending a 6-confirmation payment).
- fig_design_map: per design, the share of that attack's stock cost paid in Bitcoin's own
  resources (hash x time, block space) against the share paid outside them (bribes, keys, stake,
  eclipse nodes), with the cost and its interval beside each bar.

Both read the estimator's table (one row per design, attack, parameter point and cost view)."""
import numpy as np

from . import style
from .ranking import PANEL_ORDER, design_rows, usd

MAX_ROWS = 8
ZERO_X = 0.1          # where a zero cost is drawn on the log axis (labelled "0")
X_LIMITS = (0.04, 4e13)
TICKS = [ZERO_X, 1e1, 1e3, 1e6, 1e9, 1e12]
TICK_LABELS = ["0", "$10", "$1k", "$1M", "$1B", "$1T"]
FLOW, STOCK, BASE = style.OKABE_ITO[0], style.OKABE_ITO[3], "0.35"

CAPTION_INHERITED = (
    "Cheapest successful attack per design (USD per success, log scale). Filled circles: flow "
    "pricing (rent the hash); open squares: the same attack under stock pricing (buy the hash). "
    "Bars: 95% bootstrap intervals (often narrower than the marker). Dotted and dashed lines: "
    "double-spending a 6-confirmation Bitcoin payment (L1 baseline) under flow and stock pricing. "
    "Message: apart from attacks that must out-mine Bitcoin (which cost what double-spending Bitcoin "
    "costs), every design's cheapest attack costs far less than buying the hash for an L1 double "
    "spend; custody pegs, bridges, staking and statechains sit near the rented-hash baseline, "
    "Lightning attacks and miner cartels far below it.")
CAPTION_MAP = (
    "Who pays for each design's cheapest attack (the flow-cheapest attack of the other figure, "
    "priced under stock pricing). Dark: share paid in Bitcoin's own resources (hash x time, block "
    "space); light: share paid outside them (keyholder and miner bribes, slashed stake, eclipse "
    "nodes); grey: no direct cost (a cartel of existing miners, or users who cannot exit). Right: "
    "the stock cost with its 95% interval. Message: only attacks that must out-mine Bitcoin or buy "
    "its block space inherit its cost; everything else is paid outside Bitcoin.")


def short_label(row):
    """`custody_peg (liquid): freeze`: design and attack, trimmed to fit the axis."""
    text = f"{row['design']}: {row['attack']}".replace(" upgrade delay", " delay")
    return text if len(text) <= 74 else text[:72] + "..."


def panels(rows, max_rows=MAX_ROWS):
    """(title, rows) per panel in PANEL_ORDER; a family with more rows than max_rows is split."""
    out = []
    for name in PANEL_ORDER:
        sub = rows[rows["panel"] == name]
        chunks = [sub.iloc[i:i + max_rows] for i in range(0, len(sub), max_rows)]
        for k, chunk in enumerate(chunks):
            title = name if len(chunks) == 1 else f"{name} ({k + 1}/{len(chunks)})"
            out.append((title, chunk))
    return out or [("no design with a finite cost in these results", rows)]


def _panel_axes(parts, width, row_in=0.2):
    import matplotlib.pyplot as plt
    style.apply()
    heights = [max(len(rows), 1) for _, rows in parts]
    fig = plt.figure(figsize=(width, sum(heights) * row_in + 0.42 * len(parts) + 0.5))
    grid = fig.add_gridspec(len(parts), 1, height_ratios=heights, hspace=0.5 / max(heights) + 0.35)
    return fig, [fig.add_subplot(grid[i]) for i in range(len(parts))]


def _x(v):
    return ZERO_X if v == 0 else v


def _interval(ax, y, row, prefix, colour):
    lo, hi = row[f"{prefix}_cost_usd_lo"], row[f"{prefix}_cost_usd_hi"]
    if np.isfinite(lo) and np.isfinite(hi) and hi > lo:
        ax.plot([_x(lo), _x(hi)], [y, y], color=colour, lw=1.0, zorder=2, solid_capstyle="butt")


def _rows_axis(ax, title, rows, labels):
    ax.set_yticks(range(len(rows)), labels, fontsize=6.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_title(title, fontsize=7.5, loc="left", pad=3)
    ax.tick_params(axis="y", length=0)
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)


def draw(table, stem):
    """fig_inherited_cost: cheapest attack per design, flow and stock, with intervals."""
    rows = design_rows(table)
    parts = panels(rows)
    fig, axes = _panel_axes(parts, style.DOUBLE_WIDTH_IN)
    base = rows[rows["family"] == "l1_payment"]
    for (title, sub), ax in zip(parts, axes):
        for y, (_, r) in enumerate(sub.iterrows()):
            ax.axhline(y, color="0.92", lw=0.5, zorder=0)
            _interval(ax, y, r, "flow", FLOW)
            _interval(ax, y, r, "stock", STOCK)
            if np.isfinite(r["stock_cost_usd"]):
                ax.plot(_x(r["stock_cost_usd"]), y, "s", mfc="white", mec=STOCK, mew=1.0, ms=4.5, zorder=3)
            ax.plot(_x(r["flow_cost_usd"]), y, "o", color=FLOW, ms=4, zorder=4)
        if len(base):
            ax.axvline(base.iloc[0]["flow_cost_usd"], color=BASE, lw=0.8, ls=":", zorder=1)
            ax.axvline(base.iloc[0]["stock_cost_usd"], color=BASE, lw=0.8, ls="--", zorder=1)
        ax.axvline(0.35, color="0.6", lw=0.6, zorder=1)  # the break between 0 and the log axis
        ax.set_xscale("log")
        ax.set_xlim(*X_LIMITS)
        ax.set_xticks(TICKS, TICK_LABELS)
        ax.minorticks_off()
        ax.grid(axis="x", color="0.9", lw=0.5)
        _rows_axis(ax, title, sub, [short_label(r) for _, r in sub.iterrows()])
        if ax is not axes[-1]:
            ax.tick_params(axis="x", labelbottom=False)
    axes[-1].set_xlabel("cheapest successful attack (USD per success, log scale; 0 = no direct cost)")
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], marker="o", color=FLOW, ls="", ms=4, label="flow: rent the hash"),
               Line2D([], [], marker="s", mfc="white", mec=STOCK, ls="", ms=4.5, label="stock: buy the hash"),
               Line2D([], [], color=BASE, ls=":", lw=0.8, label="L1 double-spend (6 conf.), flow"),
               Line2D([], [], color=BASE, ls="--", lw=0.8, label="L1 double-spend, stock")]
    top = axes[0].get_position().y1
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, top + 0.025), ncol=4, frameon=False,
               fontsize=6.5, handletextpad=0.4, columnspacing=1.2)
    style.save(fig, str(stem))


def draw_map(table, stem, pricing="stock"):
    """fig_design_map: the share of each design's cheapest attack paid in Bitcoin resources."""
    rows = design_rows(table)
    parts = panels(rows)
    fig, axes = _panel_axes(parts, style.DOUBLE_WIDTH_IN * 0.86)
    paid, outside, none = style.OKABE_ITO[0], "#A6CEE3", "0.8"
    for (title, sub), ax in zip(parts, axes):
        for y, (_, r) in enumerate(sub.iterrows()):
            share = r[f"{pricing}_inherited_share"]
            cost = r[f"{pricing}_cost_usd"]
            if not np.isfinite(share) or not np.isfinite(cost) or cost == 0:
                ax.barh(y, 1.0, color=none, height=0.62)
                text = "$0 (no direct cost)"
            else:
                ax.barh(y, share, color=paid, height=0.62)
                ax.barh(y, 1 - share, left=share, color=outside, height=0.62)
                lo, hi = r[f"{pricing}_cost_usd_lo"], r[f"{pricing}_cost_usd_hi"]
                text = usd(cost) + (f" ({usd(lo)}-{usd(hi)})" if hi > lo else "")
            ax.text(1.02, y, text, va="center", ha="left", fontsize=6.2, transform=ax.get_yaxis_transform())
        ax.set_xlim(0, 1)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
        _rows_axis(ax, title, sub, [short_label(r) for _, r in sub.iterrows()])
        if ax is not axes[-1]:
            ax.tick_params(axis="x", labelbottom=False)
    axes[-1].set_xlabel(f"share of the attack's cost ({pricing} pricing) paid in Bitcoin resources (%)")
    from matplotlib.patches import Patch
    handles = [Patch(color=paid, label="paid in Bitcoin resources (hash, block space)"),
               Patch(color=outside, label="paid outside (bribes, keys, stake, eclipse)"),
               Patch(color=none, label="no direct cost")]
    top = axes[0].get_position().y1
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.45, top + 0.025), ncol=3, frameon=False,
               fontsize=6.5, handlelength=1.2)
    fig.text(0.93, top + 0.005, f"{pricing} cost (95% CI)", fontsize=6.5, ha="left", va="bottom")
    style.save(fig, str(stem))
