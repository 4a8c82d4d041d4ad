"""The accuracy gate: measured figures against the pinned ones in ``data/pinned/*.json``.

A figure may not fall more than :data:`TOLERANCE` below its pin (the tests check this), and a pin
is never lowered by accident: :func:`write_pins` refuses a lower figure unless ``allow_lower`` is
given (``benchmarks/pin_figures.py --allow-lower``), so a drop has to be an explicit decision.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import SaysoError

__all__ = ["TOLERANCE", "PINNED_DIR", "figures", "load_pins", "drops", "write_pins"]

#: how far below its pin a figure may fall (rounding noise, not a real loss)
TOLERANCE = 0.002
PINNED_DIR = Path(__file__).resolve().parents[3] / "data" / "pinned"

#: the figures each evaluation pins: name -> path into its result
FIGURES = {
    "polnear_dev": {k: (k, "f1") for k in ("attribution", "attribution_with_source", "content_overlap",
                                            "source_exact", "cue_exact", "content_exact")},
    "basil": {"speaker_accuracy": ("speaker_accuracy",), "coverage": ("coverage",)},
    "labels": {"stance": ("stance", "accuracy"), "framing": ("framing", "accuracy"),
               "type": ("type", "accuracy")},
}
#: counts that must match exactly (a different count means different data, not a better system)
COUNTS = {"polnear_dev": {"documents": ("documents",)}, "basil": {"named_quotes": ("named_quotes",)},
          "labels": {"n": ("n",)}}


def _get(result: dict, path: tuple):
    for key in path:
        result = result[key]
    return result


def figures(name: str, result: dict) -> dict:
    """The pinned figures and counts of one evaluation's result (``polnear_dev``, ``basil``, ``labels``)."""
    if name not in FIGURES:
        raise SaysoError(f"unknown pinned evaluation {name!r}; one of {', '.join(FIGURES)}")
    out = {k: round(float(_get(result, p)), 4) for k, p in FIGURES[name].items()}
    out.update({k: _get(result, p) for k, p in COUNTS[name].items()})
    return out


def load_pins(name: str, directory: Path = PINNED_DIR, *, path: Path | None = None) -> dict:
    """The pinned figures of ``name`` (``directory/NAME.json``, or ``path``)."""
    path = Path(path) if path else Path(directory) / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise SaysoError(f"{path}: cannot read the pinned figures ({e})") from e


def drops(name: str, measured: dict, pinned: dict, tolerance: float = TOLERANCE) -> dict:
    """``{figure: (pinned, measured)}`` for every figure below its pin by more than ``tolerance``,
    and every count that differs."""
    out = {k: (v, measured.get(k)) for k, v in pinned.items()
           if k in COUNTS[name] and measured.get(k) != v}
    out.update({k: (v, measured[k]) for k, v in pinned.items()
                if k in FIGURES[name] and measured[k] < v - tolerance})
    return out


def write_pins(name: str, measured: dict, *, directory: Path = PINNED_DIR, path: Path | None = None,
               allow_lower: bool = False) -> Path:
    """Pin ``measured`` (from :func:`figures`) in ``directory/NAME.json`` (or ``path``); refuses to
    lower any pin unless ``allow_lower``."""
    path = Path(path) if path else Path(directory) / f"{name}.json"
    if path.exists() and not allow_lower:
        old = load_pins(name, path=path)
        lower = {k: (v, measured[k]) for k, v in old.items() if k in FIGURES[name] and measured.get(k, v) < v}
        if lower:
            raise SaysoError(f"{path}: would lower {', '.join(f'{k} {a} -> {b}' for k, (a, b) in lower.items())}; "
                             "pass --allow-lower to lower a pin on purpose")
    path.write_text(json.dumps(measured, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path
