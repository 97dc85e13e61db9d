# Two commands do everything: `make demo` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test clean chromium

$(BIN)/.installed: pyproject.toml constraints.txt constraints-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -c constraints-dev.txt -e ".[dev]"
	touch $@

demo: $(BIN)/.installed
	$(BIN)/detente demo --db demo.duckdb

# The browser tests drive Debian's Chromium; installed here when we may (root), else skipped.
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "chromium not installed: browser tests will be skipped"

test: $(BIN)/.installed chromium
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(VENV) *.duckdb .pytest_cache .ruff_cache src/*.egg-info
