"""fig_sensitivity: per system, the Sobol total-order index of each assumption (bar, 95%
bootstrap interval) and its first-order index (dot): small multiples, one panel per system,
assumptions in the same order in every panel."""
import numpy as np

from . import style

CAPTION = (
    "Which assumption drives each system's headline cost (log10 of its cheapest successful attack, "
    "feasible plan). Bars: Sobol total-order index (Jansen estimator) with its 95% bootstrap "
    "interval; dots: first-order index. A bar near 0: the assumption does not matter over its "
    "range; total > first order: it matters through interactions (often by changing which attack "
    "is cheapest). A blank row: not an input of that system (the watcher policy enters only where a sweep varied it). Message: keyholder-secured systems are driven by the keyholders' bribe price "
    "and the BTC price, never by the price of hash.")


def draw(table, stem, columns=3):
    import matplotlib.pyplot as plt
    style.apply()
    ok = table[table["status"] == "ok"]
    systems = list(dict.fromkeys(ok["system"]))
    inputs = list(dict.fromkeys(ok.sort_values("input")["label"])) if len(ok) else []
    # one order for every panel: by mean total-order index over systems
    if len(ok):
        inputs = list(ok.groupby("label")["ST"].mean().sort_values(ascending=False).index)
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
        ax.plot(g["S1"].clip(lower=0), y, "o", color=style.OKABE_ITO[1], ms=3, mec="0.2", mew=0.4)
        name = g["name"].dropna().iloc[0] if g["name"].notna().any() else systems[k]
        ax.set_title(name if len(name) <= 38 else name[:36] + "...", fontsize=7, loc="left", pad=2)
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
               Line2D([], [], marker="o", ls="", color=style.OKABE_ITO[1], mec="0.2", ms=3, label="first-order index")]
    fig.supxlabel("Sobol index (share of the variance of log10 of the headline cost, 1)", fontsize=7)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.975), ncol=2, frameon=False, fontsize=6.5)
    style.save(fig, str(stem))
