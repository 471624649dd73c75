#!/usr/bin/python3
"""Exit 0 when two l2sim results files hold identical datasets (root columns and events/).

Attributes (timestamps, wall time, thread count) are provenance and may differ; data may not.
Also checks that every run is present exactly once with status ok, unless --allow-pending.
"""
import argparse
import sys

import h5py
import numpy as np


def datasets(f):
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj[()]) if isinstance(obj, h5py.Dataset) else None)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--allow-pending", action="store_true")
    args = ap.parse_args()
    with h5py.File(args.a, "r", swmr=True) as fa, h5py.File(args.b, "r", swmr=True) as fb:
        da, db = datasets(fa), datasets(fb)
        if sorted(da) != sorted(db):
            sys.exit(f"different datasets: {sorted(set(da) ^ set(db))}")
        for name in sorted(da):
            x, y = da[name], db[name]
            if x.dtype != y.dtype or x.shape != y.shape or not np.array_equal(x, y, equal_nan=x.dtype.kind == "f"):
                sys.exit(f"dataset {name} differs")
        if not args.allow_pending:
            for d in (da, db):
                if not (d["status"] == 1).all():
                    sys.exit("some runs are not ok")
                if not np.array_equal(d["run"], np.arange(len(d["run"]))):
                    sys.exit("runs are not present exactly once")
    print(f"identical: {len(da)} datasets, {len(da['run'])} runs")


if __name__ == "__main__":
    main()
