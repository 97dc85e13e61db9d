"""Deduplication: the mentions of one real-world event become one event.

Mentions of one event share the dyad (unordered for joint acts such as meetings
and agreements; "B hosted A" counts as "A visited B"), the code family and the
event date at its precision. A mention without an event date joins the one dated
event of its kind that it follows closely, or else the mentions of its kind
published within a few days of it. Planned and occurred mentions stay apart.
The rules' vocabulary is ``data/event_grouping.yaml``.

``refresh_events`` stores the result as tables ``events`` and ``event_links``;
readers call ``events_source`` which falls back to the same grouping computed
on the fly when the table is missing (a read-only database, say)."""

from __future__ import annotations

from contextlib import suppress
from functools import cache
from typing import Any

import duckdb

from detente.data import read_yaml
from detente.store.schema import has_column, has_table

# A stable key for one stored event mention: where its trigger stands, who did what to whom.
MENTION_KEY = (
    "m.doc_id || ':' || m.sentence_index || ':' || coalesce(m.trigger_start, -1) || ':' || "
    "coalesce(m.source_code, '?' || coalesce(m.source_text, '')) || '>' || "
    "coalesce(m.target_code, '?' || coalesce(m.target_text, '')) || ':' || m.cameo"
)


def period_start(column: str) -> str:
    """SQL for the first day of an ISO date string at year, month or day precision."""
    return (f"CASE length({column}) WHEN 4 THEN try_cast({column} || '-01-01' AS DATE) "
            f"WHEN 7 THEN try_cast({column} || '-01' AS DATE) "
            f"ELSE try_cast({column} AS DATE) END")


def period_end(column: str) -> str:
    """SQL for the last day of an ISO date string at its precision."""
    step = (f"CASE length({column}) WHEN 4 THEN INTERVAL 1 YEAR "
            f"WHEN 7 THEN INTERVAL 1 MONTH ELSE INTERVAL 1 DAY END")
    return f"CAST({period_start(column)} + {step} - INTERVAL 1 DAY AS DATE)"


def dated_after_publication(prefix: str = "") -> str:
    """SQL: does this mention say that an event took place (occurred, ongoing, or no
    status) on a date that begins after its article's publication? No report of a
    past event can; the date is a misreading and is not shown or counted."""
    return (f"(coalesce({prefix}status, 'occurred') IN ('occurred', 'ongoing') AND "
            f"{period_start(prefix + 'event_date')} > try_cast({prefix}pub_date AS DATE))")


def plausible_dates(prefix: str = "") -> str:
    """A ``REPLACE`` list for ``SELECT *``: a mention's event date and its precision,
    dropped when ``dated_after_publication`` (the event is then dated by publication)."""
    after = dated_after_publication(prefix)
    return (f"REPLACE (CASE WHEN {after} THEN NULL ELSE {prefix}event_date END AS event_date, "
            f"CASE WHEN {after} THEN NULL ELSE {prefix}date_precision END AS date_precision)")


