"""Reads results files in a child process, so that a corrupted file that crashes the HDF5
library (an abort inside libhdf5, which no Python exception can catch) is reported as an input
error naming the file instead of killing the estimator.

Run as a script: `safe_load.py OUT.pickle FILE...` prints `loading I` before each file and
pickles, per file, the runs (status ok) and the provenance the estimator needs."""
import os
import pathlib
import pickle
import subprocess
import sys

PROVENANCE = ("model", "experiment_name", "effective_parameters", "master_seed", "replications", "seed_mode",
              "scenario_text", "scenario_file", "swept_keys")


class LoadError(ValueError):
    """A file that is not a readable l2sim results file; the message names it."""


def _read(path):
    import h5py
    from l2sim_analysis.load import load_frame
    with h5py.File(path, "r", swmr=True) as f:
        attrs = {k: f.attrs[k] for k in PROVENANCE if k in f.attrs}
    missing = [k for k in ("model", "effective_parameters", "swept_keys") if k not in attrs]
    if missing:
        return {"error": f"not an l2sim results file (no {', '.join(missing)} attribute)"}
    attrs = {k: (v.decode() if isinstance(v, bytes) else v.item() if hasattr(v, "item") else v) for k, v in attrs.items()}
    return {"frame": load_frame(path), "attrs": attrs}


def _child(out, paths):
    results = []
    for i, path in enumerate(paths):
        print(f"loading {i}", flush=True)
        try:
            results.append(_read(path))
        except Exception as e:  # noqa: BLE001 - any failure to read is an input error for this file
            results.append({"error": f"not a readable l2sim results file ({type(e).__name__}: {e})"})
    with open(out, "wb") as f:
        pickle.dump(results, f)


def _cpu_seconds(pid):
    """User + system CPU time of a process (Linux /proc; None elsewhere)."""
    try:
        fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def _wait(child):
    """The child's exit code, or None if it hung: heap corruption can leave libhdf5 waiting on a
    lock forever, which shows as a process that uses no CPU at all for HUNG_S seconds (a slow
    read of a large file on a loaded machine still uses some)."""
    idle, last = 0.0, None
    while True:
        try:
            return child.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            cpu = _cpu_seconds(child.pid)
            idle = idle + 1.0 if cpu is not None and cpu == last else 0.0
            last = cpu
            if idle >= HUNG_S:
                child.kill()
                child.wait()
                return None


HUNG_S = 20.0


def load_all(paths, scratch):
    """Per path: {"frame", "attrs"}; raises LoadError naming the first unreadable file."""
    out = pathlib.Path(scratch) / "loaded.pickle"
    log = pathlib.Path(scratch) / "progress.txt"
    with open(log, "w") as progress:
        child = subprocess.Popen([sys.executable, __file__, str(out), *map(str, paths)], stdout=progress,
                                 stderr=subprocess.DEVNULL)
        code = _wait(child)
    started = [int(line.split()[1]) for line in log.read_text().splitlines() if line.startswith("loading ")]
    if code != 0 or not out.exists():
        bad = paths[started[-1]] if started else paths[0]
        reason = "it hung" if code is None else f"signal {-code}" if code < 0 else f"exit {code}"
        raise LoadError(f"{bad}: error: not a readable l2sim results file (reading it crashed the HDF5 library: "
                        f"{reason}; the file is probably corrupted)")
    with open(out, "rb") as f:
        results = pickle.load(f)
    for path, r in zip(paths, results):
        if "error" in r:
            raise LoadError(f"{path}: error: {r['error']}")
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    _child(sys.argv[1], sys.argv[2:])
