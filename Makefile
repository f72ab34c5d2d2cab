# Career Agent: `make run` serves the app with demo data; `make test` runs the whole suite. Both set up
# everything they need first (virtual environment, pinned packages, front-end libraries, Chromium for tests).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
ADDR ?= 127.0.0.1:8000
# The embedded default runs with DEBUG on (plain HTTP on localhost); production sets DEBUG=false.
LOCAL := DEBUG=$${DEBUG:-true}

.PHONY: run test lint format bench setup setup-dev frontend chromium static migrate clean

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/vendor/.built: node_modules/.installed scripts/vendor.mjs
	npm run --silent vendor
	@touch $@

frontend: static/vendor/.built

# Debian's Chromium drives browser tests and renders PDFs; Playwright's own browser download cannot work here.
chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
		chromium fonts-dejavu-core fonts-liberation poppler-utils >/dev/null; }

setup: $(VENV)/.installed frontend
setup-dev: $(VENV)/.installed-dev frontend chromium

static: setup
	$(LOCAL) $(PY) manage.py collectstatic --noinput --verbosity 0

migrate: setup
	$(LOCAL) $(PY) manage.py migrate --noinput

run: static migrate
	$(LOCAL) $(PY) manage.py seed_demo
	$(LOCAL) $(PY) manage.py serve $(ADDR)

test: setup-dev
	$(LOCAL) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(LOCAL) $(PY) manage.py makemigrations --check --dry-run

format: setup-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup-dev static migrate
	$(LOCAL) $(PY) -m bench

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles var/test-db-*.sqlite3
