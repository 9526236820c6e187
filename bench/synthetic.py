"""The synthetic national registry the kin benchmarks share: generated once per size and seed.

    registry_dir(workdir, n, seed) -> Path    # workdir/synth-{n}-{seed}, with registry.csv and truth.csv
    planted_ties(data) -> {(person, relative): class}   # truth.csv both ways, by relation class
"""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path


def registry_dir(workdir: Path, n: int, seed: int) -> Path:
    """The folder of the registry of n persons with this seed, generating it (``tamyr.examples.synth``) when
    it is not there yet."""
    data = workdir / f"synth-{n}-{seed}"
    if not (data / "registry.csv").exists():
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tamyr.examples.synth", "--n", str(n), "--seed", str(seed),
                        "--out", str(data)], check=True, stdout=subprocess.DEVNULL)
        print(f"generated {n:,} persons in {time.perf_counter() - started:.1f} s")
    return data


# A relationship word -> its class (the relative is the person's <word>), and each class's inverse.
CLASS_OF = {"father": "parent", "mother": "parent", "son": "child", "daughter": "child", "child": "child",
            "brother": "sibling", "sister": "sibling", "sibling": "sibling", "husband": "spouse", "wife": "spouse"}
INVERSE = {"parent": "child", "child": "parent", "sibling": "sibling", "spouse": "spouse"}


def planted_ties(data: Path) -> dict[tuple[str, str], str]:
    """The planted ties of truth.csv in both directions: (person_id, relative_id) -> the relative's class."""
    truth: dict[tuple[str, str], str] = {}
    with (data / "truth.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            cls = CLASS_OF.get(r["relationship"])
            if cls:
                truth[(r["person_id"], r["relative_id"])] = cls
                truth.setdefault((r["relative_id"], r["person_id"]), INVERSE[cls])
    return truth
