"""Attack cost versus value at risk, per design: each design's cheapest theft is a horizontal band
(its cost and CI do not depend on the value it guards). Below the diagonal cost = value the attack
pays; above it, it does not. Solid: flow pricing (rent the hash); dashed: stock (buy it). Attacks
with no direct cost (a cartel of existing miners) sit on the bottom edge."""
import numpy as np

from . import style

FLOOR_USD = 1.0
# Okabe-Ito, then Tol's muted colours for designs past eight (still colour-blind safe).
COLOURS = style.OKABE_ITO + ["#882255", "#44AA99", "#117733", "#999933", "#AA4499", "#332288"]


def draw(table, stem):
    fig, ax = style.figure(style.DOUBLE_WIDTH_IN, 0.6)
    v = np.logspace(2, 12, 50)
    ax.plot(v, v, color="0.4", lw=0.8, ls=":")
    ax.text(3e10, 1.2e10, "cost = value at risk", rotation=33, fontsize=6, color="0.3", ha="center")
    theft = table[~table["attack"].str.startswith("freeze") & np.isfinite(table["cost_usd"])]
    designs = sorted(theft["design"].unique())
    for i, design in enumerate(designs):
        c = COLOURS[i % len(COLOURS)]
        for pricing, ls in (("flow", "-"), ("stock", "--")):
            rows = theft[(theft["design"] == design) & (theft["pricing"] == pricing)]
            if rows.empty:
                continue
            best = rows.loc[rows["cost_usd"].idxmin()]
            cost = max(best["cost_usd"], FLOOR_USD)
            ax.plot(v, np.full_like(v, cost), color=c, ls=ls, lw=1.2 if pricing == "flow" else 0.9,
                    label=f"{design}: {best['attack']}" if pricing == "flow" else None)
            lo, hi = max(best["cost_usd_lo"], FLOOR_USD), max(best["cost_usd_hi"], FLOOR_USD)
            if np.isfinite(lo) and np.isfinite(hi) and hi > lo:
                ax.fill_between(v, lo, hi, color=c, alpha=0.15, lw=0)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(v[0], v[-1])
    ax.set_ylim(FLOOR_USD * 0.7, 1e12)
    ax.text(v[0] * 1.3, FLOOR_USD * 1.4, "$1 line: no direct cost (existing-miner cartel)", fontsize=6, color="0.3")
    ax.set_xlabel("value at risk (USD)")
    ax.set_ylabel("cheapest successful attack (USD)")
    ax.legend(frameon=False, fontsize=5.5, loc="upper left", ncol=2, title="solid: flow (rent hash); dashed: stock (buy hash)",
              title_fontsize=6)
    style.save(fig, str(stem))


def draw_map(table, stem, pricing="stock"):
    """Every design on one chart: its cheapest successful attack (any family) against the value
    that attack puts at risk, coloured by the share paid in Bitcoin resources (hash x time, block
    space) versus outside them (bribes, keys, stake, eclipses). Stock pricing by default: the
    cost of buying the hash, as no rental market supplies a majority."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import LinearSegmentedColormap
    fig, ax = style.figure(style.DOUBLE_WIDTH_IN * 0.62, 0.95)
    rows = table[(table["pricing"] == pricing) & table["cheapest_for_design"]]
    cmap = LinearSegmentedColormap.from_list("paid", [style.OKABE_ITO[0], style.OKABE_ITO[1]])
    v = np.logspace(2, 12, 10)
    ax.plot(v, v, color="0.4", lw=0.8, ls=":")
    ax.text(2e10, 8e9, "cost = value at risk", rotation=30, fontsize=6, color="0.3", ha="center")
    legend = []
    rows = rows.sort_values(["cost_usd", "design"])
    for i, (_, r) in enumerate(rows.iterrows(), 1):
        x, y = max(r["value_at_risk_usd"], 100.0), max(r["cost_usd"], FLOOR_USD)
        share = 0.0 if not np.isfinite(r["inherited_share"]) else r["inherited_share"]
        ax.scatter([x], [y], s=30, color=cmap(share), edgecolor="black", linewidth=0.5, zorder=3)
        lo, hi = max(r["cost_usd_lo"], FLOOR_USD), max(r["cost_usd_hi"], FLOOR_USD)
        if np.isfinite(lo) and np.isfinite(hi) and hi > lo:
            ax.plot([x, x], [lo, hi], color="black", lw=0.6, zorder=2)
        # Numbers keep crowded points readable; the key beside the chart names them.
        ax.annotate(str(i), (x, y), xytext=(3 + 7 * ((i - 1) % 3), 3), textcoords="offset points", fontsize=5)
        legend.append(f"{i}. {r['design']}: {r['attack']}")
    fig.text(0.99, 0.5, "\n".join(legend), fontsize=4.6, va="center", ha="left", family="DejaVu Sans")
    sm = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(0, 1))
    cbar = fig.colorbar(sm, ax=ax, pad=0.01)
    cbar.set_label("share of the cost paid in Bitcoin resources", fontsize=6)
    cbar.ax.tick_params(labelsize=6)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(1e2, 1e12)
    ax.set_ylim(FLOOR_USD * 0.7, 1e12)
    ax.set_xlabel("value at risk (USD)")
    ax.set_ylabel(f"cheapest successful attack, {pricing} pricing (USD)")
    ax.text(1.3e2, FLOOR_USD * 1.4, "$1 line: no direct cost", fontsize=6, color="0.3")
    style.save(fig, str(stem))
