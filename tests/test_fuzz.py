"""Fuzz targets: whatever the input, the loaders either load it or refuse it with luanan's own
one-line error — never another exception. `make fuzz` runs each 20,000 times."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from luanan.errors import LuananError
from luanan.load.bibtex import load_bibtex
from luanan.load.chapters import load_document
from luanan.yamlfile import load_mapping

BIBTEX_PIECES = st.sampled_from(
    [
        "@book{",
        "@article{",
        "@string{",
        "@comment{",
        "@preamble{",
        "}",
        "{",
        ",",
        "=",
        '"',
        "#",
        "%",
        "key",
        "title",
        "author",
        "refnum",
        "crossref",
        "xdata",
        " = ",
        "{Tỉnh ủy}",
        "\\'",
        "\\~",
        "\\DJ",
        "\\input",
        "and",
        "\n",
        "  ",
        "2015",
        "--",
        "@",
        "(",
        ")",
        "é",
        "đ",
        "\\",
        "jan",
    ]
)
bibtexish = st.lists(st.one_of(BIBTEX_PIECES, st.text(max_size=5)), max_size=60).map("".join)
YAML_PIECES = st.sampled_from(
    [
        "title",
        ":",
        " ",
        "\n",
        "  ",
        "- ",
        "&a",
        "*a",
        "[",
        "]",
        "{",
        "}",
        '"',
        "'",
        "\t",
        "#",
        "!!python/object",
        "checks",
        "C101",
        "off",
        "yes",
        "1.5",
        "---",
        "...",
    ]
)
yamlish = st.lists(st.one_of(YAML_PIECES, st.text(max_size=4)), max_size=40).map("".join)


@given(bibtexish)
def test_bibliography_loader_never_crashes(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("bib") / "references.bib"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        entries, diagnostics = load_bibtex(path, Path("references.bib"))
    except LuananError:
        return
    assert all(entry.line >= 1 for entry in entries)
    assert all(d.line >= 1 and d.kind in ("unparsable-entry", "duplicate-key") for d in diagnostics)


@given(yamlish)
def test_yaml_loader_never_crashes(text):
    try:
        load_mapping(text, Path("thesis.yaml"))
    except LuananError as error:
        assert str(error).startswith("thesis.yaml:")


@given(yamlish, st.text(max_size=40))
def test_front_matter_loader_never_crashes(tmp_path_factory, front, body):
    path = tmp_path_factory.mktemp("chapter") / "01.md"
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8", errors="surrogatepass")
    try:
        document = load_document(path, Path("chapters/01.md"))
    except LuananError as error:
        assert str(error).startswith("chapters/01.md")
        return
    assert 0 <= document.body_start <= len(document.source.text)
