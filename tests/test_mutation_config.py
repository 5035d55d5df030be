"""tests/mutation.toml stays true to the code: every module and test file it names exists, and
every mutant it lists as equivalent is still one that `make mutate` makes."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
import mutate


def test_modules_and_tests_exist():
    modules, equivalent, fail_under = mutate.load_config()
    assert fail_under >= 80
    assert {"citations/parse.py", "citations/resolve.py", "rules/citations.py", "files.py"} <= set(modules)
    for module in modules.values():
        assert (mutate.PACKAGE / module.path).is_file(), module.path
        assert module.tests and all((REPO / test).is_file() for test in module.tests), module.tests


@pytest.mark.slow  # makes every mutant of the listed modules: half a minute; `make mutate` checks it too
def test_every_listed_equivalent_is_still_made_and_has_a_reason():
    modules, equivalent, _ = mutate.load_config()
    listed = {module: [i for i in equivalent if i.split(":")[0] == module] for module in modules}
    for module, ids in listed.items():
        if ids:
            made = {m.id for m in mutate.make_mutants(module)}
            assert set(ids) <= made, sorted(set(ids) - made)
    assert all(len(reason) > 20 for reason in equivalent.values())
    assert {i.split(":")[0] for i in equivalent} <= set(modules)


@pytest.mark.slow
def test_mutant_ids_are_stable_and_unique():
    first = [m.id for m in mutate.make_mutants("citations/resolve.py")]
    assert first == [m.id for m in mutate.make_mutants("citations/resolve.py")]
    assert len(first) == len(set(first))


def test_every_equivalent_names_a_configured_module_and_a_reason():
    modules, equivalent, _ = mutate.load_config()
    assert {i.split(":")[0] for i in equivalent} <= set(modules)
    assert all(len(reason) > 20 for reason in equivalent.values())