# Every event mention with its event key and event id: the one definition of the grouping.
GROUPED_MENTIONS = f"""
copies AS (
    -- every printing of each stored article: its own, and the copies found on other sites
    -- a printing's news source: its site, else its URL's host, else its file (a file
    -- with no known site is a source of its own, even beside others in one folder)
    SELECT doc_id, list(DISTINCT coalesce(url, path, copy_id)) AS printings,
        list(DISTINCT coalesce(
            nullif(site, ''),
            nullif(regexp_extract(url, '^[A-Za-z]+://(?:www\\.)?([^/:?#]+)', 1), ''),
            path, doc)) AS news_sources
    FROM (SELECT doc_id, doc_id AS copy_id, url, path, doc, {{article_site}} AS site
          FROM articles {{other_copies}})
    GROUP BY doc_id
),
sourced AS (
    SELECT m.* {plausible_dates('m.')}, {MENTION_KEY} AS mention_key,
        coalesce(m.source_country, m.source_code) AS source_side,
        coalesce(m.target_country, m.target_code) AS target_side,
        coalesce(c.news_sources, [m.doc]) AS news_sources,
        coalesce(c.printings, [m.doc_id]) AS printings,
        coalesce(a.url, a.path, m.doc) AS article_url, {{article_tone}} AS doc_tone
    FROM event_mentions m LEFT JOIN articles a USING (doc_id) LEFT JOIN copies c USING (doc_id)
),
keyed AS (
    SELECT *,
        list_contains($reciprocal_from, cameo) AS flipped,
        CASE WHEN flipped THEN $reciprocal_to[list_position($reciprocal_from, cameo)]
             ELSE cameo END AS norm_code,
        coalesce(source_side, '?' || lower(coalesce(source_text, ''))) AS source_key,
        coalesce(target_side, '?' || lower(coalesce(target_text, ''))) AS target_key,
        CASE WHEN flipped THEN target_key ELSE source_key END AS first_key,
        CASE WHEN flipped THEN source_key ELSE target_key END AS second_key,
        list_contains($symmetric, norm_code) AS unordered,
        CASE WHEN unordered THEN least(first_key, second_key) ELSE first_key END AS dyad_a,
        CASE WHEN unordered THEN greatest(first_key, second_key) ELSE second_key END AS dyad_b,
        coalesce($family_names[list_position($family_codes, left(norm_code, 3))],
                 left(norm_code, 3)) AS family,
        coalesce(status, 'occurred') AS status_key,
        try_cast(pub_date AS DATE) AS pub_day
    FROM sourced
),
stated AS (
    SELECT DISTINCT dyad_a, dyad_b, family, status_key, event_date
    FROM keyed WHERE event_date IS NOT NULL
),
refined AS (
    -- "in July" joins "on 19 July" when that is the only finer date of its kind
    SELECT c.dyad_a, c.dyad_b, c.family, c.status_key, c.event_date,
        max(f.event_date) AS refined_date
    FROM stated c JOIN stated f USING (dyad_a, dyad_b, family, status_key)
    WHERE length(f.event_date) > length(c.event_date)
        AND starts_with(f.event_date, c.event_date)
    GROUP BY ALL
    HAVING count(DISTINCT f.event_date) = count(DISTINCT length(f.event_date))
        AND starts_with(max(f.event_date), min(f.event_date))
),
dated AS (
    SELECT k.*, coalesce(r.refined_date, k.event_date) AS stated_date
    FROM keyed k LEFT JOIN refined r USING (dyad_a, dyad_b, family, status_key, event_date)
),
ranges AS (
    SELECT DISTINCT dyad_a, dyad_b, family, status_key, stated_date,
        {period_start('stated_date')} AS date_start, {period_end('stated_date')} AS date_end
    FROM dated WHERE stated_date IS NOT NULL
),
attached AS (
    -- an undated mention joins the one dated event of its kind it closely follows
    SELECT d.mention_key, min(r.stated_date) AS attached_date
    FROM dated d JOIN ranges r USING (dyad_a, dyad_b, family, status_key)
    WHERE d.stated_date IS NULL AND d.pub_day BETWEEN r.date_start AND r.date_end + $window
    GROUP BY d.mention_key HAVING count(DISTINCT r.stated_date) = 1
),
timed AS (
    SELECT d.*, coalesce(d.stated_date, a.attached_date) AS group_date
    FROM dated d LEFT JOIN attached a USING (mention_key)
),
gaps AS (
    SELECT mention_key, dyad_a, dyad_b, family, status_key, pub_day,
        pub_day - lag(pub_day) OVER run_order AS gap
    FROM timed WHERE group_date IS NULL AND pub_day IS NOT NULL
    WINDOW run_order AS (PARTITION BY dyad_a, dyad_b, family, status_key
                         ORDER BY pub_day, mention_key)
),
runs AS (
    SELECT *, sum(CASE WHEN gap IS NULL OR gap > $window THEN 1 ELSE 0 END) OVER (
        PARTITION BY dyad_a, dyad_b, family, status_key ORDER BY pub_day, mention_key
        ROWS UNBOUNDED PRECEDING) AS run
    FROM gaps
),
sessions AS (
    SELECT mention_key, min(pub_day) OVER (
        PARTITION BY dyad_a, dyad_b, family, status_key, run) AS run_start
    FROM runs
),
grouped AS (
    SELECT t.*,
        dyad_a || '|' || dyad_b || '|' || family || '|' || status_key || '|' ||
        coalesce(group_date, 'published ' || coalesce(CAST(s.run_start AS VARCHAR), pub_date,
                                                     'unknown')) AS event_key,
        CAST(md5_number_upper(event_key) >> 12 AS BIGINT) AS event_id
    FROM timed t LEFT JOIN sessions s USING (mention_key)
)"""

