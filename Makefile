# The two commands: `make demo` (quickstart against the local emulator) and `make test` (the whole suite).
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Lint and type-check what we ship and what proves it.
SOURCES := $(wildcard provider emulator policies examples tests bench tools/gen_inputs.py)

.PHONY: help venv pulumi demo test soak lint generate bench clean

help:
	@echo "make demo   - set everything up, start the emulator, pulumi up the quickstart, print its outputs"
	@echo "make test   - install what the tests need and run the whole suite (engine end-to-end tests included)"
	@echo "make pulumi - put the pinned Pulumi engine into .tools/bin (built from Go modules when missing)"
	@echo "make soak   - the crash campaign with 200 rounds (make test runs 20)"
	@echo "make bench  - run the benchmarks; writes bench/results/results.{md,json} and prints the table"
	@echo "make generate - rewrite the generated files (input types, lookup results, their names) from the models"

venv: $(VENV)/.installed

# constraints.txt pins this repository's own environment (the Python pulumi equals the CLI in tools/pulumi/VERSION);
# the package itself only asks for ranges.
$(VENV)/.installed: pyproject.toml emulator/pyproject.toml constraints.txt
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]' -e ./emulator
	@touch $@

pulumi:
	tools/pulumi/ensure.sh

demo: venv pulumi
	tools/demo.sh

lint: venv
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)
	$(BIN)/mypy

test: venv pulumi lint
	$(BIN)/pytest

# provider/pulumi_ai_gateway/_inputs.py, _results.py, _public.py and _public_types.py; a test fails while they are
# stale.
generate: venv
	$(BIN)/python tools/gen_inputs.py

bench: venv pulumi
	$(BIN)/python -m bench.run

# The crash campaign, longer: 200 seeded rounds of faults and kills (`make test` runs 20). AIGW_CRASH_SEED
# replays a campaign.
soak: venv pulumi
	AIGW_CRASH_ROUNDS=$${AIGW_CRASH_ROUNDS:-200} $(BIN)/pytest -s -p no:cacheprovider --timeout 0 tests/e2e/test_crash_campaign.py

clean:
	rm -rf .pulumi .emulator
