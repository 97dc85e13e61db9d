"""The dashboard in a real headless Chromium, as an analyst uses it: from the
overview to the PRK–USA dyad, from a chart bar to its sentences, from an event
to its highlighted sentence in the article; with the keyboard alone too.
Screenshots of each page are kept for a person to look at."""

from __future__ import annotations

import csv
import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from tests.server_fixtures import LiveServer

pytest_plugins = ["tests.server_fixtures"]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LAPTOP = {"width": 1366, "height": 768}
SHOTS = Path(os.environ.get("DETENTE_SCREENSHOTS", "/tmp/detente-screenshots"))

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian chromium not installed at /usr/bin/chromium (`make test` installs it as root)")]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: LiveServer) -> Iterator[object]:
    """A laptop-sized page that fails the test on script errors or outside requests."""
    context = browser.new_context(viewport=LAPTOP, base_url=server.url)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda message: message.type == "error"
            and problems.append(f"console: {message.text}"))
    page.on("request", lambda request: urlsplit(request.url).hostname != "127.0.0.1"
            and problems.append(f"outside request: {request.url}"))
    yield page
    context.close()
    assert not problems


def shoot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def test_from_overview_to_the_sentence_behind_a_prk_usa_event(page):
    page.goto("/")
    assert page.get_by_role("heading", name="Most active dyads").is_visible()
    assert page.locator("svg.network circle").count() >= 5
    shoot(page, "overview")

    page.get_by_role("link", name="PRK–USA").first.click()
    page.wait_for_url(re.compile(r"/dyad/PRK/USA"))
    assert "North Korea" in page.locator("h1").inner_text()
    assert page.locator("svg.chart a.bar").count() >= 3
    shoot(page, "dyad-prk-usa")

    page.locator("table.events a.event-link").first.click()
    page.wait_for_url(re.compile(r"/article/[0-9a-f]+\?event=\d+"))
    quote = page.locator("#evidence blockquote")
    assert quote.is_visible()
    trigger = quote.locator("mark.trigger")
    assert trigger.count() == 1 and trigger.is_visible()
    assert quote.locator("mark.source, mark.target").count() >= 1
    in_text = page.locator("article.text mark.sentence")
    assert in_text.count() >= 1
    assert quote.inner_text().split() == " ".join(in_text.all_inner_texts()).split()
    shoot(page, "article-evidence")


def test_a_chart_bar_shows_its_sentences_in_place(page):
    page.goto("/dyad/PRK/USA")
    bar = page.locator("svg.chart a.bar[data-period='2000']")
    bar.click()
    panel = page.locator("#evidence-panel")
    panel.get_by_role("heading", name=re.compile("2000")).wait_for()
    assert "period=2000" in page.url  # the address bar can be shared
    dates = panel.locator("td.date").all_inner_texts()
    assert dates and all("2000" in date for date in dates)
    shoot(page, "dyad-period-2000")
    panel.locator("a.event-link").first.click()
    page.wait_for_url(re.compile(r"/article/"))
    assert page.locator("#evidence blockquote mark.trigger").is_visible()