# One row per event from ``grouped``: the representative mention (unflipped first, then the
# most confident) gives the event its code and sides; the group gives counts and dates.
EVENTS_SELECT = f"""
counted AS (
    SELECT event_id, any_value(event_key) AS event_key, any_value(group_date) AS event_date,
        min(pub_date) AS pub_date,
        count(DISTINCT doc_id || ':' || sentence_index || ':' || coalesce(trigger_start, -1))
            + sum(len(printings) - 1) AS num_mentions,
        len(list_distinct(flatten(list(news_sources)))) AS num_sources,
        len(list_distinct(flatten(list(printings)))) AS num_articles,
        arg_min(doc_id, coalesce(pub_date, '9999') || doc_id) AS first_doc_id,
        arg_min(article_url, coalesce(pub_date, '9999') || doc_id) AS source_url,
        avg(doc_tone) AS avg_tone
    FROM grouped GROUP BY event_id
),
placed AS (
    -- where the event happened: the mention that says so most directly and precisely
    SELECT event_id, location_name, location_country, location_region, location_lat,
        location_lon, location_precision, location_basis, location_feature
    FROM grouped WHERE location_name IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY
        list_position(['text', 'sentence', 'dateline', 'capital'], location_basis),
        list_position(['city', 'region', 'country'], location_precision),
        confidence DESC, mention_key) = 1
),
representative AS (
    SELECT * FROM grouped
    QUALIFY row_number() OVER (PARTITION BY event_id
                               ORDER BY flipped, confidence DESC, pub_date, mention_key) = 1
)
SELECT c.event_id, c.event_key,
    r.source_text, r.source_code, r.source_country, r.source_sector, r.source_name,
    r.source_side,
    r.target_text, r.target_code, r.target_country, r.target_sector, r.target_name,
    r.target_side,
    r.cameo, r.root, r.quad, r.goldstein, r.plover, r.plover_mode, r.status,
    c.event_date,
    CASE length(c.event_date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day'
    END AS date_precision,
    c.pub_date,
    {period_start('coalesce(c.event_date, c.pub_date)')} AS event_day,
    {period_start('c.pub_date')} AS pub_day,
    c.num_mentions, c.num_sources, c.num_articles, c.first_doc_id, c.source_url,
    r.doc_id, r.sentence_index, r.sentence, r.span_start, r.span_end, r.confidence,
    c.avg_tone, p.location_name, p.location_country, p.location_region, p.location_lat,
    p.location_lon, p.location_precision, p.location_basis, p.location_feature
FROM counted c JOIN representative r USING (event_id) LEFT JOIN placed p USING (event_id)"""

LINKS_SELECT = """
SELECT event_id, mention_key, doc_id, sentence_index, trigger_start FROM grouped"""


@cache
def grouping_parameters() -> dict[str, Any]:
    """The bound parameters of the grouping SQL, from ``data/event_grouping.yaml``."""
    spec = read_yaml("event_grouping.yaml",
                     keys=["reciprocal", "symmetric", "families", "undated_window_days"])
    families = [(code, name) for name, codes in spec["families"].items() for code in codes]
    return {
        "reciprocal_from": list(spec["reciprocal"]),
        "reciprocal_to": list(spec["reciprocal"].values()),
        "symmetric": list(spec["symmetric"]),
        "family_codes": [code for code, _ in families],
        "family_names": [name for _, name in families],
        "window": int(spec["undated_window_days"]),
    }


def _site(connection: duckdb.DuckDBPyConnection, table: str) -> str:
    """The ``site`` column, or NULL in a database made before it (opened read-only)."""
    return "site" if has_column(connection, table, "site") else "CAST(NULL AS VARCHAR)"


def _tone(connection: duckdb.DuckDBPyConnection) -> str:
    """The articles' ``tone``, or NULL in a database made before it (opened read-only)."""
    return "a.tone" if has_column(connection, "articles", "tone") else "CAST(NULL AS DOUBLE)"


def event_mentions_source(connection: duckdb.DuckDBPyConnection) -> str:
    """The event mentions as a FROM-clause item: the table, or in a database made
    before locations were kept (opened read-only) the table with its location
    columns NULL, so that every reader can select them."""
    if has_column(connection, "event_mentions", "location_name"):
        return "event_mentions"
    missing = ", ".join(f"CAST(NULL AS {kind}) AS {column}" for column, kind in (
        *((f"location_{key}", "VARCHAR") for key in ("name", "country", "region", "precision",
                                                      "basis", "feature")),
        ("location_lat", "DOUBLE"), ("location_lon", "DOUBLE"),
        ("location_start", "INTEGER"), ("location_end", "INTEGER")))
    return f"(SELECT *, {missing} FROM event_mentions)"


