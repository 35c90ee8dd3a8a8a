# Weblys: the two commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Django 6 needs Python 3.12+: take the newest one found.
PYTHON ?= $(shell for p in python3.13 python3.12 /root/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(VENV)/bin/pytest
STAMP := $(VENV)/.installed
BACK_APPS := back catalog rules wecrm wediag weconfig
FRONT_APPS := weblys sites
PG_URL ?= postgres://postgres@127.0.0.1:5432
export WEBLYS_FAST_HASHER ?=

.PHONY: help install run migrate seed test test-back test-front test-e2e test-sqlite test-postgres lint format messages bench cluster failover clean

help:
	@echo "make run    - install, migrate, seed the demo operator, serve back :8001 and front :8000"
	@echo "make test   - the whole suite (SQLite; PostgreSQL + Redis too when WEBLYS_TEST_POSTGRES=1 or in CI)"
	@echo "make lint   - ruff check and format check"

$(STAMP): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate_all -v 0
	$(PY) manage.py front migrate -v 0

seed: migrate
	$(PY) manage.py seed_demo

messages: install
	$(PY) manage.py front compilemessages -v 0 --ignore=.venv

run: seed messages
	@$(PY) deploy/devserver.py

test: install messages
	WEBLYS_FAST_HASHER=1 $(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$CI" ] || [ -n "$$WEBLYS_TEST_POSTGRES" ]; then WEBLYS_FAST_HASHER=1 $(MAKE) --no-print-directory test-postgres; \
	else echo "PostgreSQL pass skipped outside CI (set WEBLYS_TEST_POSTGRES=1 to run it)"; fi

test-sqlite: test-back test-front test-e2e

# Two workers (one per core); a test file stays on one worker so its fixtures are built once.
XDIST ?= -n 2 --dist loadfile

test-back: install
	$(PYTEST) -p back.testing.plugin --ds=back.settings $(XDIST) $(BACK_APPS) $(PYTEST_ARGS)

test-front: install
	$(PYTEST) -p weblys.testing.plugin --ds=weblys.settings $(FRONT_APPS) $(PYTEST_ARGS)

test-e2e: install
	$(PYTEST) -p no:django tests $(PYTEST_ARGS)

# Every back database on PostgreSQL (one database per alias) and the cache on Redis; tasks run eagerly
# in tests (the Celery worker path is exercised by `make cluster` and `make failover`).
test-postgres: install
	WEBLYS_REDIS_URL=redis://127.0.0.1:6379/15 WEBLYS_CELERY_EAGER=1 \
	$(foreach a,weblys catalog rules param security customlogin wecrm diagtree procable,WEBLYS_DB_$(shell echo $(a) | tr a-z A-Z)_URL=$(PG_URL)/weblys_$(a)) \
	WEBLYS_REQUIRE_POSTGRES=1 \
	$(PYTEST) -p back.testing.plugin --ds=back.settings $(XDIST) $(BACK_APPS) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Benchmarks (never timed tests): SCALE=small (default) or SCALE=large (1M customers on PostgreSQL).
SCALE ?= small
bench: install messages
	$(PY) bench/run.py --scale $(SCALE)

# On one machine: nginx, two fronts, two backs, a worker and beat, on PostgreSQL and Redis.
cluster: install messages
	$(PY) deploy/cluster.py

# Kill a front and a back instance under load, bring them back, count what failed (deploy/README.md).
failover: install messages
	$(PY) -m tests.failover.run

clean:
	rm -rf var/*.sqlite3* var/static-* 
