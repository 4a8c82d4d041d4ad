"""The newsroom view in a real browser: a real `sayso serve` over the bundled samples, driven by
Playwright through Debian's Chromium. Screenshots go to artifacts/screenshots/."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
SHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-quic", "--disable-sync"]
PASTE = ("Ceasefire talks resume in Geneva\n\n"
         "“We are closer than ever to an agreement,” Maria Lopez said on Tuesday.\n\n"
         "The minister said the talks would continue next week.\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def served(tmp_path_factory, name: str, inputs: list[str]):
    """`sayso ingest INPUTS`, then `sayso serve` on a free port; yields its base URL (a fixture's body)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    db = tmp_path_factory.mktemp(name) / f"{name}.db"
    cli = [sys.executable, "-m", "sayso.cli"]
    subprocess.run([*cli, "ingest", *inputs, "--db", str(db)], check=True, capture_output=True, timeout=300)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SAYSO_API_TOKEN"}
    proc = subprocess.Popen([*cli, "serve", "--db", str(db), "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                get_json(f"{base}/api/v1/stats")
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"sayso serve exited: {proc.stdout.read()}")
                time.sleep(0.2)
        else:
            pytest.fail("sayso serve did not answer within 30 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The bundled samples, ingested and served."""
    yield from served(tmp_path_factory, "samples", [str(REPO / "data" / "samples")])


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


def marks_text(page, att: int, role: str) -> str:
    """The text of an attribution's highlight (joined when a crossing span was cut in pieces)."""
    return "".join(page.locator(f'.article-text mark[data-att="{att}"][data-role="{role}"]').all_inner_texts())


def test_find_witkoff_open_the_article_and_see_the_highlights(server, page):
    page.goto(server + "/")
    page.fill("#speaker", "Witkoff")
    page.fill("#q", "intelligence")
    page.click("form.search button[type=submit]")
    results = page.locator("li.quote")
    assert results.count() >= 1
    assert "Steve Witkoff" in results.first.inner_text()
    assert page.locator("li.quote mark.match").first.inner_text().lower() == "intelligence"
    page.screenshot(path=SHOTS / "search.png", full_page=True)

    quote = page.locator("li.quote", has_text="The Russians assure us")
    quote.locator(".where a").first.click()
    page.wait_for_url("**/articles/**")
    key = page.url.split("/articles/")[1].split("#")[0]
    article = get_json(f"{server}/api/v1/articles/{key}")
    for i, att in enumerate(article["attributions"]):  # every highlight sits on its words
        if att["source"]:
            assert marks_text(page, i, "source") == att["source"]["text"]
        if att["cue"]:
            assert marks_text(page, i, "cue") == att["cue"]["text"]
        assert marks_text(page, i, "content") == "".join(c["text"] for c in att["content"])
    (i, att), = [(i, a) for i, a in enumerate(article["attributions"])
                 if any("The Russians assure us" in c["text"] for c in a["content"])]
    assert marks_text(page, i, "source") == "Witkoff" and marks_text(page, i, "cue") == "said"

    source = page.locator(f'.article-text mark[data-att="{i}"][data-role="source"]').first
    source.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "Steve Witkoff" in tip.inner_text() and "confidence" in tip.inner_text()
    page.screenshot(path=SHOTS / "article-hover.png")


def test_highlights_are_reachable_by_keyboard(server, page):
    key = get_json(f"{server}/api/v1/attributions?speaker=Witkoff&limit=1")["items"][0]["article_key"]
    page.goto(f"{server}/articles/{key}")
    page.locator(".article-text mark.hl").first.focus()
    for _ in range(3):
        page.keyboard.press("Tab")
    active = page.evaluate("() => [document.activeElement.tagName, document.activeElement.className]")
    assert active[0] == "MARK" and "hl" in active[1]
    tip = page.locator("#tip")
    assert tip.is_visible() and "speaker" in tip.inner_text() and "stance" in tip.inner_text()
    page.screenshot(path=SHOTS / "article-focus.png")
    page.keyboard.press("Escape")
    assert not tip.is_visible()


def test_speaker_page_from_the_article(server, page):
    key = get_json(f"{server}/api/v1/attributions?speaker=Witkoff&limit=1")["items"][0]["article_key"]
    page.goto(f"{server}/articles/{key}")
    page.locator(".article-side a.speaker", has_text="Steve Witkoff").first.click()
    page.wait_for_url("**/speakers/**")
    assert "Steve Witkoff" in page.locator("h1").inner_text()
    assert page.locator("svg.timeline rect").count() >= 1
    assert page.locator("li.quote").count() >= 3
    page.screenshot(path=SHOTS / "speaker.png", full_page=True)


def test_outlet_page(server, page):
    outlets = get_json(f"{server}/api/v1/outlets")["items"]
    page.goto(f"{server}/outlets")
    page.get_by_role("link", name=outlets[0]["name"], exact=True).click()
    page.wait_for_url("**/outlets/**")
    assert "Anonymous sourcing" in page.locator("dl.figures").inner_text()
    page.screenshot(path=SHOTS / "outlet.png", full_page=True)


def test_paste_an_article_into_analyze(server, page):
    page.goto(server + "/analyze")
    page.fill("#text", PASTE)
    page.click("form.analyze button[type=submit]")
    page.wait_for_selector(".results-analysis", timeout=120_000)  # the first analysis loads spaCy
    sources = page.locator('.article-text mark[data-role="source"]').all_inner_texts()
    assert "Maria Lopez" in sources
    contents = page.locator('.article-text mark[data-role="content"]').all_inner_texts()
    assert any("We are closer than ever to an agreement" in c for c in contents)
    page.screenshot(path=SHOTS / "analyze.png", full_page=True)


@pytest.mark.parametrize("path", ["/", "/?speaker=Witkoff", "ARTICLE", "/speakers", "SPEAKER", "/outlets",
                                  "/analyze"])
def test_phone_width_has_no_horizontal_overflow(server, browser, path):
    first = get_json(f"{server}/api/v1/attributions?speaker=Witkoff&limit=1")["items"][0]
    url = {"ARTICLE": f"/articles/{first['article_key']}", "SPEAKER": f"/speakers/{first['speaker_id']}"}.get(path, path)
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    pg = context.new_page()
    pg.goto(server + url)
    widths = pg.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    name = {"/": "search", "/?speaker=Witkoff": "search-witkoff"}.get(path, path.strip("/").lower())
    if path == "ARTICLE":  # the tooltip must fit a phone screen too
        pg.locator(".article-text mark.hl").nth(2).focus()
        box = pg.locator("#tip").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    pg.screenshot(path=SHOTS / f"phone-{name}.png")
    context.close()
    assert widths[0] <= widths[1], f"{url}: page is {widths[0]}px wide in a {widths[1]}px screen"
