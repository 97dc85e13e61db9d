"""Deduplication: mentions of one real-world event become one event, with counts
and links to every mention; different events stay apart."""

from __future__ import annotations

from pathlib import Path

from detente.events.ontology import lookup
from detente.model import Actor, Article, DatePoint, DiplomaticStep, EventMention
from detente.relations.series import dyad_series
from detente.store import Store
from detente.store.events import events_source, refresh_events


def actor(code: str | None, text: str | None = None) -> Actor:
    country = code[:3] if code and not code.startswith("IGO") else None
    return Actor(text=text or code or "someone", code=code, country=country,
                 sector=code[3:] or None if code else None)


def report(sentence: str, source: str | None, target: str | None, cameo: str, trigger: str,
           *, status: str = "occurred", date: str | None = None,
           source_text: str | None = None, step: DiplomaticStep | None = None) -> dict:
    """One event mention as a test states it (``step``: the ledger step the coder saw)."""
    return {"sentence": sentence, "source": source, "target": target, "cameo": cameo,
            "trigger": trigger, "status": status, "date": date, "source_text": source_text,
            "step": step}


def add_article(store: Store, name: str, published: str, reports: list[dict],
                url: str | None = None) -> Article:
    """Store an article whose sentences are the reports' sentences, with their mentions;
    reports of one sentence (a joint act coded both ways) share it."""
    sentences = list(dict.fromkeys(r["sentence"] for r in reports))
    article = Article(doc=name, paragraphs=sentences,
                      pub_date=DatePoint(published, "day", "metadata"), url=url,
                      path=f"/news/{name}")
    offsets = article.paragraph_offsets()
    mentions = []
    for r in reports:
        index = sentences.index(r["sentence"])
        offset = offsets[index]
        code = lookup(r["cameo"])
        at = offset + r["sentence"].index(r["trigger"])
        precision = {4: "year", 7: "month", 10: "day"}.get(len(r["date"] or ""))
        mentions.append(EventMention(
            doc=name, doc_id=article.doc_id, source=actor(r["source"], r["source_text"]),
            target=actor(r["target"]), cameo=r["cameo"], goldstein=code.goldstein,
            quad=code.quad, plover=code.plover, plover_mode=code.plover_mode,
            status=r["status"], sentence=r["sentence"], sentence_index=index,
            span=(offset, offset + len(r["sentence"])), trigger=r["trigger"],
            trigger_span=(at, at + len(r["trigger"])), confidence=0.8,
            pub_date=article.pub_date,
            event_date=DatePoint(r["date"], precision, "explicit") if r["date"] else DatePoint(),
            step=r["step"]))
    store.add_article(article, [], mentions)
    return article


def stored(path: Path, *articles: tuple, refresh: bool = True) -> Path:
    """A store at ``path`` holding ``articles`` (each ``add_article``'s arguments after
    the store), its mentions grouped into events as at the end of a run unless not
    ``refresh`` (readers then group them on the fly): the fixtures of the export
    tests, which differ only in their articles."""
    with Store(path) as store:
        for article in articles:
            add_article(store, *article)
        if refresh:
            store.refresh_events()
    return path


def events(store: Store) -> list[dict]:
    source, parameters = events_source(store.connection)
    cursor = store.connection.execute(f"SELECT * FROM {source} ORDER BY event_day, event_key",
                                      parameters)
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


VISIT = "Secretary of State Madeleine Albright visited Pyongyang on Monday."


