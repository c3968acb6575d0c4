# Two commands on a fresh machine:  `make run`  (set up, migrate, ingest seeds/, serve on :8000)
#                                   `make test` (set up with test dependencies, run the whole suite)
# Python packages are installed from the lock files only (exact versions, checked by hash):
# requirements/run.txt for `make run`, requirements/dev.txt (every extra) for tests, CI and bench.
# `make lock` updates both after a change to pyproject.toml; `make lock-upgrade` takes new releases.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test setup setup-test serve ingest bench bench-ingest lock lock-upgrade clean

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

# the locked packages (no resolver: every one pinned, with its hashes), then the project itself,
# built with the locked setuptools
$(VENV)/.installed: requirements/run.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/run.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: requirements/dev.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(VENV)/.installed $@

UV_VERSION := 0.13.10
LOCK := --universal --python-version 3.11 --generate-hashes --quiet

lock: | $(VENV)/bin/python
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --all-extras $(LOCK) $(UPGRADE) -o requirements/dev.txt
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra postgres -c requirements/dev.txt $(LOCK) \
	  -o requirements/run.txt

lock-upgrade:
	$(MAKE) lock UPGRADE=--upgrade

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench: setup-test
	$(BIN)/python -m bench.run

bench-ingest: setup-test
	$(BIN)/python -m bench.ingest

clean:
	rm -rf $(VENV) node_modules timeline.db timeline.db-wal timeline.db-shm
