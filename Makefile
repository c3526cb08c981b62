# Labfolio: `make run` serves the demo lab, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test bench loadtest lint format chromium pango clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## setup: install, migrate, collect static files, load the demo lab the first time
setup: $(VENV)/.installed
	@$(MAKE) --no-print-directory pango PANGO_REQUIRED=0
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py seed_demo --if-empty

## run: serve the lab on http://$(HOST):$(PORT), with a background-job worker and the periodic sync beside it
# The worker and the sync loop run in the background and are stopped whenever gunicorn stops (Ctrl-C, an
# error, a signal). The loop only queues a sync job when one is due; it exits at once when the sync is off.
run: setup
	@echo "Labfolio is serving on http://$(HOST):$(PORT)  (Ctrl-C stops it)"
	@$(PY) manage.py db_worker --no-reload --verbosity 1 & worker=$$!; \
	$(PY) manage.py sync_works --every & sync=$$!; \
	trap 'kill $$worker $$sync 2>/dev/null; wait $$worker $$sync 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn portal.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile -

## test: lint, migration check and the whole test suite (browser tests included), one worker per core
# Each worker has its own test database; a module's tests stay on one worker, so its fixtures are built once.
test: $(VENV)/.installed-dev chromium pango lint
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n auto --dist loadscope

## bench: import and search speed, member-page throughput against a trivial view, queries of every page; scratch data under var/bench
bench: $(VENV)/.installed
	VAR_DIR=var/bench $(PY) manage.py migrate --noinput --verbosity 0
	VAR_DIR=var/bench $(PY) -m tools.run_bench

## loadtest: 50 readers, an editor and a hostile member for 30 s against gunicorn and the job worker on 127.0.0.1, on SQLite then on PostgreSQL
LOADTEST_POSTGRES ?= postgres://postgres@127.0.0.1:5432/labfolio_loadtest
loadtest: $(VENV)/.installed-dev
	$(PY) -m tools.run_loadtest --clients 50 --duration 30
	$(PY) -m tools.run_loadtest --clients 50 --duration 30 --database-url $(LOADTEST_POSTGRES)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Browser tests drive Debian's Chromium; never a downloaded browser.
chromium:
	@test -x /usr/bin/chromium || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-color-emoji; \
		else echo "Browser tests need Debian's chromium: sudo apt-get install chromium fonts-noto-cjk fonts-noto-color-emoji"; exit 1; fi; }

# WeasyPrint (the CV as PDF) lays text out with Debian's Pango and HarfBuzz. The tests need it; the site
# serves every other page without it, so `make run` only warns (PANGO_REQUIRED=0).
PANGO_REQUIRED ?= 1
pango:
	@ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; \
		else echo "The CV PDF needs Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"; \
		test "$(PANGO_REQUIRED)" = 0; fi; }

clean:
	rm -rf $(VENV) var
