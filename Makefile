# Two commands on a fresh machine: `make html` builds the site, `make test`
# runs every test. Each target sets up .venv with the pinned dependencies on
# first use.

PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
PELICAN    := $(BIN)/pelican
INPUTDIR   := content
OUTPUTDIR  := output
CONFFILE   := pelicanconf.py
PUBLISHCONF:= publishconf.py
HOST       ?= 127.0.0.1
PORT       ?= 8000
SITEURL    ?=
PELICANOPTS ?=

# Build into a scratch folder and swap it in only when Pelican succeeds, so a
# failed build never leaves a half-written site behind.
define build_site
	rm -rf $(OUTPUTDIR).partial
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR).partial -s $(1) --fatal errors $(2) $(PELICANOPTS) \
		|| { rm -rf $(OUTPUTDIR).partial; exit 1; }
	rm -rf $(OUTPUTDIR).old
	if [ -d $(OUTPUTDIR) ]; then mv $(OUTPUTDIR) $(OUTPUTDIR).old; fi
	mv $(OUTPUTDIR).partial $(OUTPUTDIR)
	rm -rf $(OUTPUTDIR).old
endef

.PHONY: html publish serve test lint clean help bench

help:
	@echo "make html      build output/ with pelicanconf.py"
	@echo "make test      run every test (pytest, ruff, browser tests)"
	@echo "make serve     preview on http://$(HOST):$(PORT) with autoreload"
	@echo "make publish   build output/ with publishconf.py [SITEURL=https://...]"
	@echo "make bench     benchmark against stock Pelican [N=1000 ROUNDS=5]"
	@echo "make clean     remove output/, the content cache and test artifacts"

$(VENV)/.site-deps: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

html: $(VENV)/.site-deps
	$(call build_site,$(CONFFILE),)

publish: $(VENV)/.site-deps
	$(call build_site,$(PUBLISHCONF),$(if $(SITEURL),-e SITEURL='"$(SITEURL)"'))

serve: $(VENV)/.site-deps
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --autoreload --listen --bind $(HOST) --port $(PORT) $(PELICANOPTS)

test: $(VENV)/.test-deps
	tests/tools/ensure-test-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

clean:
	rm -rf $(OUTPUTDIR) $(OUTPUTDIR).partial $(OUTPUTDIR).old cache .pytest_cache test-artifacts

N ?= 1000
ROUNDS ?= 5

bench: $(VENV)/.site-deps
	$(BIN)/python bench/run.py --posts $(N) --rounds $(ROUNDS)
