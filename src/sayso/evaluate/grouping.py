"""Grouping quality of stored claims: Emergent headlines through the real ingest path.

Each ``articleHeadline`` of an Emergent CSV becomes a JSON Lines article (title = text = the
headline) and is ingested, analysed and stored one by one, so its headline joins a claim
incrementally as any article's would. The stored claims are then scored against ``claimId``
with B-cubed F1, beside the batch grouping (``group.cluster``, average linkage over all the
headlines at once) with the same encoder (``average_linkage``).
"""
from __future__ import annotations

import csv
import json
import logging
import random
import tempfile
from collections import Counter
from pathlib import Path

from ..errors import InputError

log = logging.getLogger(__name__)


def bcubed_f1(gold: list, pred: list) -> float:
    """B-cubed F1 of a clustering ``pred`` against ``gold`` (one label per item each)."""
    pairs = Counter(zip(gold, pred))
    g, p = Counter(gold), Counter(pred)
    n = len(gold)
    precision = sum(c * c / p[pl] for (gl, pl), c in pairs.items()) / n
    recall = sum(c * c / g[gl] for (gl, pl), c in pairs.items()) / n
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def average_linkage(vectors, threshold: float) -> list[int]:
    """The batch rule ``group.cluster`` documents (average linkage of cosine similarity cut at
    ``threshold``), computed by scikit-learn: fast enough for thousands of headlines."""
    from sklearn.cluster import AgglomerativeClustering

    if len(vectors) < 2:
        return [0] * len(vectors)
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                    distance_threshold=1.0 - threshold + 1e-9)
    return model.fit_predict(vectors).tolist()


def read_headlines(path: str | Path) -> list[dict]:
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise InputError(str(path), f"cannot read ({e.strerror})") from None
    if not rows or not {"id", "articleHeadline", "claimId"} <= set(rows[0]):
        raise InputError(str(path), "needs the columns id, articleHeadline and claimId")
    return rows


def stored_grouping(path: str | Path, *, limit: int | None = None, shuffle: int | None = None) -> dict:
    """B-cubed F1 of the claims stored for the headlines, and of the batch grouping of the same:
    of every row (``bcubed_f1_batch``; a headline found twice weighs twice) and of the distinct
    headlines, the texts the store holds (``bcubed_f1_batch_distinct``). ``shuffle`` (a seed)
    ingests the headlines in a random order instead of the file's."""
    from ..batch import ingest_paths
    from ..claims import group, index
    from ..settings import Settings
    from ..store import Store

    rows = read_headlines(path)[:limit]
    order = list(rows)
    if shuffle is not None:
        random.Random(shuffle).shuffle(order)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "emergent.jsonl"
        with open(jsonl, "w", encoding="utf-8") as f:
            for r in order:
                h = r["articleHeadline"].strip()
                f.write(json.dumps({"id": f"e{r['id']}", "title": h, "text": h}) + "\n")
        with Store(Path(tmp) / "e.db", claims=True) as store:
            ingest_paths([str(jsonl)], store, Settings.load(), progress=False)
            claim_of = store.headline_claims()
    first = {}  # the same headline twice is stored once (same text): both rows get its claim
    for r in order:
        first.setdefault(r["articleHeadline"].strip(), f"e{r['id']}")
    stored = [claim_of.get(first[r["articleHeadline"].strip()], f"alone-{r['id']}") for r in rows]
    gold = [r["claimId"] for r in rows]
    batch = average_linkage(index.encode([r["articleHeadline"] for r in rows]), group.SAME_CLAIM)
    distinct = list(first)
    of_distinct = dict(zip(distinct, average_linkage(index.encode(distinct), group.SAME_CLAIM)))
    batch_distinct = [of_distinct[r["articleHeadline"].strip()] for r in rows]
    return {"headlines": len(rows), "distinct": len(distinct), "claims_stored": len(set(stored)),
            "claims_gold": len(set(gold)), "bcubed_f1_stored": round(bcubed_f1(gold, stored), 4),
            "bcubed_f1_batch": round(bcubed_f1(gold, batch), 4),
            "bcubed_f1_batch_distinct": round(bcubed_f1(gold, batch_distinct), 4)}
