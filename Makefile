# luanan thesis project. `make` checks the citations, then builds build/thesis.pdf and
# build/thesis.docx; `make test` runs the test suite. The first run creates .venv.

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
LUANAN  := $(BIN)/luanan
STAMP   := $(VENV)/.installed-stamp
SOURCES := thesis.yaml $(shell find chapters bibliography -type f -not -name '.*' 2>/dev/null) \
           $(shell find tools/luanan -type f \( -name '*.py' -o -name '*.yaml' -o -name '*.typ' \) 2>/dev/null)

.PHONY: all check pdf docx test lint clean bench fuzz realcheck messages mutate slow

all: build/thesis.ok

# (Re)create the environment when it is missing or pyproject.toml changed.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

check: $(STAMP)
	$(LUANAN) check

# One process checks once (its findings printed once) and writes both outputs; the stamp makes
# a second `make` with nothing changed do nothing.
build/thesis.ok: $(STAMP) $(SOURCES)
	$(LUANAN) build
	@touch $@

pdf: $(STAMP)
	$(LUANAN) build pdf

docx: $(STAMP)
	$(LUANAN) build docx

test: lint
	$(BIN)/python -m pytest -q

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

# Runs luanan check over a folder of real passages (each .md or .txt a chapter, kept outside the
# repository) and prints every finding with its token, for a person to judge: make realcheck DIR=...
realcheck: $(STAMP)
	@test -n "$(DIR)" || { echo "usage: make realcheck DIR=folder-of-passages"; exit 2; }
	$(BIN)/python tools/realcheck.py "$(DIR)" $(ARGS)

# The message catalogue: extract every wrapped message (`_()`, `ngettext()`, `N_()` and the rule
# summaries, `rule()`'s fourth argument) into the template, merge it into the Vietnamese
# catalogue (translate the new entries there), and compile luanan.mo, which is committed.
LOCALE := tools/luanan/locale
messages: $(STAMP)
	$(BIN)/pybabel -q extract --no-location --sort-output --no-wrap -k rule:4 --project luanan --version 0.1.0 \
		--msgid-bugs-address "" --copyright-holder "luanan" -o $(LOCALE)/luanan.pot tools/luanan
	$(BIN)/pybabel -q update --no-fuzzy-matching --no-wrap --ignore-obsolete -D luanan -l vi \
		-i $(LOCALE)/luanan.pot -d $(LOCALE)
	$(BIN)/pybabel -q compile --statistics -D luanan -l vi -d $(LOCALE)

# The full-size cases `make test` runs in a lighter form or leaves out: a 50 MB chapter, killing
# the build of a whole synthetic thesis, a SIGKILL at every step of a 400-file renumber (~20 min).
slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

# Mutation testing of the core modules (tests/mutation.toml): a score per module, each at least 80%.
# `make mutate MODULES="citations/parse.py files.py"` runs only those.
mutate: $(STAMP)
	$(BIN)/python tools/mutate.py --jobs 2 $(addprefix --module ,$(MODULES))

clean:
	rm -rf build
