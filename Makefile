# luanan thesis project. `make` checks the citations, then builds build/thesis.pdf and
# build/thesis.docx; `make test` runs the test suite. The first run creates .venv.

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
LUANAN  := $(BIN)/luanan
STAMP   := $(VENV)/.installed-stamp
SOURCES := thesis.yaml $(shell find chapters bibliography -type f -not -name '.*' 2>/dev/null) \
           $(shell find tools/luanan -type f \( -name '*.py' -o -name '*.yaml' -o -name '*.typ' \) 2>/dev/null)

.PHONY: all check pdf docx test lint clean bench fuzz slow

all: build/check.ok build/thesis.pdf build/thesis.docx

# (Re)create the environment when it is missing or pyproject.toml changed.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

check: $(STAMP)
	$(LUANAN) check

build/check.ok: $(STAMP) $(SOURCES)
	$(LUANAN) check
	@mkdir -p build && touch $@

pdf: build/thesis.pdf
docx: build/thesis.docx

build/thesis.pdf: build/check.ok
	$(LUANAN) build pdf

build/thesis.docx: build/check.ok
	$(LUANAN) build docx

test: lint
	$(BIN)/python -m pytest -q -m "not slow"

# The minutes-long robustness sweeps (a SIGKILL at every step of a 400-file renumber...).
slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow tests/robustness

# ruff (lint and format) and mypy, clean on the whole package; part of `make test`.
lint: $(STAMP)
	$(BIN)/ruff check tools tests
	$(BIN)/ruff format --check tools tests
	$(BIN)/mypy

# Times luanan check on synthetic projects (and pandoc --citeproc); writes build/bench.json.
bench: $(STAMP)
	$(BIN)/python tools/bench.py

# Property tests at 20,000 examples each (the parser, the BibTeX, YAML and front-matter loaders).
fuzz: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider --hypothesis-profile=fuzz --hypothesis-show-statistics \
		tests/test_fuzz.py tests/test_citations_properties.py tests/robustness/test_confinement_property.py

clean:
	rm -rf build
