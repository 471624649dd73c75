"""The project's figure style: vector PDF with embedded TrueType fonts (no Type 3), a
colour-blind-safe palette (Okabe and Ito 2008), column-width sizes, and deterministic files."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
COLUMN_WIDTH_IN = 3.5
DOUBLE_WIDTH_IN = 7.0


def apply():
    plt.rcParams.update({
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "font.size": 8,
        "axes.labelsize": 8,
        "legend.fontsize": 7,
        "axes.prop_cycle": matplotlib.cycler(color=OKABE_ITO),
        "figure.dpi": 150,
        "savefig.bbox": "tight",
        "svg.hashsalt": "l2sim",
    })


def figure(width=COLUMN_WIDTH_IN, aspect=0.75):
    apply()
    return plt.subplots(figsize=(width, width * aspect))


def save(fig, stem):
    """Writes STEM.pdf and STEM.png; no timestamps, so the same data gives the same bytes."""
    fig.savefig(f"{stem}.pdf", metadata={"CreationDate": None, "ModDate": None, "Producer": "l2sim"})
    fig.savefig(f"{stem}.png", dpi=200, metadata={"Software": None})
    plt.close(fig)