def test_two_articles_reporting_one_visit_are_one_event(tmp_path: Path):
    with Store(tmp_path / "db.duckdb") as store:
        add_article(store, "a.txt", "2000-10-24",
                    [report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23")],
                    url="https://www.example-news.com/albright")
        add_article(store, "b.txt", "2000-10-25",
                    [report("Albright visited North Korea on Monday, the first such trip.",
                            "USAGOV", "PRK", "042", "visited", date="2000-10-23")],
                    url="https://wire.example.org/story/1")
        assert refresh_events(store.connection) == 1
        (event,) = events(store)
        assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (2, 2, 2)
        assert event["pub_date"] == "2000-10-24"
        assert event["source_url"] == "https://www.example-news.com/albright"
        links = store.connection.execute(
            "SELECT count(*), count(DISTINCT event_id) FROM event_links").fetchone()
        assert links == (2, 1)


def test_a_visit_and_its_hosting_are_one_event(tmp_path: Path):
    with Store(tmp_path / "db.duckdb") as store:
        add_article(store, "a.txt", "2000-10-25", [
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23"),
            report("Kim Jong-il hosted Albright at a banquet on Monday.", "PRKGOV", "USAGOV",
                   "043", "hosted", date="2000-10-23")])
        (event,) = events(store)
        assert event["cameo"] == "042"  # told from the visitor's side
        assert (event["source_side"], event["target_side"]) == ("USA", "PRK")
        assert event["num_mentions"] == 2


def test_visits_in_different_months_are_two_events(tmp_path: Path):
    with Store(tmp_path / "db.duckdb") as store:
        add_article(store, "a.txt", "2000-07-20", [
            report("Igor Ivanov visited Pyongyang in February.", "RUSGOV", "PRKGOV", "042",
                   "visited", date="2000-02"),
            report("Vladimir Putin visited Pyongyang in July.", "RUSGOV", "PRKGOV", "042",
                   "visited", date="2000-07")])
        assert [e["event_date"] for e in events(store)] == ["2000-02", "2000-07"]


def test_planned_and_completed_visits_stay_apart(tmp_path: Path):
    with Store(tmp_path / "db.duckdb") as store:
        add_article(store, "a.txt", "2000-10-25", [
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10"),
            report("Clinton will visit Pyongyang in October.", "USAGOV", "PRKGOV", "042",
                   "visit", status="planned", date="2000-10")])
        assert sorted(e["status"] for e in events(store)) == ["occurred", "planned"]


def test_joint_acts_coded_both_ways_and_dated_reports_fold_together(tmp_path: Path):
    signed = "North and South Korea signed a joint declaration on June 14."
    with Store(tmp_path / "db.duckdb") as store:
        add_article(store, "a.txt", "2000-06-15", [
            report(signed, "KORGOV", "PRKGOV", "057", "signed", date="2000-06-14"),
            report(signed, "PRKGOV", "KORGOV", "057", "signed", date="2000-06-14"),
            # the same signing told without a date, and "in June" in a later story
            report("The two leaders signed the declaration after talks.", "PRKGOV", "KORGOV",
                   "057", "signed")])
        add_article(store, "b.txt", "2000-10-25", [
            report("The Koreas signed a declaration in June.", "KOR", "PRK", "057", "signed",
                   date="2000-06")])
        (event,) = events(store)
        assert event["event_date"] == "2000-06-14"
        assert (event["num_mentions"], event["num_articles"]) == (3, 2)


def test_undated_reports_days_apart_are_one_event_weeks_apart_two(tmp_path: Path):
    talk = "Officials from both sides held talks in Geneva."
    with Store(tmp_path / "db.duckdb") as store:
        add_article(store, "a.txt", "2003-01-10", [report(talk, "USA", "PRK", "046", "talks")])
        add_article(store, "b.txt", "2003-01-11",
                    [report(talk + " Again.", "PRK", "USA", "046", "talks")])
        add_article(store, "c.txt", "2003-03-01",
                    [report(talk + " Once more.", "USA", "PRK", "046", "talks")])
        assert [(e["event_date"], e["num_articles"]) for e in events(store)] == [
            (None, 2), (None, 1)]


def test_refresh_is_idempotent_and_readers_need_no_table(tmp_path: Path):
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        add_article(store, "a.txt", "2000-10-25", [
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23"),
            report("Jo Myong-rok met Clinton on October 10.", "PRKGOV", "USAGOV", "040", "met",
                   date="2000-10-10")])
    with Store(path, read_only=True) as store:  # no events table: grouped on the fly
        on_the_fly = events(store)
    with Store(path) as store:
        assert refresh_events(store.connection) == 2
        first = events(store)
        assert refresh_events(store.connection) == 2
        assert events(store) == first
    assert [e["event_id"] for e in first] == [e["event_id"] for e in on_the_fly]


def test_unresolved_sides_are_events_but_in_no_dyad(tmp_path: Path):
    with Store(tmp_path / "db.duckdb") as store:
        add_article(store, "a.txt", "2000-10-25", [
            report("Unnamed envoys visited Pyongyang on Monday.", None, "PRK", "042", "visited",
                   date="2000-10-23", source_text="Unnamed envoys"),
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23")])
        assert len(events(store)) == 2
        series = dyad_series(store.connection, "PRK", freq="year")
        assert [(row["period"], row["events"]) for row in series] == [("2000", 1)]
