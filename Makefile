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
# Builds are dated by the last commit, so two builds of one commit are byte-identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

# Debian packages the PDF edition needs (see ../shared/TOOLCHAIN.md in the workplace notes).
LATEX_DEBS  := make latexmk texlive-xetex texlive-latex-recommended texlive-fonts-recommended \
               fonts-freefont-otf xindy texlive-lang-cyrillic
# Tools that check the built guide: PDF structure and text, and a browser for axe-core.
CHECK_DEBS  := poppler-utils qpdf chromium
QUALITY     := tools/quality
NODE_STAMP  := $(QUALITY)/node_modules/.installed
# The index sorts by English rules; tools/latex/cyrillic-after-latin.xdy (copied into the
# LaTeX folder by conf.py) files the Cyrillic names under Cyrillic letters after Z.
XINDYOPTS   := -L english -C utf8 -M sphinx.xdy -M cyrillic-after-latin.xdy

.PHONY: guide html pdf epub debs node test lint typecheck venv clean lock help

help:
	@echo "make guide   build the study guide into $(BUILD)/: HTML, PDF and EPUB editions"
	@echo "make html    (or pdf, epub) build one edition"
	@echo "make test    run the whole test suite (lint, types, tests, doctests)"
	@echo "make clean   remove build output (keeps .venv)"

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

venv: $(STAMP)

guide: html pdf epub

html: $(STAMP)
	$(SPHINXBUILD) -M html docs $(BUILD) -c . $(SPHINXOPTS)

debs:
	./tools/ensure-debian-packages $(LATEX_DEBS) $(CHECK_DEBS)
	@command -v npm >/dev/null || ./tools/ensure-debian-packages nodejs npm

# The Nu Html Checker and axe-core, pinned by $(QUALITY)/package-lock.json. No browser download:
# axe-core runs in Debian's chromium.
$(NODE_STAMP): $(QUALITY)/package-lock.json | debs
	cd $(QUALITY) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

node: $(NODE_STAMP)

pdf: $(STAMP) debs
	$(SPHINXBUILD) -M latex docs $(BUILD) -c . $(SPHINXOPTS)
	$(MAKE) -C $(BUILD)/latex all-pdf XINDYOPTS="$(XINDYOPTS)" LATEXMKOPTS="-silent" >/dev/null
	@echo "PDF: $(BUILD)/latex/stalker-guide.pdf"

epub: $(STAMP)
	$(SPHINXBUILD) -M epub docs $(BUILD) -c . $(SPHINXOPTS)
	@echo "EPUB: $(BUILD)/epub/stalker-guide.epub"

lint: $(STAMP)
	$(BIN)/ruff check src tests conf.py benchmarks
	$(BIN)/ruff format --check src tests conf.py benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) debs $(NODE_STAMP) lint typecheck
	$(BIN)/pytest

clean:
	rm -rf $(BUILD) .pytest_cache .mypy_cache .ruff_cache dist

# Re-resolve the newest versions allowed by pyproject.toml and pin them.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -e '.[dev]'
	{ sed -n '1,2p' requirements.lock; .venv-lock/bin/pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .venv-lock
