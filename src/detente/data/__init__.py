"""Reference tables shipped with detente (TSV/YAML), read through ``read_table`` and
``read_yaml``: the one place that knows how the data files are parsed."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import fields
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

import yaml

# libyaml's parser when PyYAML was built with it (7x faster than a pure-Python one).
# PyYAML reads YAML 1.1, where a bare on/off/yes/no is a boolean, so the data files
# quote such words ("on" as a preposition); ``read_yaml`` refuses one left bare.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


WordLists = TypeVar("WordLists")


class DataFileError(ValueError):
    """A data file that does not say what its reader expects; the message names the
    file, the line and the key."""


def data_path(name: str) -> Path:
    """Path of a bundled data file (tables and the sample corpus)."""
    return Path(str(resources.files("detente.data").joinpath(name)))


def sample_files() -> list[Path]:
    """The bundled sample corpus's articles (HTML and plain text), in name order."""
    folder = data_path("sample")
    return sorted(path for path in folder.iterdir() if path.suffix in {".txt", ".html"})


def read_table(name: str) -> Iterator[dict[str, str]]:
    """Rows of a bundled TSV table as dicts keyed by its header; values stripped."""
    return read_tsv(data_path(name))


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of any TSV file with a header line (no quoting), values stripped. A row
    with more or fewer cells than the header names is refused with the file and the
    line: a stray tab would otherwise shift every later cell of the row silently."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            width = len(reader.fieldnames or [])
            extra: list[str] = row.pop(None, None) or []  # type: ignore[call-overload, assignment]
            missing = sum(value is None for value in row.values())
            if extra or missing:
                raise ValueError(f"{path.name}: line {reader.line_num}: "
                                 f"{width + len(extra) - missing} cells, the header names {width}")
            yield {key: value.strip() for key, value in row.items()}


def split_list(value: str) -> list[str]:
    """Split a ``;``-separated table cell into its non-empty items."""
    return [item.strip() for item in value.split(";") if item.strip()]


class _DataLoader(YAML_LOADER):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader, stricter where YAML lets a data file's mistake pass: a
    repeated key in a mapping (PyYAML keeps the last silently) and a bare boolean
    word are refused with the file, the line and the key."""

    def __init__(self, text: str, name: str) -> None:
        super().__init__(text)
        self.name = name

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *anchor` merges keys that the mapping may then override
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                repeated = key in first
            except TypeError:
                continue  # an unhashable key: PyYAML's own error names it
            if repeated:
                raise DataFileError(f"{self.name}: line {line}: duplicate key {key!r} "
                                    f"(first at line {first[key]})")
            first[key] = line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_bool(self, node: yaml.ScalarNode) -> bool:
        """A bare ``no`` or ``off`` in a word list loads as False in YAML 1.1: refuse it."""
        if not node.style and node.value.lower() not in {"true", "false"}:
            raise DataFileError(f"{self.name}: line {node.start_mark.line + 1}: bare "
                                f"{node.value!r} reads as a boolean; quote the word")
        return super().construct_yaml_bool(node)


_DataLoader.add_constructor("tag:yaml.org,2002:bool", _DataLoader.construct_yaml_bool)


def read_yaml(path: str | Path, keys: Iterable[str] | None = None) -> Any:
    """A YAML data file (a bundled name or a path), refusing a repeated key or a bare
    boolean word (see ``_DataLoader``). With ``keys``, a top-level key outside them is
    an error naming the file and line, so a misspelt section is not silently ignored."""
    path = Path(path) if Path(path).is_absolute() else data_path(str(path))
    loader = _DataLoader(path.read_text(encoding="utf-8"), path.name)
    try:
        node = loader.get_single_node()
        if keys is not None and isinstance(node, yaml.MappingNode):
            allowed = set(keys)
            for key_node, _ in node.value:
                if key_node.value not in allowed:
                    raise DataFileError(
                        f"{path.name}: line {key_node.start_mark.line + 1}: unknown key "
                        f"{key_node.value!r} (expected one of {', '.join(sorted(allowed))})")
        return None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def read_word_lists(path: str | Path, spec: type[WordLists]) -> WordLists:
    """A YAML file of named word lists as ``spec``, a dataclass with one field per
    list: ``frozenset[str]`` (a list of words), ``tuple[str, ...]`` (a list whose order
    means something) or ``dict[str, int]`` / ``dict[str, str]`` (words and what each
    stands for). A missing, unknown (misspelt) or malformed list raises DataFileError
    naming the file and the key."""
    lists = read_yaml(path)
    name = Path(path).name
    if not isinstance(lists, dict):
        raise DataFileError(f"{name}: expected a mapping of list names to word lists")
    expected = {field.name for field in fields(spec)}  # type: ignore[arg-type]
    unknown, missing = sorted(set(lists) - expected), sorted(expected - set(lists))
    if unknown or missing:
        raise DataFileError(f"{name}: unknown keys {unknown}, missing keys {missing}")
    declared = get_type_hints(spec)
    return spec(**{key: _as_declared(f"{name}: {key}", words, declared[key])
                   for key, words in lists.items()})


def _as_declared(where: str, words: Any, declared: Any) -> Any:
    """One list of a word-list file as its field declares it (see ``read_word_lists``)."""
    def is_word(word: Any) -> bool:
        return isinstance(word, str) and bool(word)

    if get_origin(declared) is dict:
        value_type = get_args(declared)[1]
        if not isinstance(words, dict) or not words or not all(
                is_word(word) and type(value) is value_type for word, value in words.items()):
            raise DataFileError(f"{where} must be a non-empty mapping of words to "
                                f"{'whole numbers' if value_type is int else 'words'}")
        return dict(words)
    if not isinstance(words, list) or not words or not all(map(is_word, words)):
        raise DataFileError(f"{where} must be a non-empty list of words")
    return tuple(words) if get_origin(declared) is tuple else frozenset(words)
