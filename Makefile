# Because — the front door. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/because
REDIS ?= redis://127.0.0.1:6379/0
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install bench-install run test test-sqlite test-postgres services browser lint format clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install everything

run: install ## Set up and serve the demo shop at http://127.0.0.1:8000/
	bash scripts/run.sh $(HOST) $(PORT)

test: install browser ## Lint, then the whole suite on SQLite, then on PostgreSQL + Redis
	$(VENV)/bin/ruff check .
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: install ## The suite on the embedded default (SQLite, local memory, eager tasks)
	env -u DATABASE_URL -u REDIS_URL BROWSER_REQUIRED=$${CI:-$${BROWSER_REQUIRED:-}} \
		VAR_DIR=$(CURDIR)/var/test-sqlite $(PY) -m pytest -q

test-postgres: install services ## The suite on the production shape (PostgreSQL + Redis)
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS) BROWSER_REQUIRED=$${CI:-$${BROWSER_REQUIRED:-}} \
		VAR_DIR=$(CURDIR)/var/test-postgres $(PY) -m pytest -q

bench-install: install ## Install what the benchmarks compare against (numpy, scipy, mlxtend)
	$(PIP) install --quiet -e '.[dev,bench]'
	command -v wrk >/dev/null || (apt-get install -y wrk >/dev/null 2>&1 || sudo apt-get install -y wrk)

services: ## Start PostgreSQL and Redis when they are down
	bash scripts/services.sh

browser: ## Install Debian's Chromium for the browser tests when it is missing
	bash scripts/browser.sh

lint: install ## Ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Ruff format and fix
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
