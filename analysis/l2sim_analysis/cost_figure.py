"""Attack cost versus value at risk, per design: each design's cheapest theft is a horizontal band
(its cost and CI, independent of the value it guards); above the diagonal cost = value the attack
does not pay, below it it does. Solid: flow pricing (rent the hash); dashed: stock (buy it)."""
import numpy as np

from . import style


def draw(table, stem):
    fig, ax = style.figure(style.DOUBLE_WIDTH_IN, 0.55)
    v = np.logspace(4, 12, 50)
    ax.plot(v, v, color="0.4", lw=0.8, ls=":", label="cost = value at risk")
    theft = table[~table["attack"].str.startswith("freeze") & np.isfinite(table["cost_usd"])]
    designs = sorted(theft["design"].unique())
    for i, design in enumerate(designs):
        c = style.OKABE_ITO[i % len(style.OKABE_ITO)]
        for pricing, ls in (("flow", "-"), ("stock", "--")):
            rows = theft[(theft["design"] == design) & (theft["pricing"] == pricing)]
            if rows.empty:
                continue
            best = rows.loc[rows["cost_usd"].idxmin()]
            cost = max(best["cost_usd"], 1.0)
            ax.plot(v, np.full_like(v, cost), color=c, ls=ls, lw=1.2,
                    label=f"{design}: {best['attack']}" if pricing == "flow" else None)
            lo, hi = max(best["cost_usd_lo"], 1.0), max(best["cost_usd_hi"], 1.0)
            if np.isfinite(lo) and np.isfinite(hi):
                ax.fill_between(v, lo, hi, color=c, alpha=0.15, lw=0)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(v[0], v[-1])
    ax.set_xlabel("value at risk (USD)")
    ax.set_ylabel("cheapest successful attack (USD)")
    ax.legend(frameon=False, fontsize=6, loc="upper left", ncol=2)
    style.save(fig, str(stem))
