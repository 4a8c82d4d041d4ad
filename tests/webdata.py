"""Hand-made analysed articles for the web tests: correct offsets, no spaCy needed."""
from __future__ import annotations

from pathlib import Path

from sayso.model import AnalyzedArticle, Article, Attribution, Span, Speaker, Stance

REPO = Path(__file__).resolve().parent.parent
SAMPLE_REPORT = REPO / "data" / "samples" / "000_9cfde4bed9230b3c.txt"
XSS = "<script>alert(1)</script>"


def span(text: str, needle: str, after: str | None = None) -> Span:
    """The span of ``needle`` in ``text`` (the first one after ``after`` when given)."""
    start = text.index(needle, text.index(after) if after else 0)
    return Span.of(text, start, start + len(needle))


def att(text, source, cue, content, *, after=None, kind="indirect", speaker=None, stance=None, conf=0.9):
    return Attribution(
        source=span(text, source, after) if source else None,
        cue=span(text, cue, after) if cue else None,
        content=tuple(span(text, c, after) for c in content), kind=kind, confidence=conf,
        speaker=speaker, stance=stance)


WITKOFF = Speaker("Steve Witkoff", "person", confidence=0.95, role="special envoy to the Middle East",
                  affiliation="U.S.")
TRUMP = Speaker("Donald Trump", "person", confidence=0.9, role="President")
HEGSETH = Speaker("Pete Hegseth", "person", confidence=0.8, role="U.S. Defense Secretary")


def sample_report() -> AnalyzedArticle:
    """The founding sample, with its key attributions (one nested inside another's content)."""
    text = SAMPLE_REPORT.read_text(encoding="utf-8")
    quote = "“The Russians assure us"
    article = Article(id=SAMPLE_REPORT.stem, text=text, title="Trump envoy’s unusual reaction",
                      date="2026-03-11", outlet="Digi24", url="https://www.digi24.ro/example",
                      credits=("CNBC", "Washington Post"), path=str(SAMPLE_REPORT), format="text")
    atts = (
        att(text, "Witkoff", "said", ["The Russians assure us they are not passing intelligence information "
                                      "to the Iranians. Let’s hope they are not,"],
            after=quote, kind="direct", speaker=WITKOFF, stance=Stance("hedges", "neutral")),
        att(text, "The Russians", "assure",
            ["us they are not passing intelligence information to the Iranians"], after=quote,
            speaker=Speaker("Russian officials", "government"), stance=Stance("denies")),
        att(text, "Trump", "said", ["Look, they can release all the information they want, but the people "
                                    "they’re sending it to are overwhelmed. Russia would be overwhelmed too,"],
            after="“Look,", kind="direct", speaker=TRUMP, stance=Stance("dismisses", "distancing")),
        att(text, "He", "said", ["the countries “have no relevance” to the situation"], after="He said",
            kind="mixed", speaker=HEGSETH, stance=Stance("dismisses")),
        att(text, "three officials familiar with intelligence matters", "suggested",
            ["that Russia has been providing Iran with information that could help Tehran carry out attacks "
             "on American military forces in the region"],
            speaker=Speaker("three officials", "anonymous", count=3,
                            descriptor="officials familiar with intelligence matters"),
            stance=Stance("asserts")),
        att(text, "Witkoff", "said", ["Russian officials had denied the allegations"],
            after="interview with CNBC", speaker=WITKOFF, stance=Stance("asserts")),
    )
    return AnalyzedArticle(article, atts)


def cnbc_article() -> AnalyzedArticle:
    text = ("Envoy optimistic after talks\n\nSpecial envoy Steve Witkoff said the talks in Moscow were "
            "productive and that a deal was close.\n\nOthers were less sure.\n")
    article = Article(id="cnbc_witkoff", text=text, title="Envoy optimistic after talks", date="2026-02-20",
                      outlet="CNBC", url="https://www.cnbc.com/example")
    return AnalyzedArticle(article, (
        att(text, "Special envoy Steve Witkoff", "said",
            ["the talks in Moscow were productive and that a deal was close"], speaker=WITKOFF,
            stance=Stance("asserts")),
    ))


