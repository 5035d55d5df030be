"""Properties of the citation parser that must hold for any input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from luanan.citations.format import canonical
from luanan.citations.model import CitationItem
from luanan.citations.parse import find_citations

MARKDOWN_ALPHABET = st.sampled_from(list('[]()@,;.-–:`$<>!*_#^~ \n\t0123456789trpPLụcaăâđêôơưxiv"“”'))
markdownish = st.lists(st.one_of(MARKDOWN_ALPHABET, st.characters()), max_size=200).map("".join)

numbers = st.integers(min_value=1, max_value=2000)
pages = st.one_of(
    numbers.map(str),
    st.tuples(numbers, numbers).map(lambda p: f"{min(p)}-{max(p)}"),
    st.sampled_from(["xii", "iv", "1.024", "36–37"]),
)


@st.composite
def items(draw):
    key = draw(st.booleans())
    return CitationItem(
        0,
        0,
        ref=None if key else draw(numbers),
        key="k" + draw(st.text(alphabet="abcxyz0123:-", max_size=8)) if key else None,
        volume=draw(st.one_of(st.none(), numbers.map(str))),
        pages=draw(st.one_of(st.none(), pages)),
        page_label="tr.",
        volume_label="t.",
        separator=";",
    )


def meaning(citation):
    return [(i.ref, i.key, i.volume, i.pages) for i in citation.items]


@given(markdownish)
def test_never_raises_and_spans_are_brackets(text):
    for citation in find_citations(text):
        opening, closing = text[citation.start], text[citation.end - 1]
        assert (opening, closing) in {("[", "]"), ("(", ")")}
        assert citation.raw == text[citation.start : citation.end]
        inner = citation.raw[1:-1]
        assert opening not in inner and closing not in inner  # the matching bracket, not a later one
        for item in citation.items:
            assert citation.start < item.start <= item.end < citation.end


@given(st.lists(items(), min_size=1, max_size=4))
def test_format_then_parse_gives_the_same_citation(drawn):
    text = canonical(drawn)
    [citation] = find_citations(f"Câu {text}.")
    assert citation.kind == "reference"
    assert meaning(citation) == [(i.ref, i.key, i.volume, i.pages) for i in drawn]
    assert canonical(citation.items) == text


@given(markdownish)
def test_canonical_form_is_a_fixed_point(text):
    for citation in find_citations(text):
        if citation.kind == "reference":
            [again] = find_citations(canonical(citation.items))
            assert canonical(again.items) == canonical(citation.items)
