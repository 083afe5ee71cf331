# accountcore: `make demo` runs the sample book, `make test` the tests (`make test-fast`
# without the slow ones).
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLUGINS := plugins/telecom plugins/wealth plugins/securities
STAMP := $(VENV)/.installed
DEMO_BOOK ?= build/demo.db

.PHONY: demo test test-fast bench lint typecheck check format clean

$(STAMP): pyproject.toml $(addsuffix /pyproject.toml,$(PLUGINS))
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-e '.[dev,postgres]' $(addprefix -e ,$(PLUGINS))
	touch $@

demo: $(STAMP)
	rm -f $(DEMO_BOOK) $(DEMO_BOOK)-wal $(DEMO_BOOK)-shm
	$(BIN)/accountcore --book $(DEMO_BOOK) demo --report build/report.html

# In parallel, one worker per core, handed one test at a time (the slow ones, first, spread
# over the workers); test-fast leaves out the tests that start processes.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --maxschedchunk 1

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# What CI gates on: lint, the type check, then every test.
check: lint typecheck test

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build .pytest_cache
