"""B-cubed F1 of the claims stored for Emergent headlines (each ingested as an article, the real
incremental path) beside batch average linkage of the same headlines with the same encoder.

Usage: .venv/bin/python benchmarks/eval_claims_grouping.py [EMERGENT_CSV]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from sayso.evaluate.grouping import stored_grouping

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "emergent" / "train.csv"

if __name__ == "__main__":
    print(json.dumps(stored_grouping(sys.argv[1] if len(sys.argv) > 1 else DEFAULT), indent=1))
