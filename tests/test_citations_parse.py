"""The citation parser: forms, spans, and what is never a citation."""

from __future__ import annotations

import pytest

from luanan.citations.parse import find_citations


def only(text: str):
    found = find_citations(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[157, tr. 671]", [(157, None, None, "671")]),
        ("[50, tr.2]", [(50, None, None, "2")]),
        ("[15, tr. 36-37]", [(15, None, None, "36-37")]),
        ("[15, tr. 36–37]", [(15, None, None, "36–37")]),
        ("[9, tr. 4, 7]", [(9, None, None, "4, 7")]),
        ("[15]", [(15, None, None, None)]),
        ("[19; 25; 41]", [(19, None, None, None), (25, None, None, None), (41, None, None, None)]),
        ("[19, 25, 41]", [(19, None, None, None), (25, None, None, None), (41, None, None, None)]),
        ("[45, tr. 12; 47, tr. 5]", [(45, None, None, "12"), (47, None, None, "5")]),
        ("[62, t. 5, tr. 280]", [(62, None, "5", "280")]),
        ("[62, tập 5, tr. 280]", [(62, None, "5", "280")]),
        ("[203, pp. 45-47]", [(203, None, None, "45-47")]),
        ("[1, tr. 1.024]", [(1, None, None, "1.024")]),
        ("[3, tr. xii]", [(3, None, None, "xii")]),
        ("[@tinhuy2010quyche, tr. 671]", [(None, "tinhuy2010quyche", None, "671")]),
        ("[@a; @b, tr. 7]", [(None, "a", None, None), (None, "b", None, "7")]),
    ],
)
def test_reference_forms(text, expected):
    citation = only(f"Câu {text}.")
    assert citation.kind == "reference"
    assert [(i.ref, i.key, i.volume, i.pages) for i in citation.items] == expected
    assert citation.raw == text


@pytest.mark.parametrize("text", ["[Phụ lục 22]", "(Phụ lục 22)", "[PL 22]"])
def test_appendix_pointers(text):
    citation = only(f"Xem {text}.")
    assert (citation.kind, citation.appendix) == ("appendix", "22")


@pytest.mark.parametrize(
    "text",
    [
        "`[12, tr. 5]`",
        "\n```\n[12, tr. 5]\n```\n",
        "\n~~~ text\n[1]\n~~~\n",
        "[văn bản](http://x/[1])",
        "[^1]",
        "- [x] việc",
        "$[3]$",
        "<!-- [99, tr. 1] -->",
        "[...]",
        "[…]",
        "[sic]",
        "(2010)",
        "[ghi chú của tác giả]",
    ],
)
def test_never_a_citation(text):
    assert find_citations(f"Đoạn {text} hết.\n") == []


@pytest.mark.parametrize("text", ["[12 tr. 5]", "[12, tr. ]", "[, tr. 5]", "[12; tr. 5]"])
def test_near_misses_are_reported_not_skipped(text):
    assert only(f"Câu {text}.").kind == "malformed"


def test_round_brackets_get_the_square_form_as_hint():
    citation = only("Câu (12, tr. 10-12).")
    assert (citation.kind, citation.hint) == ("malformed", "[12, tr. 10-12]")


def test_span_covers_the_whole_citation_even_across_a_line_break():
    text = "Một câu [157,\ntr. 671] tiếp."
    citation = only(text)
    assert text[citation.start] == "[" and text[citation.end - 1] == "]"
    assert citation.raw == "[157,\ntr. 671]"
    item = citation.items[0]
    assert text[item.start : item.end] == "157,\ntr. 671"
