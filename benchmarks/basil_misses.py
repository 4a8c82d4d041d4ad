"""BASIL named-speaker quotes sayso gets wrong: the quote, its context, the nearest predictions and why.

    .venv/bin/python benchmarks/basil_misses.py ../shared/data/basil [--context 160]

Each missed quote is put in one category:

* ``not_covered``: no attribution's content overlaps the quote (the extractor's recall);
* ``wrong_speaker``: an attribution covers it, but none of the covering ones names the BASIL speaker
  (the resolver, or a collective the text never names for that speaker).

For each, the words before the quote and the predictions nearest to it (content start within
``--context`` characters, or overlapping) are printed with their source, speaker and cue.
"""
import argparse
from collections import Counter

from sayso.evaluate import basil


def _near(q, atts, window):
    out = []
    for a in atts:
        d = a.to_dict()
        cs = d.get("content") or []
        if not cs:
            continue
        s, e = cs[0]["start"], cs[-1]["end"]
        over = any(c["start"] < q.end and c["end"] > q.start for c in cs)
        if over or abs(s - q.start) <= window or abs(e - q.start) <= window:
            out.append((over, d))
    return out


def misses(items, window: int = 160):
    """(category, article, quote, context, nearest predictions) for every quote judged wrong."""
    for article, quotes, atts in items:
        for q in quotes:
            covered, correct = basil.judge(q, atts)
            if correct:
                continue
            context = article.text[max(0, q.start - window):q.start].replace("\n", " / ")
            yield ("wrong_speaker" if covered else "not_covered"), article, q, context, _near(q, atts, window)


def report(items, window: int = 160) -> str:
    lines, counts = [], Counter()
    for cat, article, q, context, near in misses(items, window):
        counts[cat] += 1
        lines.append(f"== {cat}  {article.id}  speaker {q.speaker}")
        lines.append(f"   before: …{context[-window:]!s}")
        lines.append(f"   quote:  {q.text[:220]!s}")
        for over, d in near:
            sp = d.get("speaker") or {}
            src = (d.get("source") or {}).get("text")
            cue = (d.get("cue") or {}).get("text")
            content = " | ".join(c["text"] for c in d["content"])[:140]
            lines.append(f"   {'COVERS' if over else 'near  '} src={src!r} speaker={sp.get('name')!r} cue={cue!r} "
                         f"conf={d.get('confidence')} content={content!r}")
    lines.append(f"misses: {dict(counts)}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("basil_dir")
    ap.add_argument("--context", type=int, default=160)
    args = ap.parse_args()
    from sayso.pipeline import Pipeline
    pipeline = Pipeline()
    loaded = list(basil.load(args.basil_dir))
    results = pipeline.analyze_many(a for a, _ in loaded)
    items = [(a, q, list(r.attributions)) for (a, q), r in zip(loaded, results)]
    print(report(items, args.context))


if __name__ == "__main__":
    main()
