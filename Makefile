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
# pytest-xdist workers for `make test`: the built editions are shared between them (a file lock).
TEST_WORKERS ?= auto
# Builds are dated by the last commit, so two builds of one commit are byte-identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

# Debian packages the PDF edition needs (see ../shared/TOOLCHAIN.md in the workplace notes).
LATEX_DEBS  := make latexmk texlive-xetex texlive-latex-recommended texlive-fonts-recommended \
               fonts-freefont-otf xindy texlive-lang-cyrillic
# Tools that check the built guide: PDF structure and text, and a browser for axe-core.
CHECK_DEBS  := poppler-utils qpdf chromium graphviz
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

# The editions first: the HTML pages link to them and copy them in (downloads/).
guide: pdf epub html

html: $(STAMP)
	@# Graphviz draws the graphs of every edition (sphinx.ext.graphviz), the web's too.
	./tools/ensure-debian-packages graphviz
	$(SPHINXBUILD) -M html docs $(BUILD) -c . $(SPHINXOPTS)

debs:
	./tools/ensure-debian-packages $(LATEX_DEBS) $(CHECK_DEBS)
	@command -v npm >/dev/null || ./tools/ensure-debian-packages nodejs npm
	@# Java runs EPUBCheck and the Nu Html Checker in the tests.
	@command -v java >/dev/null || ./tools/ensure-debian-packages default-jre-headless

# The Nu Html Checker, axe-core and hyperlink, pinned by $(QUALITY)/package-lock.json. No browser download:
# axe-core runs in Debian's chromium.
$(NODE_STAMP): $(QUALITY)/package-lock.json | debs
	cd $(QUALITY) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

node: $(NODE_STAMP)

# The reader's editions (-t reader) hold the film only, without the library's pages; they keep
# their own doctrees, apart from the HTML's. The handout (-t handout) is built from docs/handout/.
pdf: $(STAMP) debs
	$(SPHINXBUILD) -b latex -t reader docs $(BUILD)/latex -d $(BUILD)/doctrees-reader -c . $(SPHINXOPTS)
	$(MAKE) -C $(BUILD)/latex all-pdf XINDYOPTS="$(XINDYOPTS)" LATEXMKOPTS="-silent" >/dev/null
	$(SPHINXBUILD) -b latex -t handout docs $(BUILD)/handout -d $(BUILD)/doctrees-handout -c . $(SPHINXOPTS)
	$(MAKE) -C $(BUILD)/handout all-pdf XINDYOPTS="$(XINDYOPTS)" LATEXMKOPTS="-silent" >/dev/null
	cp $(BUILD)/handout/stalker-guide-handout.pdf $(BUILD)/latex/
	@echo "PDF: $(BUILD)/latex/stalker-guide.pdf and $(BUILD)/latex/stalker-guide-handout.pdf"

# The EPUB's cover is drawn with the FreeSerif font of fonts-freefont-otf.
epub: $(STAMP) debs
	$(SPHINXBUILD) -b epub -t reader docs $(BUILD)/epub -d $(BUILD)/doctrees-reader-epub -c . $(SPHINXOPTS)
	@echo "EPUB: $(BUILD)/epub/stalker-guide.epub"

lint: $(STAMP)
	$(BIN)/ruff check src tests conf.py benchmarks
	$(BIN)/ruff format --check src tests conf.py benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) debs $(NODE_STAMP) lint typecheck
	$(BIN)/pytest -n $(TEST_WORKERS)

clean:
	rm -rf $(BUILD) .pytest_cache .mypy_cache .ruff_cache dist

# Re-resolve the newest versions allowed by pyproject.toml and pin them.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -e '.[dev]'
	{ sed -n '1,2p' requirements.lock; .venv-lock/bin/pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .venv-lock
