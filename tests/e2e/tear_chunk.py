#!/usr/bin/python3
"""Tears one compressed chunk of a results file as a writer killed in the middle of rewriting it
in place leaves it: the chunk's second half overwritten with other bytes (fixed, from a seed).

    tear_chunk.py FILE DATASET CHUNK_INDEX
"""
import sys

import h5py
import numpy as np


def main():
    path, dataset, index = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with h5py.File(path, "r") as f:
        info = f[dataset].id.get_chunk_info(index)
    half = info.size // 2
    with open(path, "r+b") as g:
        g.seek(info.byte_offset + half)
        g.write(np.random.default_rng(20261203).bytes(info.size - half))


if __name__ == "__main__":
    main()
