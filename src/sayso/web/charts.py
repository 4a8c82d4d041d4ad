"""A speaker's statements over time as an inline SVG bar chart, rendered on the server."""
from __future__ import annotations

from collections import Counter

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD_X, PAD_TOP, PAD_BOTTOM = 640, 180, 36, 16, 34
BAR_COLOUR = "#0e7490"


def buckets(dates: list[str | None], weights: list[int] | None = None) -> tuple[list[tuple[str, int]], int]:
    """Counts per month (per day when everything falls in one month), in order; and the undated count.
    With ``weights``, each date stands for that many."""
    weights = [1] * len(dates) if weights is None else weights
    dated = [(d, w) for d, w in zip(dates, weights) if d and len(d) >= 7]
    undated = sum(weights) - sum(w for _, w in dated)
    months = {d[:7] for d, _ in dated}
    width = 10 if len(months) == 1 and all(len(d) >= 10 for d, _ in dated) else 7
    counts: Counter = Counter()
    for d, w in dated:
        counts[d[:width]] += w
    return sorted(counts.items()), undated


def timeline_svg(dates: list[str | None], *, label: str = "Statements over time") -> Markup:
    """Bars of statements per period; each bar carries a <title> with its period and count."""
    series, undated = buckets(dates)
    if not series:
        return Markup('<p class="muted">No dated statements to chart.</p>')
    top = max(n for _, n in series)
    plot_w, plot_h = WIDTH - 2 * PAD_X, HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / len(series)
    bar_w = max(min(step * 0.7, 60), 2)
    parts = [f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{escape(label)}: {len(series)} periods, at most {top} in one">',
             f'<line x1="{PAD_X}" y1="{PAD_TOP + plot_h}" x2="{WIDTH - PAD_X}" y2="{PAD_TOP + plot_h}" '
             'stroke="#64748b"/>']
    for i, (period, n) in enumerate(series):
        h = max(plot_h * n / top, 2)
        x = PAD_X + i * step + (step - bar_w) / 2
        y = PAD_TOP + plot_h - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR_COLOUR}">'
                     f'<title>{escape(period)}: {n} statement{"s" if n != 1 else ""}</title></rect>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                     f'class="count">{n}</text>')
        if len(series) <= 12 or i in (0, len(series) - 1):
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
                         f'class="period">{escape(period)}</text>')
    parts.append("</svg>")
    note = f'<p class="muted">{undated} undated statement{"s" if undated != 1 else ""} not shown.</p>' \
        if undated else ""
    return Markup("".join(parts) + note)
