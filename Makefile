# Thi đua: `make run` for the embedded site, `make test` for the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
PYTEST_ARGS ?=
PGBIN ?= $(firstword $(wildcard /usr/lib/postgresql/*/bin))
ASPG := $(if $(filter 0,$(shell id -u)),runuser -u postgres --,)

.PHONY: run test bench install install-dev assets lint messages check-deploy clean backup restore

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed
install-dev: $(VENV)/.installed-dev node_modules/.installed

# The embedded default: SQLite, Celery tasks run in-process, demo data loaded.
run: install
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Starts throwaway PostgreSQL and Redis on 127.0.0.1 when their binaries exist and
# DATABASE_URL / REDIS_URL are unset; otherwise runs on SQLite and says so.
test: install-dev
	@set -eu; \
	cleanup() { \
	  if [ -n "$${pgtmp:-}" ]; then $(ASPG) $(PGBIN)/pg_ctl -D "$$pgtmp/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$$pgtmp"; fi; \
	  if [ -n "$${rpid:-}" ]; then kill "$$rpid" 2>/dev/null || true; wait "$$rpid" 2>/dev/null || true; fi; \
	}; \
	trap cleanup EXIT INT TERM; \
	freeport() { $(PY) -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }; \
	if [ -z "$${DATABASE_URL:-}" ] && [ -n "$(PGBIN)" ] && [ -x "$(PGBIN)/initdb" ]; then \
	  pgtmp=$$(mktemp -d); [ -z "$(ASPG)" ] || chown postgres: "$$pgtmp"; port=$$(freeport); \
	  $(ASPG) $(PGBIN)/initdb -D "$$pgtmp/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions >/dev/null; \
	  $(ASPG) $(PGBIN)/pg_ctl -D "$$pgtmp/data" -l "$$pgtmp/server.log" -w -s \
	    -o "-F -h 127.0.0.1 -p $$port -k $$pgtmp -c full_page_writes=off -c synchronous_commit=off" start; \
	  export DATABASE_URL="postgres://postgres@127.0.0.1:$$port/thidua"; \
	  echo "PostgreSQL for tests on 127.0.0.1:$$port"; \
	elif [ -z "$${DATABASE_URL:-}" ]; then \
	  echo "NOTICE: no PostgreSQL server binaries found; running the tests on SQLite."; \
	fi; \
	if [ -z "$${REDIS_URL:-}" ] && command -v redis-server >/dev/null; then \
	  rport=$$(freeport); rtmp=$$(mktemp -d); \
	  redis-server --bind 127.0.0.1 --port $$rport --save '' --appendonly no --dir "$$rtmp" --loglevel warning >/dev/null & rpid=$$!; \
	  for i in $$(seq 1 100); do redis-cli -p $$rport ping 2>/dev/null | grep -q PONG && break; sleep 0.05; done; \
	  export REDIS_URL="redis://127.0.0.1:$$rport/0"; \
	  echo "Redis for tests on 127.0.0.1:$$rport"; \
	elif [ -z "$${REDIS_URL:-}" ]; then \
	  echo "NOTICE: no redis-server found; Celery worker tests will be skipped."; \
	fi; \
	$(PY) -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 0 ] && [ -z "$(PYTEST_ARGS)" ]; then \
	  sqlite_tmp=$$(mktemp -d); \
	  echo "The both_databases tests again, on the embedded SQLite default:"; \
	  DATABASE_URL="sqlite:///$$sqlite_tmp/thidua.sqlite3" REQUIRE_SERVICES=0 \
	    $(PY) -m pytest -q -p no:randomly -m both_databases; status=$$?; \
	  rm -rf "$$sqlite_tmp"; \
	fi; \
	exit $$status

$(VENV)/.installed-bench: $(VENV)/.installed-dev requirements-bench.txt
	$(PIP) install --quiet -r requirements-bench.txt
	touch $@

# The benchmark suite (benchmarks/): TIER=T0…T3; results in benchmarks/results/. BENCH_ARGS passes options
# (e.g. --load-seconds 20); a tier's data stays in .bench/ and is reused by the next run.
TIER ?= T0
bench: $(VENV)/.installed-bench node_modules/.installed
	TIER=$(TIER) BENCH_ARGS="$(BENCH_ARGS)" benchmarks/run.sh

# Lint, format, types (mypy with a baseline that only shrinks) and migrations; CI runs it before the tests.
lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) scripts/mypy_baseline.py
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Regenerate the Vietnamese catalogue after changing UI strings, then translate
# the new entries in locale/vi/LC_MESSAGES/django.po.
messages: install-dev
	DEBUG=1 $(PY) manage.py makemessages -l vi --ignore=.venv --ignore=node_modules --ignore=staticfiles
	DEBUG=1 $(PY) manage.py compilemessages -l vi --ignore=.venv

check-deploy: install
	DEBUG=0 SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=thidua.example.org $(PY) manage.py check --deploy --fail-level WARNING

# Backups of the PostgreSQL database named by DATABASE_URL (see docs/reliability.md):
#   make backup                      -> backups/thidua-YYYYmmdd-HHMMSS.dump
#   make restore FILE=backups/....dump [FORCE=1]   (into DATABASE_URL; refuses a non-empty one unless FORCE=1)
backup:
	scripts/backup.sh

restore:
	FILE="$(FILE)" FORCE="$(FORCE)" scripts/restore.sh "$(FILE)"

clean:
	rm -rf $(VENV) node_modules staticfiles
