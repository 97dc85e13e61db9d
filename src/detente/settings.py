"""The tuning constants a user may change, gathered in one object.

Every figure here has a default chosen on the evaluation sets (coding) or on the
benchmarks (limits). A TOML file overrides any of them: name it in the
``DETENTE_SETTINGS`` environment variable, and every process of a run (the
extract workers too, which inherit the environment) reads it once at start::

    [coding]
    base_confidence = 0.85

    [coding.penalties]
    nearby = 0.3

    [engine]
    article_seconds = 30

    [server]
    max_page_size = 500

A section or key the file misspells, or a value of the wrong type or out of
range, is refused with one line naming the file and the key: a silently ignored
setting would look like a setting that did nothing. ``detente settings`` prints
what is in force."""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

ENVIRONMENT_VARIABLE = "DETENTE_SETTINGS"


class SettingsError(ValueError):
    """A settings file that says something detente does not understand."""


@dataclass(frozen=True)
class Penalties:
    """How much less sure the coder is of an event for each weakness of its
    evidence (subtracted from ``base_confidence``)."""

    implied: float = 0.25  # a side the sentence leaves unsaid
    pronoun: float = 0.1  # a side named by a pronoun
    noun: float = 0.05  # an event stated by a noun, not a verb
    host: float = 0.15  # a visit's host taken from the clause's subject
    unresolved: float = 0.1  # a side the dictionary does not know (partial output)
    nearby: float = 0.15  # a target found near the trigger, not in its argument slot


@dataclass(frozen=True)
class CodingSettings:
    """The event coder."""

    base_confidence: float = 0.9  # an event stated plainly, both sides named
    penalties: Penalties = field(default_factory=Penalties)
    nearby_depth: int = 6  # parse steps below a trigger searched for a nearby target
    pronoun_reach: int = 3  # sentences back a pronoun may reach for its referent


@dataclass(frozen=True)
class EngineSettings:
    """Limits of ``detente extract``'s worker processes."""

    articles_per_batch: int = 16  # ~130 paragraphs: one efficient nlp.pipe call
    batches_per_worker: int = 500  # then the worker is replaced (spaCy's string store)
    batch_seconds: float = 600.0  # a batch still running after this is hung: killed
    article_seconds: float = 120.0  # one article alone (a 400k-character page: ~1 min)
    worker_mb: float = 4000.0  # a worker holds ~600 MB; over this it codes something pathological


@dataclass(frozen=True)
class IngestSettings:
    """Reading and de-duplicating articles."""

    max_article_bytes: int = 20_000_000  # a file or record larger is refused, not read
    near_duplicate_threshold: float = 0.7  # wire copies with a changed headline score 0.75-0.95
    min_words_for_language: int = 30  # shorter texts say too little about their language


@dataclass(frozen=True)
class ServerSettings:
    """``detente serve``: what one request may cost, what is kept in memory, and how
    long things may take (``serve``'s options override the four it names)."""

    page_size: int = 50  # event mentions a dashboard page lists, and an API page by default
    max_page_size: int = 200  # the most an API request may ask for at once (limit)
    max_offset: int = 1_000_000  # the furthest into a list a request may page (offset)
    evidence_rows: int = 50  # the sentences shown under a chart's chosen bar
    network_nodes: int = 16  # the busiest states drawn in the overview's network
    overview_dyads: int = 12  # the busiest dyads the overview lists
    overview_events: int = 12  # the newest event mentions the overview lists
    overview_articles: int = 8  # the newest articles the overview lists
    actor_partners: int = 30  # the busiest partners an actor's page lists
    api_dyads: int = 20  # the busiest dyads /api/dyads gives when asked for no limit
    search_results: int = 10  # names an actor search suggests when asked for no limit
    max_search_results: int = 50  # the most an actor search may ask for (limit)
    max_query_chars: int = 200  # a search text (q); a longer one is refused (422)
    download_rows: int = 100_000  # a CSV download; beyond this, `detente export` is the tool
    max_body_bytes: int = 100_000  # a posted request body (--max-body)
    query_seconds: float = 5.0  # one database query, then interrupted (--query-timeout)
    writer_wait_seconds: float = 10.0  # the longest a request waits for another's write
    cache_entries: int = 512  # results of series and ledger reads, and answers, kept
    cache_bytes: int = 64_000_000  # answers to GET requests kept in memory, all together
    largest_kept_bytes: int = 4_000_000  # a larger answer is made again, not kept
    extract_waiting: int = 4  # posted texts waiting behind the one coded (--extract-queue)
    extract_seconds: float = 60.0  # coding one posted text (--extract-timeout)
    worker_start_seconds: float = 180.0  # the coding worker loading spaCy on a busy machine
    shutdown_seconds: int = 3  # requests still running after SIGTERM, then cancelled


