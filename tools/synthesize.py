"""Synthetic luanan thesis projects, for benchmarks.

    python tools/synthesize.py OUTDIR [--scale 1] [--twin] [--seed 0]

or, from Python, `generate(outdir, scale=1.0, keys=False, seed=0)`, which returns the counts.

The project written into OUTDIR is complete: thesis.yaml, five chapters in chapters/, a few
appendices with pipe tables in chapters/appendices/ and bibliography/references.bib. The body
text is the embedded chapter of this repository (chapters/03-chuong-3.md, found from this
script's own path), cut into paragraphs, re-used and shuffled; its citations are dropped and
new ones are put at sentence ends, a citation with pages after every direct quotation. Every
citation names an entry that exists and, when it has a locator, pages inside that entry's page
data (`pagetotal` of a book or document, `pages` of an article); every `[Phụ lục k]` names an
appendix that exists. The entries are in luanan's standard order (spec §10.3) and numbered 1..300 in that
order. Everything comes from one seeded `random.Random`, so the same arguments give the same
bytes.

Sizes: at scale 1 about 700 KB of Markdown across the five chapters (some 300 printed pages)
and 2,000 citations (appendix pointers included). `--scale` multiplies the text and the
citations; the bibliography stays at 300 entries at every scale, so a larger scale cites the
same sources more often and the benchmark measures how the check grows with the text. Every
entry is cited at least once.

`--twin` (keys=True) writes the same content for peer tools: key citations `[@key, tr. 671]`,
`[@a; @b]` and a bibliography without `refnum`, which `pandoc --citeproc` can process.
Appendix pointers stay as written; pandoc leaves them as plain text.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from luanan.bibliography.model import BibEntry
from luanan.bibliography.sorting import entry_key

REPO = Path(__file__).resolve().parent.parent
SEED_CHAPTER = REPO / "chapters" / "03-chuong-3.md"

CHAPTERS = 5
BYTES_PER_SCALE = 700_000  # Markdown bytes across the chapters at scale 1
CITATIONS_PER_SCALE = 2_000  # citations and appendix pointers at scale 1
REFERENCES = 300  # at every scale
APPENDICES = 6
CITATION_BYTES = 15  # rough size of one inserted citation, to size the text

TITLE = "Xây dựng tổ chức cơ sở đảng ở xã, phường, thị trấn tỉnh Thanh Hóa (luận án tổng hợp để đo hiệu năng)"

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Phan Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trịnh Mai".split()
MIDDLE = "Văn Thị Đức Minh Quang Hữu Thanh Ngọc Xuân Đình Công Kim".split()
GIVEN = (
    "An Bình Cường Dũng Giang Hà Hải Hạnh Hùng Hương Khánh Lan Linh Long Mai Nam Phong "
    "Phương Quân Sơn Tâm Thảo Thắng Trung Tuấn Việt Yến"
).split()
ORGANISATIONS = [
    "Đảng Cộng sản Việt Nam",
    "Tỉnh ủy Thanh Hóa",
    "Ban Chấp hành Đảng bộ tỉnh Thanh Hóa",
    "Ban Tổ chức Trung ương",
    "Ban Tổ chức Tỉnh ủy Thanh Hóa",
    "Ủy ban Kiểm tra Tỉnh ủy Thanh Hóa",
    "Ban Tuyên giáo Tỉnh ủy Thanh Hóa",
    "Huyện ủy Quảng Xương",
    "Huyện ủy Thọ Xuân",
    "Thành ủy Thanh Hóa",
]
TOPICS = [
    "xây dựng tổ chức cơ sở đảng",
    "nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức cơ sở đảng",
    "công tác kiểm tra, giám sát của Đảng",
    "đổi mới phương thức lãnh đạo của Đảng",
    "công tác cán bộ cấp cơ sở",
    "nâng cao chất lượng sinh hoạt chi bộ",
    "hệ thống chính trị cấp cơ sở",
    "công tác phát triển đảng viên",
    "thực hiện quy chế dân chủ ở cơ sở",
    "công tác dân vận của Đảng",
    "xây dựng nông thôn mới",
    "cải cách hành chính cấp xã",
]
SCOPES = [
    "ở xã, phường, thị trấn",
    "ở nông thôn",
    "ở vùng miền núi",
    "trong thời kỳ đổi mới",
    "ở các tỉnh Bắc Trung Bộ",
    "ở tỉnh Thanh Hóa",
    "hiện nay",
]
BOOK_TITLES = [
    "{Topic} {scope}",
    "{Topic} {scope}: lý luận và thực tiễn",
    "Một số vấn đề về {topic} {scope}",
    "{Topic} {scope} - Thực trạng và giải pháp",
    "Đảng lãnh đạo {topic} {scope}",
]
DOCUMENT_TITLES = [
    "Văn kiện Đại hội đại biểu Đảng bộ tỉnh Thanh Hóa lần thứ {roman}",
    "Báo cáo tổng kết công tác xây dựng Đảng năm {year}",
    "Nghị quyết số {number}-NQ/TU về {topic} {scope}",
    "Báo cáo sơ kết {count} năm thực hiện Chỉ thị số {number}-CT/TU về {topic}",
    "Văn kiện Hội nghị lần thứ {count} Ban Chấp hành Trung ương khóa {roman}",
]
PUBLISHERS = [
    ("Nxb Chính trị quốc gia", "Hà Nội"),
    ("Nxb Lý luận chính trị", "Hà Nội"),
    ("Nxb Khoa học xã hội", "Hà Nội"),
    ("Nxb Quân đội nhân dân", "Hà Nội"),
    ("Nxb Thanh Hóa", "Thanh Hóa"),
]
JOURNALS = [
    "Tạp chí Cộng sản",
    "Tạp chí Xây dựng Đảng",
    "Tạp chí Lịch sử Đảng",
    "Tạp chí Lý luận chính trị",
    "Tạp chí Khoa học chính trị",
    "Tạp chí Tổ chức nhà nước",
]
ROMAN = ["XIV", "XV", "XVI", "XVII", "XVIII", "X", "XI", "XII"]
CHAPTER_TITLES = [
    "Những vấn đề lý luận và thực tiễn về xây dựng tổ chức cơ sở đảng ở xã, phường, thị trấn",
    "Đảng bộ tỉnh Thanh Hóa lãnh đạo xây dựng tổ chức cơ sở đảng từ năm 2005 đến năm 2010",
    "Đảng bộ tỉnh Thanh Hóa lãnh đạo xây dựng tổ chức cơ sở đảng từ năm 2010 đến năm 2015",
    "Nhận xét và một số kinh nghiệm",
    "Phương hướng và giải pháp nâng cao chất lượng tổ chức cơ sở đảng",
]
SECTION_TITLES = [
    "Chủ trương của Đảng bộ tỉnh",
    "Chỉ đạo kiện toàn tổ chức",
    "Chỉ đạo nâng cao chất lượng sinh hoạt",
    "Chỉ đạo công tác cán bộ",
    "Chỉ đạo công tác kiểm tra, giám sát",
    "Chỉ đạo công tác phát triển đảng viên",
    "Chỉ đạo đổi mới phương thức lãnh đạo",
    "Ưu điểm và hạn chế",
    "Kinh nghiệm rút ra",
]
APPENDIX_TITLES = [
    "Số lượng tổ chức cơ sở đảng ở xã, phường, thị trấn theo đơn vị hành chính",
    "Kết quả đánh giá, phân loại tổ chức cơ sở đảng",
    "Kết quả phát triển đảng viên mới",
    "Kết quả kiểm tra, giám sát của các cấp ủy",
    "Trình độ của đội ngũ cán bộ chủ chốt cấp xã",
    "Kết quả thi hành kỷ luật đảng viên",
]
DISTRICTS = [
    "Thành phố Thanh Hóa",
    "Thị xã Sầm Sơn",
    "Thị xã Bỉm Sơn",
    "Hoằng Hóa",
    "Quảng Xương",
    "Tĩnh Gia",
    "Nga Sơn",
    "Hậu Lộc",
    "Thọ Xuân",
    "Triệu Sơn",
    "Yên Định",
    "Vĩnh Lộc",
    "Thạch Thành",
    "Cẩm Thủy",
    "Ngọc Lặc",
    "Lang Chánh",
    "Bá Thước",
    "Quan Hóa",
    "Quan Sơn",
    "Mường Lát",
    "Thường Xuân",
    "Như Xuân",
    "Như Thanh",
    "Nông Cống",
    "Đông Sơn",
    "Thiệu Hóa",
    "Hà Trung",
]

# Citations and appendix pointers of the embedded chapter, with the space before them.
_OLD_CITATION = re.compile(r"[ \t]*\[(?:\d|@|Phụ lục|PL )[^\[\]]*\]")
# A sentence or clause end where a citation can go: `.;!?` before white space or the end.
_SLOT = re.compile(r"(?<=\S)[.;!?](?=\s|\Z)")
_QUOTE = re.compile(r"“([^”]*)”")


@dataclass
class Entry:
    kind: str  # book, article, misc
    author: str
    year: int
    title: str
    first: int  # first and last page a citation may name
    last: int
    fields: dict[str, str] = field(default_factory=dict)
    corporate: bool = False
    key: str = ""
    refnum: int = 0


@dataclass(frozen=True)
class Cite:
    items: tuple[tuple[Entry, str | None], ...] = ()  # (entry, pages or None)
    appendix: int | None = None


# --- bibliography ----------------------------------------------------------------------------


def make_entries(rng: random.Random, count: int) -> list[Entry]:
    """`count` entries, keyed, in luanan's standard order (spec §10.3) and numbered 1..count in that order."""
    makers = [_book] * 45 + [_article] * 35 + [_document] * 20
    entries = [rng.choice(makers)(rng) for _ in range(count)]
    _assign_keys(entries)
    entries.sort(key=lambda e: (entry_key(_as_bib_entry(e), "vi"), e.key))
    for number, entry in enumerate(entries, 1):
        entry.refnum = number
    return entries


