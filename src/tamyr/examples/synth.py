"""Synthetic registries with ground truth (placeholder CLI; the national-scale generator follows)."""

from __future__ import annotations

import argparse
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tamyr.examples.synth")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    from .demo_registry import write_demo

    print(write_demo(args.out, seed=2025 if args.seed is None else args.seed))


if __name__ == "__main__":
    main()
