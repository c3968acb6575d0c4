# Two commands on a fresh machine:  `make run`  (set up, migrate, ingest seeds/, serve on :8000)
#                                   `make test` (set up with test dependencies, run the whole suite)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test setup setup-test serve ingest bench clean

run: setup
	$(BIN)/timeline migrate
	$(BIN)/timeline ingest seeds/
	$(BIN)/timeline serve --host $(HOST) --port $(PORT)

test: setup-test
	$(BIN)/pytest -q

setup: $(VENV)/.installed node_modules/.installed

setup-test: $(VENV)/.installed-test node_modules/.installed

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench: setup
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) node_modules timeline.db timeline.db-wal timeline.db-shm
