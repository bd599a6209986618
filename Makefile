# Pitboss — two commands: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
BUF := node_modules/.bin/buf
BUF_IMAGE := generated/pitboss.pb\#format=binpb
BASE_BRANCH ?= main
# Contracts are compared with the commit this branch forked from $(BASE_BRANCH).
BASE_REF = $(shell git merge-base $(BASE_BRANCH) HEAD 2>/dev/null || echo $(BASE_BRANCH))

.PHONY: run test test-unit lint check gen check-gen venv tools bench migrate demo clean lock browser wrk client

## Set up the virtual environment from the lock file (re-run when the lock changes).
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## buf (npm package @bufbuild/buf), pinned in package-lock.json.
tools: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Start the gRPC server and Envoy on the embedded SQLite database, in demo
## mode (demo records and credentials on first start, the demo secret).
run: venv
	PITBOSS_DEMO=1 $(VENV)/bin/pitboss up

## Headless Chromium and its WebDriver (Debian packages `chromium`,
## `chromium-driver`) for the VIP web-component tests; installed when missing.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends chromium chromium-driver; \
	fi

## wrk (Debian package `wrk`), the load generator of `make bench` and of its
## smoke test; installed when missing.
wrk:
	@if ! command -v wrk >/dev/null; then \
	  SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends wrk; \
	fi

## Lint the contracts, check the generated code, lint and type-check the code
## (check), run every test (unit, integration, e2e) on PYTEST_WORKERS processes
## (pytest-xdist; a file's tests stay on one worker, so its module-scoped stack
## starts once), and report the coverage of server/domain (coverage.py; the run
## fails under COVERAGE_MIN %).
PYTEST_WORKERS ?= auto
COVERAGE_MIN ?= 0
test: venv tools browser wrk lint check
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile --durations=25 \
	  --cov=server.domain --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_MIN)

## The unit tier alone: the domain's rules over in-memory fakes, in seconds.
test-unit: venv
	$(VENV)/bin/pytest tests/unit -q -p no:schemathesis -p no:hypothesispytest -p no:anyio

## Regenerate generated/ (Python messages, .pyi stubs, gRPC stubs, Envoy descriptor set)
## and the OpenAPI files in docs/openapi/.
gen: venv
	$(PY) -m server.devtools.gen

## The pitboss-client wheel (generated messages and gRPC stubs) in dist/.
client: venv
	$(PY) -m server.devtools.client dist

## buf lint (STANDARD) and buf breaking against $(BASE_BRANCH).
lint: venv tools
	$(BUF) lint '$(BUF_IMAGE)' --exclude-path google --config buf.yaml
	@mkdir -p build
	@if git cat-file -e $(BASE_REF):generated/pitboss.pb 2>/dev/null; then \
	  git show $(BASE_REF):generated/pitboss.pb > build/base.pb && \
	  $(BUF) breaking '$(BUF_IMAGE)' --against 'build/base.pb#format=binpb' --exclude-path google --config buf.yaml && \
	  echo "buf breaking: no breaking change against $(BASE_BRANCH)"; \
	else echo "buf breaking: $(BASE_BRANCH) has no contracts yet; nothing to compare"; fi

## ruff over server/ and tests/, mypy over the files pyproject.toml names
## (strict on server/domain); both pinned in requirements.lock.
check: venv
	$(VENV)/bin/ruff check server tests
	$(VENV)/bin/mypy

## Apply database migrations to PITBOSS_DATABASE_URL.
migrate: venv
	$(VENV)/bin/pitboss migrate

## Load the demo records (idempotent).
demo: venv
	$(VENV)/bin/pitboss demo load

## Load test of the PAM API through Envoy with wrk (see README, "Benchmark").
## Options: make bench BENCH_ARGS="--backend sqlite --scale both"
bench: venv wrk
	$(VENV)/bin/pitboss bench $(BENCH_ARGS)

## Re-pin dependencies after editing pyproject.toml.
lock: venv
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev -p 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) node_modules build var dist
