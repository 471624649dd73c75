"""The two design figures of the estimator, drawn as small multiples (one panel per design family,
at most eight rows a panel), labels on the axis beside their rows, legends above the panels:

- fig_inherited_cost: per design, its cheapest successful attack under flow pricing (rent the
  hash) and the same attack under stock pricing (buy the hash) against the L1 baseline
  (double-spending a 6-confirmation payment); its 95% intervals are drawn in a column of their own,
  relative to the estimate (a +-10% interval is a few pixels on a 14-decade log axis, hidden by
  its marker: the relative column shows every interval at a readable scale).
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
REL_LIMITS = (0.6, 1.4)   # the interval column: bound / estimate
OFFSET = 0.17             # flow above, stock below the row line, so neither hides the other

CAPTION_INHERITED = (
    "Cheapest attack per design at the success target (USD, log scale: a design plan's budget that wins half its runs, a Lightning attack's cost per success). Filled circles: flow "
    "pricing (rent the hash); open squares: the same attack under stock pricing (buy the hash). "
    "Dotted and dashed lines: double-spending a 6-confirmation Bitcoin payment (L1 baseline) under "
    "flow and stock pricing. Right column: each cost's 95% bootstrap interval divided by the "
    "estimate (a point at 1 without a bar: the cost is exact, e.g. a fixed bribe; 0: no direct "
    "cost). Message: only attacks that must out-mine Bitcoin cost what an L1 double spend costs; "
    "every other design's cheapest attack is at least a hundred times cheaper than buying the hash "
    "for one.")
CAPTION_MAP = (
    "Who pays for each design's cheapest attack (the flow-cheapest attack of the other figure, "
    "priced under stock pricing). Dark: share paid in Bitcoin's own resources (hash x time, block "
    "space); light: share paid outside them (keyholder and miner bribes, slashed stake, eclipse "
    "nodes); grey: no direct cost (users who cannot exit). A cartel of existing miners pays with its "
    "hash: the hardware value it loses when the price falls after the attack. Right: "
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


def _panel_axes(parts, width, row_in=0.2, relative=False):
    """One axis per panel (and, with `relative`, a narrow interval column beside each)."""
    import matplotlib.pyplot as plt
    style.apply()
    heights = [max(len(rows), 1) for _, rows in parts]
    fig = plt.figure(figsize=(width, sum(heights) * row_in + 0.42 * len(parts) + 0.5))
    grid = fig.add_gridspec(len(parts), 2 if relative else 1, height_ratios=heights, hspace=0.5 / max(heights) + 0.35,
                            **({"width_ratios": [4.2, 1], "wspace": 0.04} if relative else {}))
    if not relative:
        return fig, [fig.add_subplot(grid[i]) for i in range(len(parts))]
    main = [fig.add_subplot(grid[i, 0]) for i in range(len(parts))]
    return fig, main, [fig.add_subplot(grid[i, 1], sharey=main[i]) for i in range(len(parts))]


def _x(v):
    return ZERO_X if v == 0 else v


def _interval(ax, y, row, prefix, colour):
    lo, hi = row[f"{prefix}_cost_usd_lo"], row[f"{prefix}_cost_usd_hi"]
    if np.isfinite(lo) and np.isfinite(hi) and hi > lo:
        ax.plot([_x(lo), _x(hi)], [y, y], color=colour, lw=1.0, zorder=2, solid_capstyle="butt")


def relative_interval(ax, y, cost, lo, hi, colour, marker, filled=True):
    """One cost's 95% interval divided by its estimate, on the interval column; returns whether
    an interval bar was drawn (False: a zero or infinite cost, or an exact one)."""
    if not (np.isfinite(cost) and cost > 0):
        if np.isfinite(cost):
            ax.text(1.0, y, "0", fontsize=5.5, ha="center", va="center", color=colour)
        return False
    a, b = lo / cost, hi / cost
    drawn = bool(np.isfinite(a) and np.isfinite(b) and b > a)
    if drawn:
        ca, cb = np.clip([a, b], *REL_LIMITS)
        ax.errorbar(1.0, y, xerr=[[1.0 - ca], [cb - 1.0]], fmt="none", ecolor=colour, elinewidth=1.1, capsize=2.0,
                    capthick=0.9, zorder=3)
        for v, c in ((a, ca), (b, cb)):
            if v != c:  # beyond the column: an arrow says so
                ax.annotate("", (c, y), (1.0, y), arrowprops={"arrowstyle": "->", "color": colour, "lw": 0.9})
    ax.plot(1.0, y, marker, ms=3.2, zorder=4, color=colour, mfc=colour if filled else "white", mec=colour, mew=0.9)
    return drawn


def _relative_axis(ax, bottom):
    ax.set_xlim(*REL_LIMITS)
    ax.set_xticks([0.8, 1.0, 1.2], ["0.8", "1", "1.2"])
    ax.axvline(1.0, color="0.8", lw=0.5, zorder=0)
    ax.grid(axis="x", color="0.93", lw=0.5)
    ax.tick_params(axis="y", left=False, labelleft=False)
    ax.tick_params(axis="x", labelsize=6)
    for s in ("top", "right", "left"):
        ax.spines[s].set_visible(False)
    if not bottom:
        ax.tick_params(axis="x", labelbottom=False)
    else:
        ax.set_xlabel("95% interval / estimate (1)", fontsize=6.5)


def _interval_text(cost, lo, hi):
    """` ($5.73M-$6.36M)`, or ` (+-0.05%)` when both bounds round to the estimate's three figures
    (a stock cost dominated by the hardware bought), or nothing for an exact cost."""
    if not (np.isfinite(lo) and np.isfinite(hi) and hi > lo):
        return ""
    if usd(lo) == usd(hi):
        return f" (\u00b1{max(cost - lo, hi - cost) / cost:.2%})"
    return f" ({usd(lo)}-{usd(hi)})"


def _rows_axis(ax, title, rows, labels):
    ax.set_yticks(range(len(rows)), labels, fontsize=6.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_title(title, fontsize=7.5, loc="left", pad=3)
    ax.tick_params(axis="y", length=0)
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)


def draw(table, stem):
    """fig_inherited_cost: cheapest attack per design, flow and stock, with intervals. Returns,
    per panel, (title, rows, intervals drawn) for the tests."""
    rows = design_rows(table)
    parts = panels(rows)
    fig, axes, rel_axes = _panel_axes(parts, style.DOUBLE_WIDTH_IN, relative=True)
    base = rows[rows["design"] == "l1_payment"]
    summary = []
    for (title, sub), ax, rel in zip(parts, axes, rel_axes):
        drawn = 0
        for y, (_, r) in enumerate(sub.iterrows()):
            ax.axhline(y, color="0.92", lw=0.5, zorder=0)
            rel.axhline(y, color="0.92", lw=0.5, zorder=0)
            _interval(ax, y - OFFSET, r, "flow", FLOW)
            _interval(ax, y + OFFSET, r, "stock", STOCK)
            if np.isfinite(r["stock_cost_usd"]):
                ax.plot(_x(r["stock_cost_usd"]), y + OFFSET, "s", mfc="white", mec=STOCK, mew=1.0, ms=4, zorder=3)
            ax.plot(_x(r["flow_cost_usd"]), y - OFFSET, "o", color=FLOW, ms=4, zorder=4)
            drawn += relative_interval(rel, y - OFFSET, r["flow_cost_usd"], r["flow_cost_usd_lo"],
                                       r["flow_cost_usd_hi"], FLOW, "o")
            drawn += relative_interval(rel, y + OFFSET, r["stock_cost_usd"], r["stock_cost_usd_lo"],
                                       r["stock_cost_usd_hi"], STOCK, "s", filled=False)
        summary.append((title, len(sub), drawn))
        _relative_axis(rel, rel is rel_axes[-1])
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
    axes[-1].set_xlabel("cheapest attack at the success target (USD, log scale; 0 = no direct cost)", x=0.45)
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], marker="o", color=FLOW, ls="", ms=4, label="flow: rent the hash"),
               Line2D([], [], marker="s", mfc="white", mec=STOCK, ls="", ms=4.5, label="stock: buy the hash"),
               Line2D([], [], marker="|", color="0.3", ls="-", lw=1.1, ms=5, label="95% interval (right column)"),
               Line2D([], [], color=BASE, ls=":", lw=0.8, label="L1 double-spend (6 conf.), flow"),
               Line2D([], [], color=BASE, ls="--", lw=0.8, label="L1 double-spend, stock")]
    top = axes[0].get_position().y1
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, top + 0.025), ncol=5, frameon=False,
               fontsize=6.3, handletextpad=0.4, columnspacing=1.0)
    style.save(fig, str(stem))
    return summary


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
                text = usd(cost) + _interval_text(cost, lo, hi)
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
