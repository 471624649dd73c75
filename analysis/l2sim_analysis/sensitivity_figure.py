"""fig_sensitivity: per system, the Sobol total-order index of each assumption (bar, 95%
bootstrap interval) and its first-order index (dot, with its interval): small multiples, one panel
per system, assumptions in the same order in every panel. Assumptions whose total-order index
stays below QUIET for every system share one line under the panels instead of a row each, so a
panel shows at most MAX_ROWS rows."""
import textwrap

import numpy as np

from . import style

QUIET = 0.01
MAX_ROWS = 8

CAPTION = (
    "Which assumption drives each system's headline cost (log10 of its cheapest successful attack, "
    "feasible plan). Bars: Sobol total-order index (Jansen estimator) with its 95% bootstrap "
    "interval; dots: first-order index with its interval. Total > first order: the assumption "
    "matters through interactions (often by changing which attack is cheapest). Assumptions below "
    "0.01 for every system are listed under the panels. Message: keyholder-secured systems are "
    "driven by the keyholders' bribe price and the BTC price, never by the price of hash; systems a "
    "miners' cartel can rob, by how far the price would fall after the attack.")


def draw(table, stem, columns=3):
    import matplotlib.pyplot as plt
    style.apply()
    ok = table[table["status"] == "ok"]
    systems = list(dict.fromkeys(ok["system"]))
    inputs = list(dict.fromkeys(ok.sort_values("input")["label"])) if len(ok) else []
    # one order for every panel: by mean total-order index over systems
    if len(ok):
        inputs = list(ok.groupby("label")["ST"].mean().sort_values(ascending=False).index)
    loudest = ok.groupby("label")["ST_hi"].max() if len(ok) else None
    quiet = [i for i in inputs if loudest[i] < QUIET]
    inputs = [i for i in inputs if i not in quiet][:MAX_ROWS]
    n = max(len(systems), 1)
    rows = int(np.ceil(n / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(style.DOUBLE_WIDTH_IN, 0.22 * max(len(inputs), 1) * rows + 0.9),
                             sharex=True, sharey=True, squeeze=False)
    for k, ax in enumerate(axes.flat):
        if k >= len(systems):
            ax.set_visible(False)
            continue
        g = ok[ok["system"] == systems[k]].set_index("label").reindex(inputs)
        y = np.arange(len(inputs))
        ax.barh(y, g["ST"].clip(lower=0), color=style.OKABE_ITO[0], height=0.6)
        err = np.vstack([(g["ST"] - g["ST_lo"]).clip(lower=0), (g["ST_hi"] - g["ST"]).clip(lower=0)])
        ax.errorbar(g["ST"].clip(lower=0), y, xerr=err, fmt="none", ecolor="0.2", elinewidth=0.7, capsize=1.5)
        if "S1_lo" in g:
            s1err = np.vstack([(g["S1"] - g["S1_lo"]).clip(lower=0), (g["S1_hi"] - g["S1"]).clip(lower=0)])
            ax.errorbar(g["S1"].clip(lower=0), y + 0.18, xerr=s1err, fmt="none", ecolor=style.OKABE_ITO[1],
                        elinewidth=0.7, capsize=1.2)
        ax.plot(g["S1"].clip(lower=0), y + 0.18, "o", color=style.OKABE_ITO[1], ms=3, mec="0.2", mew=0.4)
        name = g["name"].dropna().iloc[0] if g["name"].notna().any() else systems[k]
        # a long name takes two lines rather than running into the next panel's title
        ax.set_title(textwrap.fill(name, 32), fontsize=7, loc="left", pad=2)
        ax.set_xlim(0, 1.05)
        ax.set_ylim(len(inputs) - 0.5, -0.5)
        ax.set_yticks(y, inputs, fontsize=6)
        ax.tick_params(axis="x", labelsize=6)
        ax.grid(axis="x", color="0.9", lw=0.5)
        for s in ("top", "right"):
            ax.spines[s].set_visible(False)
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    handles = [Patch(color=style.OKABE_ITO[0], label="total-order index (95% bootstrap interval)"),
               Line2D([], [], marker="o", ls="", color=style.OKABE_ITO[1], mec="0.2", ms=3, label="first-order index (95% bootstrap interval)")]
    fig.tight_layout(rect=(0, 0.1 if quiet else 0.03, 1, 0.97))
    bottom = min(ax.get_position().y0 for ax in axes.flat if ax.get_visible())
    fig.text(0.5, bottom - 0.065, "Sobol index (share of the variance of log10 of the headline cost, 1)", fontsize=7,
             ha="center", va="top")
    if quiet:
        note = f"Total-order index below {QUIET} for every system (not drawn): " + "; ".join(quiet) + "."
        fig.text(0.5, 0.005, "\n".join(textwrap.wrap(note, 150)), ha="center", va="bottom", fontsize=6, color="0.25")
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.975), ncol=2, frameon=False, fontsize=6.5)
    style.save(fig, str(stem))
    return {"panels": len(systems), "rows": len(inputs), "quiet": quiet}
