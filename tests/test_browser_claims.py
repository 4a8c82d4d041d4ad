"""Claims in a real browser: `sayso ingest` of the claims corpus, `sayso serve`, Chromium.
From an article to its claim, the claim card (statement, counts, deniers, charts), no console
errors (the CSP holds: no external or inline scripts), and no overflow at phone width."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_browser import SHOTS, browser, get_json, page, served  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CORPUS = Path(__file__).parent / "fixtures" / "claims" / "corpus.jsonl"


#: The claim's statement is its first report: the Post's headline or its opening sentence.
ALLEGATION = re.compile(r"Russia (is giving|has been providing) Iran (with )?intelligence")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The claims corpus, ingested and served."""
    yield from served(tmp_path_factory, "claims", [str(CORPUS)])


def test_from_an_article_to_its_claim_card(server, page):
    errors = []  # script errors (a CSP violation is one) and failed loads, the browser's own favicon aside
    page.on("console", lambda m: errors.append(m.text) if m.type == "error"
            and not m.text.startswith("Failed to load resource") else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400
            and not r.url.endswith("/favicon.ico") else None)
    page.goto(f"{server}/articles/reuters-witkoff-denial")
    page.locator(".claims-of a").first.click()
    page.wait_for_url("**/claims/**")
    assert ALLEGATION.search(page.locator("h1").inner_text())
    summary = page.locator("#claim-summary").inner_text()
    assert "in 7 outlets, 2 independent origins" in summary
    assert "Russia" in page.locator("#deniers").inner_text()
    assert "Kaja Kallas" in page.locator("#supporters").inner_text()
    assert page.locator("svg.timeline rect").count() >= 3
    assert page.locator("svg.provenance line").count() >= 6
    assert page.locator("table.matrix tbody tr").count() >= 4
    assert page.locator(".copy", has_text="herald-ap-russia-iran").count() >= 1
    page.screenshot(path=SHOTS / "claim.png", full_page=True)
    assert not errors, errors


def test_claims_list_to_a_claim(server, page):
    page.goto(f"{server}/claims")
    first = page.locator("table.claims tbody tr").first
    assert ALLEGATION.search(first.inner_text())
    first.locator("a").click()
    page.wait_for_url("**/claims/**")
    assert page.locator("#claim-summary").is_visible()
    page.screenshot(path=SHOTS / "claims.png", full_page=True)


@pytest.mark.parametrize("path", ["/claims", "CLAIM"])
def test_claim_pages_fit_a_phone(server, browser, path):  # noqa: F811
    cid = get_json(f"{server}/api/v1/claims?limit=1")["items"][0]["id"]
    url = f"/claims/{cid}" if path == "CLAIM" else path
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    pg = context.new_page()
    pg.goto(server + url)
    widths = pg.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    pg.screenshot(path=SHOTS / f"phone-{'claim' if path == 'CLAIM' else 'claims'}.png")
    context.close()
    assert widths[0] <= widths[1], f"{url}: page is {widths[0]}px wide in a {widths[1]}px screen"
