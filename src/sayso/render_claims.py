"""Plain-text claim cards for `sayso claims` and `sayso claim`."""
from __future__ import annotations


def summary_line(card: dict) -> str:
    """ "N reports in M outlets, K independent origins" """
    n, m, k = card.get("reports_total", len(card.get("reports", ()))), card["outlets"], card["independent_origins"]
    return (f"{n} report{'s' * (n != 1)} in {m} outlet{'s' * (m != 1)}, "
            f"{k} independent origin{'s' * (k != 1)}")


def render_claim_row(card: dict) -> str:
    """One line per claim in a listing."""
    when = card["first_seen"] or "no date"
    return f"#{card['id']:<6} {when}  {summary_line(card)}\n        {card['statement'][:160]}"


def render_claim_card(card: dict) -> str:
    """The whole card: statement, counts, who backs it, who denies it, origins and reports."""
    lines = [f"claim #{card['id']}: {card['statement']}",
             f"first seen {card['first_seen'] or 'no date'} · {summary_line(card)}",
             f"supporters: {', '.join(card['supporters']) or '-'}",
             f"deniers: {', '.join(card['deniers']) or '-'}", "origins:"]
    for o in card["origins"]:
        via = f" via {o['via']}" if o.get("via") and o["via"] not in o["speaker"] else ""
        lines.append(f"  {o['speaker']} ({o['type']}{via}): {o['count']} report{'s' * (o['count'] != 1)} "
                     f"in {len(o['articles'])} article{'s' * (len(o['articles']) != 1)}")
    lines.append("reports:")
    for r in card["reports"]:
        who = r["speaker"] or "(headline)"
        copy = f" [copy of {r['copy_of']}]" if r["copy_of"] else ""
        lines.append(f"  {r['date'] or '----------'} {r['article']}{copy} {who} [{r['stance']}]: {r['text'][:120]}")
    return "\n".join(lines)
