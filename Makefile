# newsweave: `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
NW     := $(VENV)/bin/newsweave
STAMP  := $(VENV)/.installed
DB     ?= demo.db
PORT   ?= 8765
DATA   ?= ../shared/data

.PHONY: setup demo test lint typecheck pytest eval bench docs clean chromium
CHROMIUM ?= /usr/bin/chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(NW) ingest examples/corpus --no-follow --gazetteer examples/gazetteer.csv --db $(DB)
	$(NW) serve --db $(DB) --port $(PORT)

lint: setup
	$(VENV)/bin/ruff check src tests tools bench
	$(VENV)/bin/ruff format --check src tests tools bench

typecheck: setup
	$(VENV)/bin/mypy

chromium:  # Debian's Chromium for the browser tests (never `playwright install`)
	@test -x $(CHROMIUM) || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

pytest: setup chromium
	NEWSWEAVE_DATA=$(DATA) $(VENV)/bin/pytest -q

test: lint typecheck pytest

eval: setup
	$(NW) eval all --data $(DATA)

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .mypy_cache .pytest_cache .ruff_cache

docs: setup
	$(PY) tools/gen_docs.py
	NEWSWEAVE_SCREENSHOTS=docs/ui $(PY) -m pytest tests/serve/test_browser.py -q -p no:cacheprovider

bench: setup
	$(PY) bench/ingest_bench.py --data $(DATA)
