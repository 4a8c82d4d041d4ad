"""Article text and search snippets as safe HTML with highlights.

Every piece of text is escaped first; only then are the highlight elements wrapped around it,
so nothing from an article can ever become markup. Spans that nest (a content span holding
another attribution's source and cue) become nested elements; spans that cross each other are
cut at the crossing point, so the elements always form a proper tree.
"""
from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from itertools import count

from markupsafe import Markup, escape

#: Inner roles win ties: at the same range, content is drawn outside source and cue.
ROLE_ORDER = {"content": 0, "source": 1, "cue": 2}


@dataclass(frozen=True)
class Mark:
    """One highlighted span of an attribution: ``role`` is source, cue or content."""

    start: int
    end: int
    role: str
    att: int  # position of the attribution in the article's list


@dataclass
class _Node:
    mark: Mark | None
    start: int
    end: int
    children: list["_Node"] = field(default_factory=list)


def marks_of(attributions: list[dict]) -> list[Mark]:
    """Every non-empty source, cue and content span of a list of attribution dicts."""
    out = []
    for i, att in enumerate(attributions):
        for role in ("source", "cue"):
            span = att.get(role)
            if span and span["end"] > span["start"]:
                out.append(Mark(span["start"], span["end"], role, i))
        for span in att.get("content") or []:
            if span["end"] > span["start"]:
                out.append(Mark(span["start"], span["end"], "content", i))
    return out


def nest(marks: list[Mark], length: int) -> _Node:
    """A tree of marks: children lie inside their parent; a mark crossing its parent's end is cut."""
    seq = count()
    heap = [(m.start, -m.end, ROLE_ORDER[m.role], next(seq), m) for m in marks]
    heapq.heapify(heap)
    root = _Node(None, 0, length)
    stack = [root]
    while heap:
        start, neg_end, order, _, m = heapq.heappop(heap)
        end = min(-neg_end, length)
        while len(stack) > 1 and stack[-1].end <= start:
            stack.pop()
        top = stack[-1]
        if end > top.end:  # crosses the enclosing mark: draw the part inside now, the rest later
            heapq.heappush(heap, (top.end, -end, order, next(seq), m))
            end = top.end
        if end <= start:
            continue
        node = _Node(m, start, end)
        top.children.append(node)
        stack.append(node)
    return root


def _render(node: _Node, text: str, attrs) -> str:
    parts, pos = [], node.start
    for child in node.children:
        parts.append(str(escape(text[pos:child.start])))
        parts.append(_render(child, text, attrs))
        pos = child.end
    parts.append(str(escape(text[pos:node.end])))
    inner = "".join(parts)
    if node.mark is None:
        return inner
    return f"<mark {attrs(node.mark)}>{inner}</mark>"


def mark_attrs(attributions: list[dict], prefix: str = "a"):
    """The attributes of a highlight element: class, focus, and the data its tooltip shows."""
    def attrs(m: Mark) -> str:
        att = attributions[m.att]
        sp = att.get("speaker") or {}
        st = att.get("stance") or {}
        source = att.get("source") or {}
        conf = att.get("confidence")
        data = {
            "class": f"hl hl-{m.role}", "tabindex": "0", "data-att": str(m.att), "data-role": m.role,
            "data-speaker": sp.get("name") or source.get("text") or "(no source)",
            "data-type": sp.get("type") or "unknown", "data-kind": att.get("kind") or "",
            "data-stance": st.get("label") or "—", "data-framing": st.get("framing") or "",
            "data-confidence": f"{conf:.2f}" if isinstance(conf, (int, float)) else "—",
            "aria-describedby": f"{prefix}-{m.att}",
        }
        return " ".join(f'{k}="{escape(v)}"' for k, v in data.items())
    return attrs


def highlight_article(text: str, attributions: list[dict], prefix: str = "a") -> Markup:
    """The article text as HTML with every source, cue and content highlighted at its offsets."""
    tree = nest(marks_of(attributions), len(text))
    return Markup(_render(tree, text, mark_attrs(attributions, prefix)))


def mark_snippet(snippet: str, marks: tuple[str, str]) -> Markup:
    """A store snippet whose matches sit between two marker characters, as safe HTML."""
    open_, close = (re.escape(m) for m in marks)
    pieces = re.split(f"{open_}(.*?){close}", snippet, flags=re.S)
    strip = str.maketrans("", "", "".join(marks))
    out = [str(escape(p.translate(strip))) if i % 2 == 0
           else f"<mark class=\"match\">{escape(p.translate(strip))}</mark>" for i, p in enumerate(pieces)]
    return Markup("".join(out))
