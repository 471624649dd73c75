#!/usr/bin/python3
"""`make figures`: runs the two reproduction sweeps and draws their figures into results/."""
import argparse
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--l2sim", default=str(ROOT / "build" / "l2sim"))
    ap.add_argument("--out", default=str(ROOT / "results"))
    ap.add_argument("--threads", default="2")
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(exist_ok=True)
    for name in ("double_spend", "selfish_mining"):
        h5 = out / f"{name}.h5"
        subprocess.run([args.l2sim, "sweep", str(ROOT / "scenarios/validation" / f"{name}.toml"), "-o", str(h5),
                        "--overwrite", "--threads", args.threads], check=True)
        subprocess.run(["/usr/bin/python3", str(ROOT / "analysis/figures" / f"fig_{name}.py"), str(h5),
                        "-o", str(out / f"fig_{name}")], check=True)


if __name__ == "__main__":
    main()
