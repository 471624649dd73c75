"""The example notebook runs from top to bottom (nbclient, the Debian python3 kernel)."""
import os
import pathlib

import nbformat
from nbclient import NotebookClient

from conftest import l2sim_binary

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_example_notebook_executes():
    path = ROOT / "analysis/examples/l2sim_analysis_tour.ipynb"
    nb = nbformat.read(path, as_version=4)
    os.environ.setdefault("L2SIM", l2sim_binary())
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # the kernel's debugger note on frozen modules
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    last = nb.cells[-1]["outputs"][-1]["data"]["text/plain"]
    assert "Liquid Network" in last
