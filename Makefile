# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Two workers: the suite (with its authorization matrix) takes ~10 minutes on 2 cores.
PYTEST_ARGS ?= -n 2
# `make bench BENCH_ARGS=--quick` for a few minutes at city scale (bench/run.py --help).
BENCH_ARGS ?=
export PORT

.PHONY: run test bench install install-test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/ketenzorg migrate --noinput
	$(BIN)/ketenzorg demo
	$(BIN)/ketenzorg serve --with-worker

test: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/bandit -q -r src -lll
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_ARGS)

# Not part of `make test` or CI: it seeds cities, starts its own PostgreSQL and loads the
# server with wrk (docs/performance.md). Writes bench/results/<date>-<mode>.txt and .json.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff format --check src tests bench

clean:
	rm -rf $(VENV) var
