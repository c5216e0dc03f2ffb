# carenav: `make serve` starts the apps, `make test` runs every test.
# Both create .venv and install the project into it on first use (and again when
# pyproject.toml changes), so a fresh machine needs only Python 3.11+ (and, for the
# browser tests, Chromium, which `make test` installs with apt-get where it can).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.carenav-installed
PORT   ?= 8866
# configurable-http-proxy for JupyterHub, from npm, pinned, into a git-ignored folder.
# 4.6.x runs on Debian 12's Node.js 18 (5.x needs Node 20).
CHP_VERSION := 4.6.3
CHP    := .node/node_modules/.bin/configurable-http-proxy

.PHONY: serve test fuzz lint format bench validate chromium hub-tools hub notebooks messages clean help

help:
	@echo "make serve     start the apps at http://127.0.0.1:$(PORT)/ (PORT=..., DATA=folder)"
	@echo "make test      run every test: unit, property, integration, notebooks, browser"
	@echo "make fuzz      the fuzz suite's long run: 5,000+ generated inputs (files, CLI, models)"
	@echo "make lint      ruff and mypy (strict)"
	@echo "make bench     run the benchmarks and print their figures"
	@echo "make validate  check the bundled data (or DATA=folder)"
	@echo "make hub       JupyterHub with logins in front of the apps (docs/deploy.md)"
	@echo "make notebooks re-run every notebook and store its outputs (for nbval)"
	@echo "make messages  extract the handout's strings into its translation catalogs"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev,hub]'
	@touch $(STAMP)

serve: $(STAMP)
	$(BIN)/carenav serve --port $(PORT) $(if $(DATA),--data $(DATA))

validate: $(STAMP)
	$(BIN)/carenav validate $(DATA)

chromium:
	@bash .ci/ensure-chromium

$(CHP):
	@bash .ci/ensure-node
	npm install --prefix .node --no-audit --no-fund --loglevel=error configurable-http-proxy@$(CHP_VERSION)

hub-tools: $(CHP)

# One machine, logins for every navigator: see docs/deploy.md (HUB_STATE=folder).
HUB_STATE ?= hub-state
hub: $(STAMP) $(CHP)
	CARENAV_HUB_STATE=$(HUB_STATE) $(if $(DATA),CARENAV_DATA=$(abspath $(DATA))) \
	  $(BIN)/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

test: $(STAMP) chromium $(CHP)
	$(BIN)/python -m pytest

# `make test` runs tests/fuzz with a few fixed examples per test; this runs hundreds of fresh
# ones per test and fails unless at least 5,000 inputs ran (tests/fuzz/profile.py).
fuzz: $(STAMP)
	CARENAV_FUZZ_PROFILE=long CARENAV_FUZZ_MIN_INPUTS=5000 $(BIN)/python -m pytest tests/fuzz -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(STAMP) chromium
	$(BIN)/python benchmarks/run_all.py

# Store each notebook executed (nbval compares against these outputs), keeping only the
# metadata that matters: cell tags, the kernel and the title. Widget state is dropped.
NOTEBOOKS ?= $(wildcard notebooks/*.ipynb voila_apps/*.ipynb)
notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ClearMetadataPreprocessor.enabled=True \
	  --ClearMetadataPreprocessor.preserve_cell_metadata_mask=tags \
	  --ClearMetadataPreprocessor.preserve_nb_metadata_mask=kernelspec \
	  --ClearMetadataPreprocessor.preserve_nb_metadata_mask=language_info \
	  --ClearMetadataPreprocessor.preserve_nb_metadata_mask=title \
	  $(NOTEBOOKS)

# The handout's message catalogs: extract its strings, then merge them into each language's
# .po (new strings arrive untranslated; tests/integration/test_handout.py fails until they are).
LOCALES := src/carenav/present/locale
messages: $(STAMP)
	$(BIN)/pybabel extract --width 100 --no-default-keywords -k w -k raw -k plural:1,2 -k N_ --sort-output \
	  --project carenav -o $(LOCALES)/carenav.pot src/carenav/present
	$(BIN)/pybabel update --width 100 --no-fuzzy-matching -D carenav -i $(LOCALES)/carenav.pot -d $(LOCALES)
	rm $(LOCALES)/carenav.pot

clean:
	rm -rf $(VENV) .node test-artifacts .pytest_cache .mypy_cache .ruff_cache .hypothesis
