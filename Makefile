# Two commands: `make run` sets everything up and starts the app; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The PostgreSQL database the suite also runs against (pytest-django creates test_<name> in it).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run setup test test-sqlite test-postgres lint check-migrations clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (PYTHON=... to pick another).")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.installed

setup: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_kb
	DEBUG=1 $(BIN)/python manage.py load_demo
	@mkdir -p var

run: setup
	@DEBUG=1 $(BIN)/python manage.py ensure_editor --username editor --password-file var/editor-password.txt
	@echo "The archive is at http://$(HOST):$(PORT)/  (log in as an editor at http://$(HOST):$(PORT)/accounts/login/)"
	@echo "Starting the web server, an extraction worker and the scheduler (Ctrl-C stops all three)."
	PATH="$(CURDIR)/$(BIN):$$PATH" DEBUG=1 HOST=$(HOST) PORT=$(PORT) $(BIN)/honcho -f Procfile start

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

check-migrations: $(VENV)/.installed-dev
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# The pipeline tests (marker `worker`) run in a session of their own with Redis as the broker.
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
PYTEST := $(BIN)/python -m pytest -q

test-sqlite: $(VENV)/.installed-dev
	ARCHIVE_VAR_DIR=$(CURDIR)/var/test-sqlite $(PYTEST) -m "not worker"
	ARCHIVE_VAR_DIR=$(CURDIR)/var/test-sqlite-pipeline REDIS_URL=$(TEST_REDIS_URL) $(PYTEST) -m worker tests/pipeline tests/browser

test-postgres: $(VENV)/.installed-dev
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect('$(TEST_DATABASE_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "The suite on PostgreSQL ($(TEST_DATABASE_URL)):"; \
		DATABASE_URL=$(TEST_DATABASE_URL) ARCHIVE_VAR_DIR=$(CURDIR)/var/test-postgres $(PYTEST) -m "not worker" && \
		DATABASE_URL=$(TEST_DATABASE_URL) ARCHIVE_VAR_DIR=$(CURDIR)/var/test-postgres-pipeline REDIS_URL=$(TEST_REDIS_URL) \
			$(PYTEST) -m worker tests/pipeline tests/browser; \
	elif [ -n "$$CI" ] || [ -n "$$ARCHIVE_REQUIRE_SERVICES" ]; then \
		echo "PostgreSQL at $(TEST_DATABASE_URL) is not reachable, and services are required here." >&2; exit 1; \
	else \
		echo "PostgreSQL at $(TEST_DATABASE_URL) is not reachable: the PostgreSQL run is left out (set TEST_DATABASE_URL)." >&2; \
	fi

test: lint check-migrations test-sqlite test-postgres

clean:
	rm -rf var/test-sqlite var/test-postgres .pytest_cache