@dataclass(frozen=True)
class Settings:
    coding: CodingSettings = field(default_factory=CodingSettings)
    engine: EngineSettings = field(default_factory=EngineSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    server: ServerSettings = field(default_factory=ServerSettings)


# Values that must lie in [0, 1]; values with a least value of their own (a waiting
# line may be empty; below these a query or a posted text has no time to run, and
# `detente serve` takes no less); every other number must be above zero.
FRACTIONS = {"base_confidence", "near_duplicate_threshold", *(f.name for f in fields(Penalties))}
AT_LEAST = {"extract_waiting": 0, "query_seconds": 0.1, "extract_seconds": 1}


def load_settings(path: Path | None) -> Settings:
    """The defaults, with what the TOML file at ``path`` overrides (none: defaults)."""
    if path is None:
        return Settings()
    try:
        overrides = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot read settings: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: not TOML: {error}") from None
    return _merged(Settings(), overrides, path, "")


def _merged(defaults: Any, overrides: dict[str, Any], path: Path, prefix: str) -> Any:
    known = {f.name: getattr(defaults, f.name) for f in fields(defaults)}
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        name = f"{prefix}{key}"
        if key not in known:
            raise SettingsError(f"{path}: unknown setting {name!r} "
                                f"(expected one of {', '.join(prefix + k for k in known)})")
        default = known[key]
        if is_dataclass(default):
            if not isinstance(value, dict):
                raise SettingsError(f"{path}: {name} must be a table ([{name}])")
            changes[key] = _merged(default, value, path, f"{name}.")
            continue
        changes[key] = _checked(name, key, value, default, path)
    return replace(defaults, **changes)


def _checked(name: str, key: str, value: Any, default: Any, path: Path) -> Any:
    kind = type(default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or (kind is int and not isinstance(value, int)):
        raise SettingsError(f"{path}: {name} must be {'an integer' if kind is int else 'a number'}"
                            f", not {value!r}")
    if key in FRACTIONS:
        if not 0 <= value <= 1:
            raise SettingsError(f"{path}: {name} must lie between 0 and 1, not {value!r}")
    elif key in AT_LEAST:
        if value < AT_LEAST[key]:
            raise SettingsError(f"{path}: {name} must be at least {AT_LEAST[key]}, not {value!r}")
    elif value <= 0:
        raise SettingsError(f"{path}: {name} must be above zero, not {value!r}")
    return kind(value)


def settings_file() -> Path | None:
    """The file ``DETENTE_SETTINGS`` names, if any."""
    named = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    return Path(named) if named else None


@cache
def settings() -> Settings:
    """The settings in force in this process (read once)."""
    return load_settings(settings_file())


def as_toml(current: Settings) -> str:
    """``current`` as a settings file a user can copy and edit."""
    lines: list[str] = []

    def section(name: str, values: dict[str, Any]) -> None:
        plain = {key: value for key, value in values.items() if not isinstance(value, dict)}
        if plain:
            lines.append(f"[{name}]")
            lines.extend(f"{key} = {value!r}" for key, value in plain.items())
            lines.append("")
        for key, value in values.items():
            if isinstance(value, dict):
                section(f"{name}.{key}", value)

    for name, values in asdict(current).items():
        section(name, values)
    return "\n".join(lines)
