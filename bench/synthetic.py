"""The synthetic national registry the kin benchmarks share: generated once per size and seed.

    registry_dir(workdir, n, seed) -> Path    # workdir/synth-{n}-{seed}, with registry.csv and truth.csv
"""

from __future__ import annotations

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
