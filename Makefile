# The two commands of the README: `make demo` runs the product, `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export QT_QPA_PLATFORM ?= offscreen

.PHONY: help demo test lint unit bench lock screenshots package package-check

help:
	@echo "make demo   run AgentDesk (embedded server + desktop client)"
	@echo "make test   run the whole test suite (lint, types, layers, tests)"
	@echo "make bench  run the benchmark scripts"
	@echo "make package        build the Linux desktop bundle into packaging/out/"
	@echo "make package-check  build it from a clean export of HEAD and run it (slow)"

demo:
	@uv=$$(tools/bootstrap.sh) && env -u QT_QPA_PLATFORM $$uv run --frozen agentdesk demo $(ARGS)

test:
	@uv=$$(tools/bootstrap.sh) && \
	  echo "== ruff" && $$uv run --frozen ruff check src tests benchmarks tools packaging && \
	  echo "== mypy" && $$uv run --frozen mypy && \
	  echo "== import-linter" && $$uv run --frozen lint-imports && \
	  echo "== pytest" && $$uv run --frozen pytest $(PYTEST_ARGS)

bench:
	@uv=$$(tools/bootstrap.sh) && for b in benchmarks/bench_*.py; do echo "== $$b"; $$uv run --frozen python $$b; done

package:
	@tools/bootstrap.sh >/dev/null && packaging/build_linux.sh

package-check:
	@uv=$$(tools/bootstrap.sh) && \
	  AGENTDESK_PACKAGE_CHECK=1 $$uv run --frozen pytest -q -s tests/packaging $(PYTEST_ARGS)

lock:
	uv lock

screenshots:
	@uv=$$(tools/bootstrap.sh) && env -u QT_QPA_PLATFORM $$uv run --frozen python tools/screenshots.py
