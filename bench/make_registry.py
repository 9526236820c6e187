"""Write a SYNTHETIC national registry with ground truth, for kin-inference benchmarks.

    python bench/make_registry.py --n 1000000 --seed 1 --out /tmp/registry-1m

Thin wrapper over `python -m tamyr.examples.synth` (same options); see that module for what the
registry contains. Writes DIR/registry.csv (id,name,birth_date,gender,country,organization — the
input of `tamyr kin infer`) and DIR/truth.csv (person_id,relative_id,relationship, both directions).
"""

from tamyr.examples.synth import main

if __name__ == "__main__":
    main()
