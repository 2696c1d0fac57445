# Because — the front door. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
LOCK := requirements/lock.txt
UV_VERSION := 0.13.10
PG_URL ?= postgres://postgres@127.0.0.1:5432/because
REDIS ?= redis://127.0.0.1:6379/0
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install lock audit bench-install run test test-sqlite test-postgres services browser lint format clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# Everything comes from the lock, every file checked against its hash (pip itself
# and setuptools too, so the project is installed without build isolation: no
# unpinned download). `pip check` catches a runtime dependency added to
# pyproject.toml without `make lock`.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r $(LOCK)
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	$(PIP) check
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked dependencies

# Runtime + dev dependencies, for Python 3.11+ on any platform, with hashes.
# Keeps today's pins unless told: make lock UPGRADE=1 (all) or
# make lock UPGRADE_PACKAGE=pillow. The bench extra is not locked (bench-install).
lock: ## Regenerate requirements/lock.txt from pyproject.toml (uv)
	test -x $(VENV)/bin/uv || $(PIP) install --quiet 'uv==$(UV_VERSION)'
	$(VENV)/bin/uv pip compile pyproject.toml requirements/build.in --extra dev \
		--universal --python-version 3.11 --generate-hashes --custom-compile-command 'make lock' \
		--quiet $(if $(UPGRADE),--upgrade) $(if $(UPGRADE_PACKAGE),--upgrade-package $(UPGRADE_PACKAGE)) \
		-o $(LOCK)

audit: install ## pip-audit the lock; a known vulnerability not in requirements/audit-ignore.txt fails
	$(PY) scripts/audit.py

run: install ## Set up and serve the demo shop at http://127.0.0.1:8000/
	bash scripts/run.sh $(HOST) $(PORT)

test: install browser ## Lint, audit the lock, then the whole suite on SQLite, then on PostgreSQL + Redis
	$(VENV)/bin/ruff check .
	$(MAKE) --no-print-directory audit
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: install ## The suite on the embedded default (SQLite, local memory, eager tasks)
	env -u DATABASE_URL -u REDIS_URL BROWSER_REQUIRED=$${CI:-$${BROWSER_REQUIRED:-}} \
		VAR_DIR=$(CURDIR)/var/test-sqlite $(PY) -m pytest -q

test-postgres: install services ## The suite on the production shape (PostgreSQL + Redis)
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS) BROWSER_REQUIRED=$${CI:-$${BROWSER_REQUIRED:-}} \
		VAR_DIR=$(CURDIR)/var/test-postgres $(PY) -m pytest -q

bench-install: install ## Install what the benchmarks compare against (numpy, scipy, mlxtend; not locked)
	$(PIP) install --quiet --no-build-isolation -e '.[bench]'
	command -v wrk >/dev/null || (apt-get install -y wrk >/dev/null 2>&1 || sudo apt-get install -y wrk)

services: ## Start PostgreSQL and Redis when they are down
	bash scripts/services.sh

browser: ## Install Debian's Chromium for the browser tests when it is missing
	bash scripts/browser.sh

lint: install ## Ruff lint and format check, and the import rules between apps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -q tests/test_import_rules.py

format: install ## Ruff format and fix
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
