"""Measure and pin the figures the accuracy gate checks (data/pinned/NAME.json).

    .venv/bin/python benchmarks/pin_figures.py polnear_dev basil labels [--allow-lower]

The corpora come from $SAYSO_SHARED/data (default ../shared/data). A pin is never lowered unless
--allow-lower is given: a drop in accuracy has to be a decision, made in the commit that pins it.
"""
import argparse
import json
import sys

from sayso.errors import SaysoError
from sayso.evaluate import gate
from sayso.settings import Settings


def measure(name: str, nlp) -> dict:
    data = Settings.load().shared_dir / "data"
    if name == "polnear_dev":
        from sayso.evaluate import polnear
        return polnear.evaluate(data / "polnear" / "dev", metadata=data / "polnear" / "metadata.tsv")
    if name == "basil":
        from sayso.evaluate import basil
        return basil.evaluate(data / "basil")
    from sayso.evaluate import labels
    return labels.evaluate(nlp=nlp)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="+", choices=sorted(gate.FIGURES))
    ap.add_argument("--allow-lower", action="store_true", help="allow a figure to be pinned lower than before")
    a = ap.parse_args()
    from sayso.nlp import load_nlp
    nlp = load_nlp()
    for name in a.names:
        measured = gate.figures(name, measure(name, nlp))
        try:
            path = gate.write_pins(name, measured, allow_lower=a.allow_lower)
        except SaysoError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        print(f"{path}: {json.dumps(measured, sort_keys=True)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
