# The two commands a newcomer needs: `make guide` builds the guide, `make test` runs every test.
# Both set up what they need first: a virtual environment in .venv with the pinned versions of
# requirements.lock, and any missing Debian packages.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
BUILD       := _build
SPHINXBUILD := $(BIN)/sphinx-build
# Warnings are errors, references are nitpicky, and every problem is reported at once.
SPHINXOPTS  ?= -W -n --keep-going -q
SPHINX      := $(SPHINXBUILD) -c . docs $(BUILD) $(SPHINXOPTS)

.PHONY: guide html test lint typecheck venv clean lock help

help:
	@echo "make guide   build the study guide into $(BUILD)/ (HTML in $(BUILD)/html)"
	@echo "make test    run the whole test suite (lint, types, tests, doctests)"
	@echo "make clean   remove build output (keeps .venv)"

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

venv: $(STAMP)

guide: html

html: $(STAMP)
	$(SPHINXBUILD) -M html docs $(BUILD) -c . $(SPHINXOPTS)

lint: $(STAMP)
	$(BIN)/ruff check src tests conf.py benchmarks
	$(BIN)/ruff format --check src tests conf.py benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) lint typecheck
	$(BIN)/pytest

clean:
	rm -rf $(BUILD) .pytest_cache .mypy_cache .ruff_cache dist

# Re-resolve the newest versions allowed by pyproject.toml and pin them.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -e '.[dev]'
	{ sed -n '1,2p' requirements.lock; .venv-lock/bin/pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .venv-lock
