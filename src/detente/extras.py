"""The optional parts of detente and the packages each needs (pyproject's extras):
``detente serve`` needs ``[server]``, ``detente extract --engine dask`` needs
``[dask]``. Everything else (coding, the store, exports, the report) needs
neither. ``pip install -e ".[dev]"`` (``make demo``, ``make test``) installs both."""

from __future__ import annotations

# the top-level modules each extra provides (and those they bring along)
EXTRAS = {
    "server": frozenset({"fastapi", "starlette", "uvicorn", "pydantic", "pydantic_core"}),
    "dask": frozenset({"dask", "distributed"}),
}


def missing_extra(error: ModuleNotFoundError, extra: str, part: str) -> str | None:
    """The one-line message for ``part`` (what cannot run) when ``error`` is a package
    of ``extra`` not being installed; None when it is some other module."""
    module = (error.name or "").partition(".")[0]
    if module not in EXTRAS[extra]:
        return None
    return (f"{part} needs detente's [{extra}] extra ({module} is not installed): "
            f"pip install 'detente[{extra}]'")
