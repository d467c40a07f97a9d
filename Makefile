# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# SMS links and certificates' QR codes point where this site is served, on
# whatever port (set PUBLIC_BASE_URL yourself to override).
export PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test smoke lint messages venv dev-venv browser font clean

run: venv font ## Set up SQLite with demo data and serve the site with a background worker.
	@scripts/run-dev $(BIN)/python $(HOST) $(PORT)

# Test processes: one per core (pytest-xdist), each with its own database.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
# More pytest arguments, e.g. PYTEST_ARGS='-m "not browser"'.
PYTEST_ARGS ?=

test: dev-venv browser ## Every test, browser tests included.
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

smoke: dev-venv font ## The production stack (deploy/) on PostgreSQL and Redis at 127.0.0.1, and a journey over HTTP.
	$(BIN)/python scripts/production_smoke.py

lint: dev-venv ## What CI checks besides the tests.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

messages: dev-venv ## Extract and compile translations (needs GNU gettext).
	$(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=tests --ignore=bench --no-obsolete --no-location
	$(BIN)/python manage.py compilemessages --ignore=.venv

font: ## The Chinese font embedded in PDF documents.
	@scripts/ensure-font

browser: ## Chromium and a Chinese font for the browser tests.
	@scripts/ensure-browser

venv: $(VENV)/.runtime-installed
dev-venv: $(VENV)/.dev-installed

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { \
		echo "Python 3.11 is needed (found $$($(PYTHON) --version 2>&1)); set PYTHON=/path/to/python3.11." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

clean:
	rm -rf $(VENV) var static
