"""The embedded chapter is clean, NFC text that keeps every citation of the seed, in order."""

from __future__ import annotations

import re
import unicodedata

from conftest import CHAPTER, REPO, SEED
from luanan.citations.parse import find_citations
from luanan.load.chapters import load_document

DAMAGED = [
    "haǹ h",
    "tuć",
    "viêc̣",
    "vàchương",
    "từtỉnh",
    "củaTỉnh",
    "KT XH",
    "tô chức",
    "nghiệm vụ",
    "chính quyềm",
    "địa bản",
    "kiểm, tra giám sát",
    "Có thể bạn quan tâm",
    "Xem toàn bộ",
]


def chapter_text() -> str:
    return CHAPTER.read_text(encoding="utf-8")


def test_chapter_is_nfc_utf8():
    text = chapter_text()
    assert unicodedata.is_normalized("NFC", text)
    assert not re.search(r"[\u0300-\u036f]", text), "a stray combining mark"


def test_no_damaged_form_remains():
    flat = " ".join(chapter_text().split())
    for damaged in DAMAGED:
        assert damaged not in flat, damaged


def test_document_numbers_have_their_hyphens_and_years_their_dashes():
    flat = " ".join(chapter_text().split())
    assert not re.search(r"\b\d+ ?(QC|QĐ|CT|CTr|HD|NQ)/", flat)
    assert not re.search(r"\b(20[01]\d) (20[01]\d)\b", flat)
    for number in [
        "01-QC/TU",
        "10-CT/TW",
        "09-HD/BTCTW",
        "1089-QĐ/TU",
        "07-CTr/TU",
        "1051-QĐ/TU",
        "04-QC/TU",
        "195-QĐ/TU",
        "03-CT/TW",
        "02-NQ/TU",
    ]:
        assert number in flat
    assert "chính trị - xã hội" in flat


def test_every_seed_citation_is_kept_in_order():
    seed = SEED.read_text(encoding="utf-8")
    seed_citations = [c.raw for c in find_citations(seed)]
    document = load_document(CHAPTER, CHAPTER.relative_to(REPO))
    chapter_citations = [c.raw for c in find_citations(document.source.text, document.body_start)]
    assert (
        seed_citations
        == chapter_citations
        == [
            "[157, tr. 671]",
            "[157, tr. 671]",
            "[131, tr. 5]",
            "[51, tr. 51]",
            "[131, tr. 4]",
            "[157, tr. 961]",
            "[157, tr. 722]",
            "[167, tr. 2]",
            "[Phụ lục 22]",
            "[167, tr. 3]",
        ]
    )


def test_front_matter_declares_chapter_and_excerpt():
    document = load_document(CHAPTER, CHAPTER.relative_to(REPO))
    assert document.meta["chapter"] == 3
    assert document.meta["excerpt"]["starts_in"] == "3.2.4"
    headings = re.findall(r"^(#+) (\S+)", document.body, re.M)
    assert headings == [("###", "3.2.5."), ("####", "3.2.5.1.")]


def test_run_in_heads_are_bold():
    text = chapter_text()
    for head in ["Chỉ đạo nâng cao chất lượng sinh hoạt:", "Chỉ đạo đổi mới phương pháp làm việc của cấp ủy:"]:
        assert f"**{head}**" in text


def test_repairs_are_recorded():
    record = (REPO / "docs" / "embedded-chapter.md").read_text(encoding="utf-8")
    for before, after in [("haǹ h", "hành"), ("01QC/TU", "01-QC/TU"), ("vàchương", "và chương")]:
        assert f"`{before}` | `{after}`" in record