def _as_bib_entry(entry: Entry) -> BibEntry:
    fields = {"author": entry.author, "title": entry.title, "year": str(entry.year)}
    return BibEntry(entry.key, entry.kind, fields, Path("references.bib"), 1, entry.corporate)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _authors(rng: random.Random) -> str:
    return " and ".join(_person(rng) for _ in range(rng.choice([1, 1, 1, 2, 3])))


def _topic_title(rng: random.Random, template: str, year: int) -> str:
    topic = rng.choice(TOPICS)
    return template.format(
        Topic=topic[0].upper() + topic[1:],
        topic=topic,
        scope=rng.choice(SCOPES),
        year=year,
        roman=rng.choice(ROMAN),
        number=rng.randint(1, 40),
        count=rng.randint(3, 10),
    )


def _book(rng: random.Random) -> Entry:
    year = rng.randint(1995, 2020)
    publisher, address = rng.choice(PUBLISHERS)
    total = rng.randint(80, 960)
    return Entry(
        "book",
        _authors(rng),
        year,
        _topic_title(rng, rng.choice(BOOK_TITLES), year),
        1,
        total,
        {"publisher": publisher, "address": address, "pagetotal": str(total)},
    )


def _article(rng: random.Random) -> Entry:
    year = rng.randint(1995, 2020)
    first = rng.randint(3, 110)
    last = first + rng.randint(2, 12)
    topic = rng.choice(TOPICS)
    title = f"{topic[0].upper() + topic[1:]} {rng.choice(SCOPES)}"
    return Entry(
        "article",
        _authors(rng),
        year,
        title,
        first,
        last,
        {
            "journal": rng.choice(JOURNALS),
            "number": str(rng.randint(1, 24)),
            "pages": f"{first}--{last}",
        },
    )


