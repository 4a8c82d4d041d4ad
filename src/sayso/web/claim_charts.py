"""A claim's charts, server-rendered SVG (no scripts): reports over time by stance, the
source x stance matrix, and the provenance graph (which outlet's reports rest on which origin)."""
from __future__ import annotations

from collections import Counter, defaultdict

from markupsafe import Markup, escape

from .charts import buckets

STANCES = ("supports", "hedges", "observing", "denies")
COLOURS = {"supports": "#15803d", "hedges": "#ca8a04", "observing": "#64748b", "denies": "#b91c1c"}
WIDTH, HEIGHT, PAD_X, PAD_TOP, PAD_BOTTOM = 640, 180, 36, 16, 34
MAX_NODES = 24


def stance_timeline_svg(counts: list[dict]) -> Markup:
    """Stacked bars of reports per period, one colour per stance, each segment titled.
    ``counts``: ``{"date", "stance", "n"}`` (reports of that stance on that date)."""
    series, undated = buckets([c.get("date") for c in counts], [c["n"] for c in counts])
    if not series:
        return Markup('<p class="muted">No dated reports to chart.</p>')
    width = len(series[0][0])
    by = defaultdict(Counter)
    for c in counts:
        if c.get("date") and len(c["date"]) >= width:
            by[c["date"][:width]][c["stance"]] += c["n"]
    top = max(n for _, n in series)
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = (WIDTH - 2 * PAD_X) / len(series)
    bar_w = max(min(step * 0.7, 60), 2)
    parts = [f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Reports of the claim '
             f'over time by stance: {len(series)} periods, at most {top} in one">',
             f'<line x1="{PAD_X}" y1="{PAD_TOP + plot_h}" x2="{WIDTH - PAD_X}" y2="{PAD_TOP + plot_h}" stroke="#64748b"/>']
    for i, (period, n) in enumerate(series):
        x, y = PAD_X + i * step + (step - bar_w) / 2, PAD_TOP + plot_h
        for stance in STANCES:
            k = by[period][stance]
            if not k:
                continue
            h = plot_h * k / top
            y -= h
            parts.append(f'<rect class="stance-{stance}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS[stance]}"><title>{escape(period)}: {k} {stance}</title></rect>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" class="period">'
                     f'{escape(period)}</text>')
    parts.append("</svg>")
    legend = " ".join(f'<span class="key"><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" '
                      f'fill="{COLOURS[s]}"/></svg> {s}</span>' for s in STANCES)
    note = f' · {undated} undated report{"s" * (undated != 1)} not shown' if undated else ""
    return Markup("".join(parts) + f'<p class="muted legend">{legend}{note}</p>')


def stance_matrix(counts: list[dict]) -> list[dict]:
    """One row per source: its reports counted by stance, most reports first.
    ``counts``: ``{"source", "stance", "n"}``."""
    rows: dict[str, Counter] = defaultdict(Counter)
    for c in counts:
        rows[c["source"]][c["stance"]] += c["n"]
    return [{"source": s, **{k: c[k] for k in STANCES}, "total": sum(c.values())}
            for s, c in sorted(rows.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))]


def _node(x: float, y: float, text: str, cls: str, anchor: str) -> str:
    return (f'<circle cx="{x}" cy="{y}" r="5" class="{cls}"/>'
            f'<text x="{x + (-10 if anchor == "end" else 10)}" y="{y + 4}" text-anchor="{anchor}">'
            f'{escape(text if len(text) <= 34 else text[:33] + "…")}<title>{escape(text)}</title></text>')


def provenance_svg(card: dict) -> Markup:
    """Outlets (left) joined to the origins (right) their reports of the claim rest on; ``card["edges"]``:
    ``{"outlet", "origin", "n", "copies"}`` (``copies``: every such report is in a wire copy)."""
    edges: Counter = Counter()
    copies: dict[tuple, bool] = {}
    for g in sorted(card["edges"], key=lambda g: -g["n"]):
        e = (g["outlet"], g["origin"])
        edges[e] += g["n"]
        copies[e] = copies.get(e, True) and g["copies"]
    outlets = list(dict.fromkeys(o for o, _ in edges))[:MAX_NODES]
    names = {o["id"]: f"{o['speaker']} ({o['type']})" for o in card["origins"]}
    origins = list(dict.fromkeys(k for _, k in edges))[:MAX_NODES]
    height = 30 + 28 * max(len(outlets), len(origins))
    lx, rx = 190, 350
    ly = {o: 24 + 28 * i for i, o in enumerate(outlets)}
    ry = {k: 24 + 28 * i for i, k in enumerate(origins)}
    parts = [f'<svg class="provenance" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="Provenance: '
             f'{len(outlets)} outlets resting on {len(origins)} origins">']
    for (o, k), n in edges.items():
        if o in ly and k in ry:
            dash = ' stroke-dasharray="4 3"' if copies[(o, k)] else ""
            parts.append(f'<line x1="{lx}" y1="{ly[o]}" x2="{rx}" y2="{ry[k]}" stroke="#94a3b8" '
                         f'stroke-width="{min(1 + n, 6)}"{dash}><title>{escape(o)} rests on '
                         f'{escape(names.get(k, k))}: {n} report{"s" * (n != 1)}</title></line>')
    parts += [_node(lx, y, o, "outlet", "end") for o, y in ly.items()]
    parts += [_node(rx, y, names.get(k, k), "origin", "start") for k, y in ry.items()]
    parts.append("</svg>")
    return Markup("".join(parts))
