"""B-cubed F1 of the claims stored for Emergent headlines (each ingested as an article, the real
incremental path) beside batch average linkage of the same headlines with the same encoder.

Usage: .venv/bin/python benchmarks/eval_claims_grouping.py [EMERGENT_CSV] [--shuffle SEED ...]

``--shuffle`` ingests the headlines in random orders as well (one store per seed): the stored
grouping should not depend on the order the articles came in.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from sayso.evaluate.grouping import stored_grouping

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "emergent" / "train.csv"

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", nargs="?", default=str(DEFAULT))
    ap.add_argument("--shuffle", type=int, nargs="*", default=[], metavar="SEED")
    a = ap.parse_args()
    print(json.dumps(stored_grouping(a.csv), indent=1), flush=True)
    for seed in a.shuffle:
        r = stored_grouping(a.csv, shuffle=seed)
        print(json.dumps({"shuffle": seed, "bcubed_f1_stored": r["bcubed_f1_stored"],
                          "claims_stored": r["claims_stored"]}), flush=True)