def xss_article() -> AnalyzedArticle:
    text = (f"{XSS} Breaking\n\n“{XSS} is harmless,” the spokesman said <img src=x onerror=alert(2)>.\n")
    article = Article(id="xss", text=text, title=f"{XSS} Breaking", date="2026-01-05",
                      outlet="<b>Evil</b> Times", url="javascript:alert(3)", authors=(f"{XSS}",))
    return AnalyzedArticle(article, (
        att(text, "the spokesman", "said", [f"{XSS} is harmless,"], kind="direct",
            speaker=Speaker(f"{XSS} spokesman", "person"), stance=Stance("asserts")),
    ))


def build_db(path: Path, articles=None) -> Path:
    """A fresh database holding the hand-made articles."""
    from sayso.store import Store

    with Store(path) as store:
        for a in articles or (sample_report(), cnbc_article(), xss_article()):
            store.add(a)
    return path


class FakePipeline:
    """Stands in for the spaCy pipeline: “quote,” Name said. -> one direct attribution."""

    pattern = __import__("re").compile(r"“([^”]+)”\s+((?:[A-Z]\w+ )*[A-Z]\w+|the \w+)\s+(said|says)")

    def __init__(self):
        self.calls = 0

    def analyze_many(self, articles, *, on_error=None):
        for article in articles:
            self.calls += 1
            atts = []
            for m in self.pattern.finditer(article.text):
                atts.append(Attribution(
                    source=Span.of(article.text, *m.span(2)), cue=Span.of(article.text, *m.span(3)),
                    content=(Span.of(article.text, *m.span(1)),), kind="direct", confidence=0.8,
                    speaker=Speaker(m.group(2), "person"), stance=Stance("asserts")))
            yield AnalyzedArticle(article, tuple(atts))


PASTED = ("Ceasefire talks resume\n\n“We are closer than ever,” Maria Lopez said on Tuesday.\n\n"
          "“Nothing is agreed,” the minister said.\n")


def kept_and_recounted(path: Path) -> tuple[dict, dict]:
    """The totals a store keeps (speakers, outlets, attribution totals, claims) and the same totals
    counted afresh from its rows: equal in a sound store."""
    import sqlite3

    conn = sqlite3.connect(path)
    sql = {
        "speakers": ("SELECT id, n_quotes, n_articles FROM speakers WHERE n_quotes > 0 ORDER BY id",
                     "SELECT speaker_id, count(*), count(DISTINCT article_id) FROM attributions "
                     "WHERE speaker_id IS NOT NULL GROUP BY 1 ORDER BY 1"),
        "outlets": ("SELECT id, n_articles, n_quotes, n_anonymous FROM outlets WHERE n_articles > 0 ORDER BY id",
                    "SELECT o.id, count(DISTINCT ar.id), count(at.id), "
                    "count(CASE WHEN at.speaker_type = 'anonymous' THEN 1 END) FROM outlets o "
                    "JOIN articles ar ON ar.outlet_id = o.id LEFT JOIN attributions at "
                    "ON at.article_id = ar.id GROUP BY o.id ORDER BY 1"),
        "totals": ("SELECT what, value, n FROM attribution_totals WHERE n > 0 ORDER BY 1, 2",
                   "SELECT * FROM (SELECT 'kind', kind, count(*) FROM attributions GROUP BY 2 UNION ALL "
                   "SELECT 'stance', coalesce(stance, 'none'), count(*) FROM attributions GROUP BY 2 UNION ALL "
                   "SELECT 'type', coalesce(speaker_type, 'unknown'), count(*) FROM attributions GROUP BY 2) "
                   "ORDER BY 1, 2"),
        "claims": ("SELECT id, n_reports, n_articles, first_seen FROM claims WHERE n_reports > 0 ORDER BY id",
                   "SELECT r.claim_id, count(*), count(DISTINCT r.article_id), min(a.date) FROM claim_reports r "
                   "JOIN articles a ON a.id = r.article_id GROUP BY 1 ORDER BY 1"),
    }
    kept = {k: conn.execute(a).fetchall() for k, (a, _) in sql.items()}
    recounted = {k: conn.execute(b).fetchall() for k, (_, b) in sql.items()}
    conn.close()
    return kept, recounted
