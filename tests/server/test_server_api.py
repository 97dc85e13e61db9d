"""The JSON API against a real server on 127.0.0.1 over a real demo database:
what an analyst's script can ask, and what the server refuses."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import httpx
import pytest

from detente.server.database import Database, QueryTimeout
from detente.store import StoreError

if TYPE_CHECKING:
    from tests.server_fixtures import LiveServer, ServeProcess

pytest_plugins = ["tests.server_fixtures"]

DETENTE = str(Path(sys.executable).parent / "detente")
ARTICLE = ("North Korea and the United States signed an agreement in Geneva on Friday.\n"
           "The United States will open a liaison office in Pyongyang next year.")


def sql(db_path: Path, query: str, *parameters: object) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return connection.execute(query, list(parameters)).fetchall()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- reading --------------------------------------------------------------------------

def test_summary_counts_what_the_store_holds(server: LiveServer):
    counts = server.get("/api/summary").json()
    (articles, events), = sql(server.db_path, "SELECT (SELECT count(*) FROM articles), "
                              "(SELECT count(*) FROM event_mentions)")
    assert counts["articles"] == articles == 20
    assert counts["event_mentions"] == events > 100


def test_events_of_a_dyad_come_in_pages_without_overlap(server: LiveServer):
    first = server.get("/api/events", dyad="PRK-USA", limit=10).json()
    second = server.get("/api/events", dyad="prk-usa", limit=10, offset=10).json()
    (expected,), = sql(server.db_path, "SELECT count(*) FROM event_mentions WHERE "
                       "least(source_country, target_country) = 'PRK' AND "
                       "greatest(source_country, target_country) = 'USA'")
    assert first["total"] == second["total"] == expected > 20
    assert len(first["items"]) == len(second["items"]) == 10
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}
    for event in first["items"] + second["items"]:
        sides = {event[role]["country"] or event[role]["code"] for role in ("source", "target")}
        assert sides == {"PRK", "USA"}
        assert event["event_name"] and event["sentence"]


def test_filters_combine(server: LiveServer):
    found = server.get("/api/events", country="PRK", code="04", start="2000",
                       end="2000-10", status="occurred", limit=200).json()
    assert found["total"] == len(found["items"]) > 0
    for event in found["items"]:
        assert event["cameo"].startswith("04") and event["status"] == "occurred"
        assert "2000" <= (event["event_date"] or event["pub_date"])[:7] <= "2000-10"
        assert "PRK" in {event["source"]["country"], event["target"]["country"]}


def test_text_search_ignores_case_and_quad_filters_by_class(server: LiveServer):
    found = server.get("/api/events", q="PYONGYANG", quad=1, limit=200).json()
    assert found["total"] > 0
    assert all("pyongyang" in e["sentence"].lower() and e["quad"] == 1 for e in found["items"])


def test_an_event_comes_with_its_evidence_spans(server: LiveServer):
    listed = server.get("/api/events", dyad="PRK-USA", code="057", limit=1).json()["items"][0]
    event = server.get(f"/api/events/{listed['id']}").json()
    article = server.get(f"/api/articles/{event['doc_id']}").json()
    roles = {span["role"]: span for span in event["spans"]}
    assert roles["sentence"]["text"] == event["sentence"]
    assert roles["trigger"]["text"] == event["trigger"]
    for span in event["spans"]:
        assert article["text"][span["start"]:span["end"]] == span["text"]
    assert {"source", "target"} & set(roles)


def test_events_say_where_they_happened_and_articles_how_they_spoke(server: LiveServer):
    items = server.get("/api/events", dyad="PRK-USA", limit=200).json()["items"]
    placed = [item for item in items if item["location"]]
    assert placed and all(set(item["location"]) == {
        "name", "country", "region", "lat", "lon", "precision", "basis", "span"}
        for item in placed)
    event = next(item for item in placed if item["location"]["span"])
    article = server.get(f"/api/articles/{event['doc_id']}").json()
    start, end = event["location"]["span"]
    assert article["text"][start:end]  # the place's own words in the article
    assert isinstance(article["tone"], float)


@pytest.mark.slow
def test_an_older_store_without_places_is_served_read_only(tmp_path: Path, demo_db: Path):
    """A store written before events had a place or articles a tone still serves."""
    from tests.server_fixtures import running_server

    old = tmp_path / "old.duckdb"
    old.write_bytes(demo_db.read_bytes())
    with duckdb.connect(str(old)) as connection:
        for column in ("name", "country", "region", "lat", "lon", "precision", "basis",
                       "feature", "start", "end"):
            connection.execute(f"ALTER TABLE event_mentions DROP COLUMN location_{column}")
        connection.execute("ALTER TABLE articles DROP COLUMN tone")
        connection.execute("DROP TABLE IF EXISTS events")
        connection.execute("DROP TABLE IF EXISTS event_links")
    with running_server(old) as live:
        items = live.get("/api/events", dyad="PRK-USA", limit=5).json()["items"]
        assert items and all(item["location"] is None for item in items)
        assert live.get(f"/api/articles/{items[0]['doc_id']}").json()["tone"] is None
        assert live.get("/actor/USA").status_code == 200


def test_an_article_lists_its_events_with_spans_inside_its_text(server: LiveServer):
    doc_id, = sql(server.db_path, "SELECT doc_id FROM articles WHERE doc LIKE '05_%'")[0]
    article = server.get(f"/api/articles/{doc_id}").json()
    assert article["title"] and len(article["events"]) > 2
    for event in article["events"]:
        assert event["doc_id"] == doc_id
        for span in event["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(article["text"])


def test_unknown_things_are_404_and_bad_parameters_422(server: LiveServer):
    assert server.get("/api/articles/0123456789abcdef0123").status_code == 404
    assert server.get("/api/events/0123456789abcdef0123:0").status_code == 404
    assert server.get("/api/events", quad=9).status_code == 422
    assert server.get("/api/events", start="last year").status_code == 422
    assert server.get("/api/events", limit=100_000).status_code == 422  # page size limit
    assert server.get("/api/dyads/PRK/USA/series", freq="decade").status_code == 422


@pytest.mark.parametrize(("path", "name"), [
    ("/api/events", "start"), ("/api/events", "end"),
    ("/api/dyads/PRK/USA/series", "start"), ("/api/actors/PRK/series", "end"),
    ("/api/network", "start")])
@pytest.mark.parametrize("value", ["2000-02-31", "2001-02-29", "0000"])
def test_a_date_of_the_right_shape_that_names_no_day_is_a_422(server: LiveServer, path: str,
                                                               name: str, value: str):
    response = server.get(path, **{name: value})
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["query", name]
    assert f"'{value}' is not a real date" in problem["msg"]


def test_a_leap_day_is_a_date(server: LiveServer):
    assert server.get("/api/events", start="2000-02-29").status_code == 200
    assert server.get("/api/dyads/PRK/USA/series", end="2000-02-29").status_code == 200


def test_pages_refuse_a_period_that_is_no_date_with_a_422_page(server: LiveServer):
    response = server.get("/dyad/PRK/USA", period="2000-02-31")
    assert response.status_code == 422
    assert "text/html" in response.headers["content-type"]
    assert "not a real date" in response.text
    assert server.get("/search", start="1999-04-31").status_code == 422


def test_most_active_dyads_lead_with_the_koreas_and_the_united_states(server: LiveServer):
    dyads = server.get("/api/dyads", limit=5).json()
    assert (dyads[0]["side_a"], dyads[0]["side_b"]) == ("PRK", "USA")
    assert dyads[0]["name_a"] == "North Korea"
    assert dyads[0]["cooperative"] + dyads[0]["conflictual"] == dyads[0]["events"]
    partners = server.get("/api/dyads", side="PRK", limit=30).json()
    assert {d["side_a"] for d in partners} == {"PRK"}
    assert {"USA", "KOR", "JPN"} <= {d["side_b"] for d in partners}


def test_dyad_series_counts_each_period_by_quad_class(server: LiveServer):
    response = server.get("/api/dyads/PRK/USA/series", freq="year")
    assert response.headers["counting"].startswith("Counted: events")
    series = response.json()
    years = [int(point["period"]) for point in series]
    assert years == list(range(years[0], years[-1] + 1))  # every year, zeros included
    assert "2000" in {point["period"] for point in series}
    assert series[0]["events"] > 0 and series[-1]["events"] > 0
    assert any(point["events"] == 0 for point in series)
    for point in series:
        quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                 "material_conflict")
        assert sum(point[key] for key in quads) == point["events"] >= 0
    months = server.get("/api/dyads/PRK/USA/series", freq="month", start="2000",
                        end="2000").json()
    assert months and all(point["period"].startswith("2000-") for point in months)
    everyone = server.get("/api/actors/PRK/series", freq="year").json()
    assert sum(p["events"] for p in everyone) > sum(p["events"] for p in series)


def test_ledger_of_a_state_names_it_in_every_entry(server: LiveServer):
    entries = server.get("/api/ledger/PRK").json()
    assert entries
    assert all("PRK" in {e["country_a"], e["country_b"]} for e in entries)
    with_britain = server.get("/api/ledger/PRK", other="GBR").json()
    assert with_britain and all("GBR" in {e["country_a"], e["country_b"]}
                                for e in with_britain)


# -- coding posted text --------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("path", ["/api/extract", "/extract"])
def test_posted_text_is_coded_and_not_stored(writable_server: LiveServer, path: str):
    server = writable_server
    before = server.get("/api/summary").json()
    response = server.post(path, json={"text": ARTICLE, "pub_date": "1994-10-22"})
    assert response.status_code == 200, response.text
    coded = response.json()
    assert coded["stored"] is False
    pairs = {(e["source"]["country"], e["target"]["country"], e["root"])
             for e in coded["events"]}
    assert ("PRK", "USA", "05") in pairs or ("USA", "PRK", "05") in pairs
    assert server.get("/api/summary").json() == before


@pytest.mark.parametrize("path", ["/api/extract", "/extract"])
@pytest.mark.parametrize("pub_date", ["2000-02-31", "1999-02-29", "0000-01-01"])
def test_a_publication_date_that_is_no_day_is_a_clear_422(server: LiveServer, path: str,
                                                          pub_date: str):
    response = server.post(path, json={"text": ARTICLE, "pub_date": pub_date})
    assert response.status_code == 422, response.text
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["body", "pub_date"]
    assert f"'{pub_date}' is not a real date" in problem["msg"]


def test_a_publication_date_must_be_a_day(server: LiveServer):
    response = server.post("/api/extract", json={"text": ARTICLE, "pub_date": "2000-06"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "pub_date"]


@pytest.mark.parametrize("store", [True, False])
def test_coding_and_storing_need_a_writable_server(server: LiveServer, store: bool):
    response = server.post("/api/extract", json={"text": ARTICLE, "store": store})
    assert response.status_code == 403
    assert "--writable" in response.json()["detail"]


@pytest.mark.slow
def test_a_writable_server_stores_posted_text_once(writable_server: LiveServer):
    before = writable_server.get("/api/summary").json()["articles"]
    first = writable_server.post("/api/extract", json={"text": ARTICLE, "store": True}).json()
    again = writable_server.post("/api/extract", json={"text": ARTICLE, "store": True}).json()
    assert first["stored"] is True and again["stored"] is False
    assert writable_server.get("/api/summary").json()["articles"] == before + 1
    assert writable_server.get(f"/api/articles/{first['doc_id']}").status_code == 200


def test_request_bodies_over_the_limit_are_refused(server: LiveServer):
    response = server.post("/api/extract", json={"text": "word " * 30_000})
    assert response.status_code == 413
    # a chunked body without a declared length is counted as it streams
    chunks = (b'{"text": "' + b"x" * 10_000 for _ in range(20))
    streamed = httpx.post(server.url + "/api/extract", content=chunks, timeout=30,
                          headers={"content-type": "application/json"})
    assert streamed.status_code == 413


@pytest.mark.slow
def test_text_without_an_article_is_a_clear_422(writable_server: LiveServer):
    response = writable_server.post("/api/extract", json={"text": "\n\n  \n"})
    assert response.status_code == 422
    assert "text" in response.text


# -- safety ---------------------------------------------------------------------------

def test_parameters_are_bound_never_spliced_into_sql(server: LiveServer):
    before = file_hash(server.db_path)
    for attack in ("'; DROP TABLE event_mentions; --", "x' OR '1'='1", "%' --"):
        response = server.get("/api/events", q=attack)
        assert response.status_code == 200 and response.json()["total"] == 0
    assert server.get("/api/events", country="PRK' OR 1=1").status_code == 422
    assert sql(server.db_path, "SELECT count(*) FROM event_mentions")[0][0] > 100
    assert file_hash(server.db_path) == before


def test_no_path_leads_outside_the_static_folder(server: LiveServer):
    for path in ("/static/../../../../etc/passwd", "/static/..%2f..%2f..%2fpyproject.toml",
                 "/static/%2e%2e/%2e%2e/app.py", "/article/..%2f..%2fetc%2fpasswd"):
        response = httpx.get(server.url + path, timeout=10)
        assert response.status_code == 404, path
        assert "root:" not in response.text and "import" not in response.text


def test_the_server_never_writes_to_a_read_only_store(server: LiveServer):
    before = (file_hash(server.db_path), server.db_path.stat().st_mtime_ns)
    for path in ("/", "/dyad/PRK/USA", "/api/events", "/api/dyads/PRK/USA/series",
                 "/api/ledger/PRK", "/search?q=visit"):
        assert server.get(path).status_code == 200
    assert (file_hash(server.db_path), server.db_path.stat().st_mtime_ns) == before


def test_a_read_only_database_refuses_writes_and_slow_queries_are_cut(demo_db: Path):
    db = Database(demo_db, timeout_s=0.2)
    try:
        with db.cursor() as cursor, pytest.raises(duckdb.Error):
            cursor.execute("DELETE FROM event_mentions")
        started = time.monotonic()
        with pytest.raises(QueryTimeout), db.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3"
                           ).fetchall()
        assert time.monotonic() - started < 5
    finally:
        db.close()
    with pytest.raises(StoreError, match="no such database"):
        Database(demo_db.parent / "missing.duckdb")


def test_responses_forbid_outside_assets(server: LiveServer):
    response = server.get("/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "cdn" not in response.text.lower() and "https://" not in response.text


# -- the command ------------------------------------------------------------------------

@pytest.mark.slow
def test_detente_serve_listens_on_loopback(
        serve: Callable[..., AbstractContextManager[ServeProcess]], demo_db: Path):
    with serve(demo_db) as server:  # serve_process waits until 127.0.0.1 answers
        assert server.url.startswith("http://127.0.0.1:")
        assert httpx.get(server.url + "/api/summary", timeout=30).json()["articles"] == 20


@pytest.mark.slow
def test_the_server_settings_in_a_file_shape_its_answers(
        serve: Callable[..., AbstractContextManager[ServeProcess]], demo_db: Path,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    settings = tmp_path / "settings.toml"
    settings.write_text("[server]\npage_size = 3\nmax_page_size = 5\nmax_body_bytes = 1000\n"
                        "api_dyads = 2\nsearch_results = 1\nmax_search_results = 3\n"
                        "max_query_chars = 10\n", encoding="utf-8")
    monkeypatch.setenv("DETENTE_SETTINGS", str(settings))
    with serve(demo_db) as server:
        def get(path: str, **params: object) -> httpx.Response:
            return httpx.get(server.url + path, params=params, timeout=30)

        page = get("/api/events").json()
        assert (page["limit"], len(page["items"])) == (3, 3)
        assert get("/api/events", limit=6).status_code == 422
        assert len(get("/api/dyads").json()) == 2
        assert len(get("/api/actors/search", q="kim").json()["results"]) == 1
        assert get("/api/actors/search", q="kim", limit=4).status_code == 422
        assert get("/api/events", q="x" * 11).status_code == 422
        assert 'maxlength="10"' in get("/").text  # the search form says the same
        posted = httpx.post(server.url + "/api/extract", json={"text": "word " * 300},
                            timeout=30)
        assert posted.status_code == 413 and "1,000 bytes" in posted.text


@pytest.mark.slow
def test_detente_serve_names_a_missing_database(tmp_path: Path):
    result = subprocess.run(
        [DETENTE, "serve", "--db", str(tmp_path / "none.duckdb")],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "none.duckdb" in result.stderr and "no such database" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