def test_everything_is_reachable_by_keyboard(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    for _ in range(60):  # Tab through the page until the PRK–USA dyad link has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "PRK–USA":
            break
    else:
        pytest.fail("the PRK–USA link cannot be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "keyboard focus must be visible"
    shoot(page, "keyboard-focus")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dyad/PRK/USA"))
    page.locator("svg.chart a.bar").first.focus()
    page.keyboard.press("Enter")
    page.locator("#evidence-panel h3").wait_for()


def test_search_finds_sentences_and_keeps_its_filters(page):
    page.goto("/search")
    page.get_by_label("Words in the sentence").fill("liaison")
    page.get_by_label("State or organisation").fill("prk")
    page.get_by_role("button", name="Search").last.click()
    page.wait_for_url(re.compile(r"q=liaison"))
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1
    assert all("liaison" in text.lower()
               for text in page.locator("td.evidence").all_inner_texts())
    assert page.get_by_label("Words in the sentence").input_value() == "liaison"
    shoot(page, "search")


def test_the_actor_finder_suggests_as_a_name_is_typed_and_answers_a_misspelling(page):
    page.goto("/actors")
    page.get_by_label("Name or code").press_sequentially("kim dae")
    suggestions = page.locator("#actor-suggest a")
    suggestions.first.wait_for()
    assert any("Kim Dae-jung" in text for text in suggestions.all_inner_texts())
    page.get_by_label("Name or code").fill("Kim Dae-jong")
    page.get_by_role("button", name="Find").click()
    page.wait_for_url(re.compile(r"q=Kim"))
    assert "Kim Dae-jung" in page.locator("main").inner_text()
    shoot(page, "actors")


def test_pages_fit_a_laptop_screen(page):
    for path in ("/", "/dyad/PRK/USA", "/actor/PRK", "/search", "/actors", "/docs"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    assert page.request.get("/no/such/page").status == 404


def test_the_dyad_chart_has_a_bar_for_every_year_spaced_by_time(page):
    page.goto("/dyad/PRK/USA")
    bars = page.locator("svg.chart a.bar")
    years = [int(period) for period in bars.evaluate_all(
        "bars => bars.map(bar => bar.dataset.period)")]
    assert years == list(range(years[0], years[-1] + 1))  # empty years have their place
    lefts = bars.evaluate_all("bars => bars.map(bar => bar.querySelector('rect.hit')"
                              ".getBoundingClientRect().left)")
    steps = [b - a for a, b in itertools.pairwise(lefts)]
    assert max(steps) - min(steps) < 0.5  # one year is one step wide, wherever it falls
    assert "Counted: events" in page.locator("#timeline-h + p").inner_text()


def test_search_results_download_as_the_csv_of_what_is_listed(page):
    page.goto("/search?dyad=PRK-USA&start=2000&end=2000")
    listed = page.locator("table.events tbody tr").count()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download all .* as CSV")).click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,event_date,pub_date,source_side")
    assert len(lines) - 1 == listed > 0


def test_search_lists_newest_published_first_or_by_event_date_and_downloads_that_order(page):
    page.goto("/search?dyad=PRK-USA")
    published = page.locator("table.events td.published").all_inner_texts()
    assert len(published) > 5 and published == sorted(published, reverse=True)
    assert page.get_by_label("Sort by").input_value() == "publication"
    page.get_by_label("Sort by").select_option("event_date")
    page.get_by_role("button", name="Search").last.click()
    page.wait_for_url(re.compile(r"sort=event_date"))
    assert page.get_by_label("Sort by").input_value() == "event_date"
    listed = page.locator("table.events td.published").all_inner_texts()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download all .* as CSV")).click()
    with Path(download.value.path()).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    days = [row["event_date"] or row["pub_date"] for row in rows]
    assert days == sorted(days) and days != sorted(days, reverse=True)
    assert [row["pub_date"] for row in rows[:len(listed)]] == listed  # the page's order
    shoot(page, "search-by-event-date")


def test_a_state_page_maps_its_partners_and_where_its_events_happened(page):
    page.goto("/actor/USA")
    world = page.locator("svg.world-map")
    assert world.is_visible()
    assert world.get_attribute("aria-label").startswith("Where USA's events happened")
    # partners shaded by pattern, each labelled with its code and mean Goldstein score
    assert world.locator("path.partner").count() >= 3
    fills = {world.locator("path.partner").nth(i).get_attribute("fill")
             for i in range(world.locator("path.partner").count())}
    assert all(fill.startswith("url(#p-") for fill in fills)
    labels = world.locator("g.labels text").all_text_contents()
    assert any(re.fullmatch(r"CHN [+-]\d+\.\d", label) for label in labels)
    # the key says in words what each pattern and mark means
    key = world.locator("g.legend").text_content()
    assert "hatched" in key and "dotted" in key and "circle: cooperation" in key
    world.scroll_into_view_if_needed()
    shoot(page, "actor-usa-map")


def test_a_dyad_page_places_its_events_where_they_happened(page):
    page.goto("/dyad/PRK/USA")
    world = page.locator("svg.world-map")
    world.scroll_into_view_if_needed()
    assert world.is_visible()
    places = world.locator("g.place")
    names = {places.nth(i).get_attribute("data-name") for i in range(places.count())}
    assert {"Pyongyang", "Washington"} <= names
    assert "Pyongyang" in world.locator("g.places").text_content()
    shoot(page, "dyad-prk-usa-map")