def grouped_mentions(connection: duckdb.DuckDBPyConnection) -> str:
    """The grouping SQL, counting the copies of articles that other sites printed
    (``article_copies``) when the store has that table."""
    other = (f"UNION ALL SELECT doc_id, copy_id, url, path, doc, "
             f"{_site(connection, 'article_copies')} FROM article_copies"
             if has_table(connection, "article_copies") else "")
    return (GROUPED_MENTIONS.replace("{other_copies}", other)
            .replace("{article_site}", _site(connection, "articles"))
            .replace("{article_tone}", _tone(connection))
            .replace("FROM event_mentions m", f"FROM {event_mentions_source(connection)} m"))


EVENTS_BUILT = "events built from"  # a store_meta key: what the events table was built from
# The events table's columns: a table of another layout (built before events had a
# location and a tone) is stale, so an upgraded store rebuilds it.
EVENTS_LAYOUT = "layout=2"


def mentions_fingerprint(connection: duckdb.DuckDBPyConnection) -> str:
    """What the events are built from, in a few counts: the event mentions, the
    articles and their copies (a new copy changes an event's sources)."""
    tables = [table for table in ("event_mentions", "articles", "article_copies")
              if has_table(connection, table)]
    counts = [connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
              for table in tables]
    return " ".join([*(f"{table}={count}" for table, count in zip(tables, counts, strict=True)),
                     EVENTS_LAYOUT])


def events_fresh(connection: duckdb.DuckDBPyConnection) -> bool:
    """Was ``events`` built from the mentions the store holds now? False when it is
    missing, or was built before the last articles were stored, or by a run that
    did not record what it was built from."""
    if not has_table(connection, "events") or not has_table(connection, "store_meta"):
        return False
    row = connection.execute("SELECT value FROM store_meta WHERE key = ?",
                             [EVENTS_BUILT]).fetchall()
    return bool(row) and row[0][0] == mentions_fingerprint(connection)


def events_source(connection: duckdb.DuckDBPyConnection) -> tuple[str, dict[str, Any]]:
    """A FROM-clause item holding the events, and the parameters it binds.

    The stored ``events`` table when there is one; otherwise the grouping of
    ``event_mentions`` computed on the fly (same SQL as ``refresh_events``)."""
    if has_table(connection, "events"):
        return "events", {}
    return f"(WITH {grouped_mentions(connection)}, {EVENTS_SELECT})", dict(grouping_parameters())


def links_source(connection: duckdb.DuckDBPyConnection) -> tuple[str, dict[str, Any]]:
    """Like ``events_source``, for the event-to-mention links."""
    if has_table(connection, "event_links"):
        return "event_links", {}
    return f"(WITH {grouped_mentions(connection)} {LINKS_SELECT})", dict(grouping_parameters())


def refresh_events(connection: duckdb.DuckDBPyConnection) -> int:
    """(Re)build ``events`` and ``event_links`` from ``event_mentions``; the number of events.

    Idempotent: the same mentions give the same events with the same ids. All or
    nothing, together with the note in ``store_meta`` of what the events were built
    from, so that a run stopped midway leaves the old tables, known to be stale."""
    parameters = grouping_parameters()
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute("CREATE TABLE IF NOT EXISTS store_meta "
                           "(key VARCHAR PRIMARY KEY, value VARCHAR)")
        connection.execute(
            f"CREATE OR REPLACE TEMP TABLE grouped_mentions AS "
            f"WITH {grouped_mentions(connection)} SELECT * FROM grouped", parameters)
        connection.execute(
            f"CREATE OR REPLACE TABLE events AS WITH grouped AS "
            f"(SELECT * FROM grouped_mentions), {EVENTS_SELECT} ORDER BY event_day, event_id")
        connection.execute(
            f"CREATE OR REPLACE TABLE event_links AS WITH grouped AS "
            f"(SELECT * FROM grouped_mentions) {LINKS_SELECT} ORDER BY event_id, mention_key")
        connection.execute("DROP TABLE grouped_mentions")
        connection.execute("INSERT OR REPLACE INTO store_meta VALUES (?, ?)",
                           [EVENTS_BUILT, mentions_fingerprint(connection)])
        connection.execute("COMMIT")
    except duckdb.Error:
        with suppress(duckdb.Error):  # the connection may be gone with the disk
            connection.execute("ROLLBACK")
        raise
    return connection.execute("SELECT count(*) FROM events").fetchall()[0][0]