def _document(rng: random.Random) -> Entry:
    year = rng.randint(2000, 2016)
    total = rng.randint(40, 960)
    title = _topic_title(rng, rng.choice(DOCUMENT_TITLES), year)
    return Entry(
        "misc",
        rng.choice(ORGANISATIONS),
        year,
        title,
        1,
        total,
        {"address": "Thanh Hóa" if "Thanh Hóa" in title else "Hà Nội", "pagetotal": str(total)},
        corporate=True,
    )


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: `Tỉnh ủy Thanh Hóa` -> `tinhuythanhhoa`."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text.lower() if c.isascii() and c.isalnum())


def _assign_keys(entries: list[Entry]) -> None:
    """`nguyenhung2011`, `tinhuythanhhoa2011`; entries sharing a base get a, b, c..."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        first_author = entry.author.split(" and ")[0]
        words = first_author.split()
        name = first_author if entry.corporate else f"{words[0]} {words[-1]}"
        groups.setdefault(f"{fold(name)[:20]}{entry.year}", []).append(entry)
    for base, group in groups.items():
        for index, entry in enumerate(group):
            entry.key = base if len(group) == 1 else f"{base}{_suffix(index)}"


def _suffix(index: int) -> str:
    return chr(ord("a") + index) if index < 26 else f"-{index}"


def render_bibtex(entries: list[Entry], keys: bool) -> str:
    header = "% Synthetic bibliography written by tools/synthesize.py (benchmarks only).\n"
    return header + "".join("\n" + _bibtex_entry(entry, keys) for entry in entries)


def _bibtex_entry(entry: Entry, keys: bool) -> str:
    author = f"{{{entry.author}}}" if entry.corporate else entry.author
    fields = {} if keys else {"refnum": str(entry.refnum)}
    fields |= {"langid": "vietnamese", "author": author, "title": entry.title, "year": str(entry.year)}
    fields |= entry.fields
    lines = [f"  {name:<9} = {{{value}}}," for name, value in fields.items()]
    return f"@{entry.kind}{{{entry.key},\n" + "\n".join(lines) + "\n}\n"


# --- citations -------------------------------------------------------------------------------


def make_citations(rng: random.Random, entries: list[Entry], appendices: list[int], count: int) -> list[Cite]:
    """`count` citations of mixed forms; the first ones cite every entry once, in random order."""
    unused = entries[:]
    rng.shuffle(unused)

    def pick() -> Entry:
        return unused.pop() if unused else rng.choice(entries)

    forms = ["page"] * 45 + ["bare"] * 16 + ["range"] * 15 + ["several"] * 15 + ["appendix"] * 5 + ["mixed"] * 4
    cites = []
    for _ in range(count):
        form = rng.choice(forms)
        if form == "appendix" and appendices:
            cites.append(Cite(appendix=rng.choice(appendices)))
        elif form == "several":
            cites.append(Cite(tuple((e, None) for e in _distinct(pick, rng.choice([2, 2, 3])))))
        elif form == "mixed":
            cites.append(Cite(tuple((e, _page(rng, e)) for e in _distinct(pick, 2))))
        elif form == "range":
            entry = pick()
            cites.append(Cite(((entry, _range(rng, entry)),)))
        elif form == "bare":
            cites.append(Cite(((pick(), None),)))
        else:
            entry = pick()
            cites.append(Cite(((entry, _page(rng, entry)),)))
    return cites


def _distinct(pick, count: int) -> list[Entry]:
    """`count` different entries from `pick`, in list order (luanan's C201 wants them ascending)."""
    chosen: list[Entry] = []
    while len(chosen) < count:
        entry = pick()
        if entry not in chosen:
            chosen.append(entry)
    return sorted(chosen, key=lambda e: e.refnum)


def _page(rng: random.Random, entry: Entry) -> str:
    return str(rng.randint(entry.first, entry.last))


def _range(rng: random.Random, entry: Entry) -> str:
    start = rng.randint(entry.first, entry.last - 1)
    return f"{start}-{min(entry.last, start + rng.randint(1, 4))}"


def render_citation(cite: Cite, keys: bool) -> str:
    if cite.appendix is not None:
        return f"[Phụ lục {cite.appendix}]"
    parts = []
    for entry, pages in cite.items:
        name = f"@{entry.key}" if keys else str(entry.refnum)
        parts.append(f"{name}, tr. {pages}" if pages else name)
    return "[" + "; ".join(parts) + "]"


# --- chapters --------------------------------------------------------------------------------


def seed_paragraphs(path: Path = SEED_CHAPTER) -> list[str]:
    """The embedded chapter's body paragraphs, without headings and without citations."""
    text = path.read_text(encoding="utf-8")
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", body):
        block = _OLD_CITATION.sub("", block.strip())
        if block and not block.startswith("#"):
            paragraphs.append(re.sub(r"[;,]\Z", ".", block))
    return paragraphs


def plan_chapters(rng: random.Random, paragraphs: list[str], budget: int) -> list[list[str]]:
    """Five chapters of headings and paragraphs, about `budget` UTF-8 bytes each."""
    deck: list[str] = []
    chapters = []
    for number in range(1, CHAPTERS + 1):
        blocks, size, section, left = [], 0, 0, 0
        while size < budget:
            if left == 0:
                section, left = section + 1, rng.randint(4, 9)
                blocks.append(f"## {number}.{section}. {rng.choice(SECTION_TITLES)}")
            else:
                if not deck:
                    deck = paragraphs[:]
                    rng.shuffle(deck)
                blocks.append(deck.pop())
                left -= 1
            size += len(blocks[-1].encode()) + 2
        chapters.append(blocks)
    return chapters


def place_citations(rng: random.Random, chapters: list[list[str]], cites: list[Cite], keys: bool) -> list[str]:
    """Put the citations at sentence ends; returns each chapter's body text.

    The sentence end after each direct quotation gets a citation with pages, as a thesis
    must give them (luanan's C301, C302); the other citations go to random sentence ends.
    """
    quoted, free = _slots(chapters)
    paged = [c for c in cites if c.items and all(pages for _, pages in c.items)]
    rest = [c for c in cites if not (c.items and all(pages for _, pages in c.items))]
    placed = list(zip(quoted, paged))
    rest += paged[len(quoted) :]
    spots = rng.sample(free * math.ceil(len(rest) / len(free)), len(rest)) if rest else []
    placed += zip(spots, rest)
    at: dict[tuple[int, int], dict[int, list[str]]] = {}
    for (c, b, offset), cite in sorted(placed, key=lambda pair: pair[0]):
        at.setdefault((c, b), {}).setdefault(offset, []).append(render_citation(cite, keys))
    bodies = []
    for c, blocks in enumerate(chapters):
        texts = [_insert(block, at.get((c, b), {})) for b, block in enumerate(blocks)]
        bodies.append("\n\n".join(texts) + "\n")
    return bodies


def _slots(chapters: list[list[str]]) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """(chapter, block, offset) of the sentence ends that close a direct quotation, and of the others.

    Ends inside a quotation are never used."""
    quoted, free = [], []
    for c, blocks in enumerate(chapters):
        for b, block in enumerate(blocks):
            if block.startswith("#"):
                continue
            quotes = list(_QUOTE.finditer(block))
            needing = [q.end() for q in quotes if _is_direct_quotation(q.group(1))]
            for match in _SLOT.finditer(block):
                offset = match.start()
                if any(q.start() < offset < q.end() for q in quotes):
                    continue
                if needing and needing[0] <= offset:
                    quoted.append((c, b, offset))
                    needing = [end for end in needing if end > offset]
                else:
                    free.append((c, b, offset))
    return quoted, free


def _is_direct_quotation(text: str) -> bool:
    """The rule luanan applies: 15 words or more, or a sentence break inside."""
    return len(text.split()) >= 15 or bool(re.search(r"[.;!?](?=\s)", text))


def _insert(block: str, cites: dict[int, list[str]]) -> str:
    for offset in sorted(cites, reverse=True):
        block = block[:offset] + " " + ", ".join(cites[offset]) + block[offset:]
    return block


def chapter_file(number: int, body: str) -> str:
    return f'---\nchapter: {number}\ntitle: "{CHAPTER_TITLES[number - 1]}"\n---\n\n{body}'


# --- appendices ------------------------------------------------------------------------------


def appendix_file(rng: random.Random, number: int) -> str:
    """An appendix with a short note and a pipe table of figures per district."""
    title = APPENDIX_TITLES[(number - 1) % len(APPENDIX_TITLES)]
    rows = ["| Đơn vị | 2005 | 2010 | 2015 |", "|:-----------------------|------:|------:|------:|"]
    for district in DISTRICTS:
        figures = [_vn_number(rng.randint(20, 12_000)) for _ in range(3)]
        rows.append(f"| {district} | " + " | ".join(figures) + " |")
    return (
        f'---\nappendix: {number}\ntitle: "{title}"\n---\n\n'
        f"Số liệu tổng hợp (dữ liệu tổng hợp để đo hiệu năng, không phải số liệu thật).\n\n"
        + "\n".join(rows)
        + f"\n\n: {title}\n"
    )


def _vn_number(value: int) -> str:
    """12000 -> `12.000`: the Vietnamese thousands separator."""
    return f"{value:,}".replace(",", ".")


# --- the project -----------------------------------------------------------------------------


def generate(outdir: Path, scale: float = 1.0, keys: bool = False, seed: int = 0) -> dict:
    """Write a complete project into `outdir`; returns its sizes and counts."""
    outdir = Path(outdir)
    rng = random.Random(seed)
    entries = make_entries(rng, REFERENCES)
    appendices = list(range(1, APPENDICES + 1))
    count = round(CITATIONS_PER_SCALE * scale)
    cites = make_citations(rng, entries, appendices, count)
    budget = round((BYTES_PER_SCALE * scale - count * CITATION_BYTES) / CHAPTERS)
    chapters = plan_chapters(rng, seed_paragraphs(), budget)
    bodies = place_citations(rng, chapters, cites, keys)

    _write(
        outdir / "thesis.yaml",
        "# Synthetic project written by tools/synthesize.py (benchmarks only).\n"
        f'title: "{TITLE}"\nlanguage: vi\nprofile: moet-classic\n'
        "# The chapter's paragraphs are reused out of order: abbreviations are not introduced where\n"
        "# they first appear, and the chapter's one real date conflict (07-CTr/TU) recurs.\n"
        "checks: {A103: off, D103: off}\n",
    )
    _write(
        outdir / "bibliography" / "abbreviations.yaml",
        (REPO / "bibliography" / "abbreviations.yaml").read_text(encoding="utf-8"),
    )
    markdown = 0
    for number, body in enumerate(bodies, 1):
        path = outdir / "chapters" / f"{number:02d}-chuong-{number}.md"
        markdown += _write(path, chapter_file(number, body))
    for number in appendices:
        path = outdir / "chapters" / "appendices" / f"{number:02d}-phu-luc-{number}.md"
        _write(path, appendix_file(rng, number))
    _write(outdir / "bibliography" / "references.bib", render_bibtex(entries, keys))
    pointers = sum(1 for c in cites if c.appendix is not None)
    return {
        "scale": scale,
        "keys": keys,
        "seed": seed,
        "chapter_bytes": markdown,
        "chapters": CHAPTERS,
        "appendices": len(appendices),
        "references": len(entries),
        "citations": len(cites) - pointers,
        "appendix_pointers": pointers,
        "cited_items": sum(len(c.items) for c in cites),
    }


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic luanan project for benchmarks.")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies the text and the citations (default 1)")
    parser.add_argument("--twin", action="store_true", help="key citations and no refnum, for pandoc --citeproc")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    counts = generate(args.outdir, args.scale, args.twin, args.seed)
    print(", ".join(f"{name} {value}" for name, value in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
