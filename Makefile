# Two commands on a fresh machine: `make html` builds the site, `make test`
# runs every test. Each target sets up .venv with the pinned dependencies on
# first use.

PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
INPUTDIR   ?= content
OUTPUTDIR  ?= output
CONFFILE   ?= pelicanconf.py
PUBLISHCONF?= publishconf.py
HOST       ?= 127.0.0.1
PORT       ?= 8000
# make serve listens on this machine only; NETWORK=1 lets another HOST
# (0.0.0.0: every machine on the network) read the preview, desk included.
NETWORK    ?=
# Names the preview answers besides this machine's own: the address a
# tunnel or a cloud editor's forwarded port gives it (space-separated).
ALLOW_HOSTS ?=
SITEURL    ?=
PELICANOPTS ?=
# make test runs the tests on this many processes (0: in pytest's own), each
# test file whole in one of them, so its shared sites are built once there.
TEST_WORKERS ?= 2

# tools/build.py builds into a scratch folder beside $(OUTPUTDIR) and swaps
# it in whole only when Pelican succeeds, under a lock: a failed, interrupted
# or overlapping build never leaves a half-written site behind. Paths are
# quoted in the recipes: an OUTPUTDIR with a space is one folder.
BUILD      := $(BIN)/python tools/build.py

.PHONY: html publish serve test lint clean help bench bench-reload

help:
	@echo "make html      build output/ with pelicanconf.py"
	@echo "make test      run every test (pytest, ruff, browser tests)"
	@echo "make serve     preview on http://$(HOST):$(PORT) with autoreload"
	@echo "make publish   build output/ with publishconf.py [SITEURL=https://...]"
	@echo "make bench     benchmark against stock Pelican [N=1000 ROUNDS=5 PROFILE_ROUNDS=2]"
	@echo "make bench-reload  make serve's save-to-reload time [N=1000 ROUNDS=5]"
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
	$(BUILD) build --input "$(INPUTDIR)" --output "$(OUTPUTDIR)" --settings "$(CONFFILE)" -- $(PELICANOPTS)

publish: $(VENV)/.site-deps
	$(BUILD) build --input "$(INPUTDIR)" --output "$(OUTPUTDIR)" --settings "$(PUBLISHCONF)" -- $(if $(SITEURL),-e SITEURL='"$(SITEURL)"') $(PELICANOPTS)

serve: $(VENV)/.site-deps
	$(BUILD) serve --input "$(INPUTDIR)" --output "$(OUTPUTDIR)" --settings "$(CONFFILE)" --host "$(HOST)" --port "$(PORT)" $(if $(filter 1,$(NETWORK)),--network) $(foreach name,$(ALLOW_HOSTS),--allow-host "$(name)") -- $(PELICANOPTS)

test: $(VENV)/.test-deps
	tests/tools/ensure-test-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

# The output folder goes by the build's own checks (tools/build.py clean):
# never the content or the project, and a path with spaces stays one path.
clean: $(VENV)/.site-deps
	$(BUILD) clean --input "$(INPUTDIR)" --output "$(OUTPUTDIR)" --settings "$(CONFFILE)"
	rm -rf cache .pytest_cache test-artifacts

N ?= 1000
ROUNDS ?= 5
PROFILE_ROUNDS ?= 2

bench: $(VENV)/.site-deps
	$(BIN)/python bench/run.py --posts $(N) --rounds $(ROUNDS) --profile-rounds $(PROFILE_ROUNDS)

bench-reload: $(VENV)/.site-deps
	$(BIN)/python bench/reload.py --posts $(N) --rounds $(ROUNDS)
