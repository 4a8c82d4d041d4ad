"""Terminal rendering for the CLI (rich). Source, cue and content keep one colour everywhere."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from .model import AnalyzedArticle

STYLES = {"source": "bold cyan", "cue": "bold magenta", "content": "green"}
LEGEND = Text.assemble("legend: ", ("source", STYLES["source"]), "  ", ("cue", STYLES["cue"]),
                       "  ", ("content", STYLES["content"]))


def _span_text(span) -> str:
    if span is None:
        return ""
    return span["text"] if isinstance(span, dict) else span.text


def _speaker_label(att: dict) -> str:
    sp = att.get("speaker")
    if sp:
        extra = ", ".join(x for x in (sp.get("type"), sp.get("role")) if x)
        return f"{sp['name']} ({extra})" if extra else sp["name"]
    return _span_text(att.get("source")) or "(no source)"


def _stance_label(att: dict) -> str:
    st = att.get("stance")
    if not st:
        return ""
    label = st.get("label") if isinstance(st, dict) else st
    framing = st.get("framing") if isinstance(st, dict) else None
    return f" [{label}{', ' + framing if framing and framing != 'neutral' else ''}]"


def _via(att: dict) -> str:
    return f" (via #{att['via']})" if att.get("via") is not None else ""


def _content_text(att: dict) -> str:
    return " … ".join(_span_text(c) for c in att.get("content") or [])


def render_text(analyzed: AnalyzedArticle) -> str:
    """Readable who-said-what for one analysed article (plain text, for `extract --format text`)."""
    d = analyzed.to_dict()
    lines = [f"== {d['id']}: {d['title'] or ''} ({d['date'] or 'no date'})"]
    for i, att in enumerate(d["attributions"]):
        cue = _span_text(att.get("cue"))
        lines.append(f"{i:>3} {_speaker_label(att)} —{cue}—{_stance_label(att)}{_via(att)}: {_content_text(att)}")
    return "\n".join(lines)


def render_quote(row: dict) -> str:
    """One search result from the store."""
    who = row.get("speaker_name") or row.get("source") or "(no source)"
    stance = f" [{row['stance']}]" if row.get("stance") else ""
    where = " · ".join(str(x) for x in (row.get("article_date"), row.get("article_outlet"), row.get("article_key")) if x)
    body = row.get("snippet") or row.get("content") or ""
    return f"{who}{stance} ({row.get('cue') or '—'}): {body}\n    {where}"


def article_text(article: dict) -> Text:
    """The article text with every attribution's source, cue and content styled at its offsets."""
    text = Text(article["text"])
    atts = article.get("attributions") or []
    for att in atts:  # contents first, so nested sources and cues stay visible on top
        for c in att.get("content") or []:
            text.stylize(STYLES["content"], c["start"], c["end"])
    for att in atts:
        for role in ("source", "cue"):
            if att.get(role):
                text.stylize(STYLES[role], att[role]["start"], att[role]["end"])
    return text


def render_stored_article(article: dict, console: Console | None = None) -> None:
    """Print a stored article coloured, then its attributions as a list."""
    console = console or Console(highlight=False)
    head = " · ".join(str(x) for x in (article.get("outlet"), article.get("date"), article.get("url")) if x)
    console.print(Text(article.get("title") or article["id"], style="bold"))
    if head:
        console.print(Text(head, style="dim"))
    console.print(LEGEND)
    console.print()
    console.print(article_text(article))
    console.print()
    for i, att in enumerate(article.get("attributions") or []):
        conf = att.get("confidence")
        conf_s = f" {conf:.2f}" if isinstance(conf, (int, float)) else ""
        console.print(Text.assemble(f"{i:>3} ", (_speaker_label(att), STYLES["source"]), " ",
                                    (_span_text(att.get("cue")) or "—", STYLES["cue"]),
                                    _stance_label(att), _via(att), conf_s, ": ",
                                    (_content_text(att)[:200], STYLES["content"])))


def render_stats(data: dict) -> str:
    lines = []
    for k, v in data.items():
        if isinstance(v, dict):
            inner = ", ".join(f"{kk} {vv}" for kk, vv in v.items())
            lines.append(f"{k}: {inner or '—'}")
        else:
            lines.append(f"{k}: {v}")
    return "\n".join(lines)


def render_speaker_row(row: dict) -> str:
    desc = "; ".join(row.get("descriptions") or [])
    aliases = ", ".join(a for a in (row.get("aliases") or []) if a != row.get("name"))
    parts = [f"{row['name']} ({row.get('type') or 'unknown'})",
             f"{row.get('n_quotes', 0)} quotes in {row.get('n_articles', 0)} articles"]
    if aliases:
        parts.append(f"aka {aliases}")
    if desc:
        parts.append(desc)
    return " — ".join(parts)
