# Two commands for a new machine: `make run` and `make test` (see README).
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
FLASK := .venv/bin/flask
PORT ?= 5000
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432
PG_TEST_DB ?= ole_test
export FLASK_APP := app:create_app
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install run serve migrate demo test test-sqlite test-postgres lint eval bench chromium translations clean vendor \
	worker beat

.venv/installed: pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install -q --upgrade pip
	# The CPU build of torch lies on disk; install it before anything that depends on torch.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[dev]'
	touch $@

install: .venv/installed translations

translations: .venv/installed
	.venv/bin/pybabel compile -d app/translations

migrate: install
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) demo load
	$(FLASK) matching reindex
	$(FLASK) push run

run: demo
	$(FLASK) demo logins
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

# Background tasks through Redis (app/worker/): set REDIS_URL (and DATABASE_URL, SECRET_KEY as the web uses).
# Without REDIS_URL there is nothing to start: `make run` and the CLI run every task in their own process.
CELERY := .venv/bin/celery -A app.worker.entry
WORKER_CONCURRENCY ?= 2
worker: install
	@test -n "$$REDIS_URL" || { echo "REDIS_URL is not set: tasks run in-process, no worker to start" >&2; exit 1; }
	$(CELERY) worker --loglevel INFO --concurrency $(WORKER_CONCURRENCY)

# One beat for the whole deployment (two would send every scheduled task twice); schedule in app/worker/schedule.py.
beat: install
	@test -n "$$REDIS_URL" || { echo "REDIS_URL is not set: tasks run in-process, no scheduler to start" >&2; exit 1; }
	mkdir -p instance
	$(CELERY) beat --loglevel INFO --schedule instance/celerybeat-schedule

# ECharts and Swagger UI from the npm registry into app/static/vendor/ (committed; pinned in scripts/vendor.sh).
vendor:
	bash scripts/vendor.sh

# Debian's Chromium for the browser tests, and CJK fonts so screenshots show Chinese, not boxes.
chromium:
	@(command -v chromium >/dev/null && fc-list :lang=zh | grep -q .) || \
		(apt-get update -q && apt-get install -y -q chromium fonts-noto-cjk)

lint: install
	.venv/bin/ruff check app matching royalties tests bench
	.venv/bin/mypy app
	.venv/bin/mypy matching royalties

test-sqlite: install chromium
	$(PY) -m pytest

test-postgres: install
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	psql -q -h 127.0.0.1 -U postgres -c 'DROP DATABASE IF EXISTS $(PG_TEST_DB)' -c 'CREATE DATABASE $(PG_TEST_DB)'
	TEST_DATABASE_URL=$(PG_URL)/$(PG_TEST_DB) $(PY) -m pytest -m "not browser" -p no:cacheprovider -n 2

# The two databases' suites run side by side (one per core); each suite's output is printed when it ends.
test: lint
	$(MAKE) -j2 --output-sync=target test-sqlite test-postgres

# Three dev sets; cross-fitted classifiers and baseline scores are cached in var/eval-cache (git-ignored).
EVAL := $(FLASK) matching eval --k 10 --channels --cache var/eval-cache
eval: install
	$(EVAL) --corpus data/eval/titles_corpus.jsonl --queries data/eval/ipc_queries.jsonl
	$(EVAL) --corpus data/eval/titles_corpus.jsonl --queries data/eval/ipc_queries.jsonl --no-ipc
	$(EVAL) --corpus data/eval/a01_corpus.jsonl --queries data/eval/a01_queries.jsonl
	$(PY) -m matching.feedback_eval --cache var/eval-cache --corpus data/eval/titles_corpus.jsonl --queries data/eval/ipc_queries.jsonl

bench: install
	$(PY) bench/matching.py

clean:
	rm -rf .venv instance .pytest_cache .mypy_cache .ruff_cache
