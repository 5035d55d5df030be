"""`luanan diff REV`: the thesis as it is now, each change to a chapter file since a git revision a Word
tracked change (pandoc writes `[...]{.insertion}`/`[...]{.deletion}` spans as w:ins/w:del). Old and new
text are rendered with the current project (citation numbers, reference list); prose blocks are diffed
word by word, never cutting a link, citation, code, math or emphasis nor a heading mark, list marker or
attribute; a changed table, code block or figure is shown as now, untracked; unchanged files as built."""

from __future__ import annotations

import re
import subprocess
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from difflib import SequenceMatcher
from functools import partial
from itertools import groupby
from pathlib import Path

from luanan.errors import LuananError
from luanan.files import replacing
from luanan.i18n import _, ngettext
from luanan.load.chapters import FRONT_MATTER, Document, appendix_number
from luanan.parse import parse_project
from luanan.project import Project, load_project
from luanan.render.parts import build_parts
from luanan.source import SourceFile
from luanan.yamlfile import load_mapping

_ATOM = "|".join(
    [  # what a changed run never cuts through
        r"\\\[(?:[^\\]|\\(?!\]))*?\\\]",  # a citation as printed: \[[131](#ref-131), tr. 5\]
        r"(?P<ticks>`+)[\s\S]*?(?P=ticks)(?!`)(?:\{[^{}]*\})?",
        r"~~[^~]+~~",
        r"<[^<>\s]+>",
        r"\{[^{}]*\}",
        r"!?\[(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*\](?:\([^()\s]*(?:\s+\"[^\"]*\")?\)|\{[^{}]*\}|\[[^\[\]]*\])?",
        r"\*\*(?=\S)[\s\S]*?(?<=\S)\*\*",
        r"\*(?=[^\s*])[^*]*?(?<=[^\s*])\*",
        r"(?<![\w\\])_(?=\S)[^_]*?(?<=\S)_(?!\w)",
        r"\$\$[\s\S]*?\$\$",
        r"\$(?=\S)[^$]*?(?<=\S)\$(?!\d)",
        r"\\[^\n]",
    ]
)
_TOKEN = re.compile(
    r"(?m)(?P<mark>^[ \t]*(?:#{1,6}|>|[-*+]|\(?\d+[.)]|#\.|\[\^[^\]\s]+\]:|Table:|:)[ \t]+)"
    rf"|(?P<mark_break>\\$)|(?P<word>(?:{_ATOM}|[^\s\\\[\]])+)|(?P<bracket>\S)"
)
_LINE = r"(?:[ \t]*(`{3,}|~{3,}).*\n[\s\S]*?^[ \t]*\%d[`~]*[ \t]*$|.*\S.*)"  # a fenced block or a line
_BLOCK = re.compile(r"(?m)^" + _LINE % 1 + r"(?:\n" + _LINE % 2 + r")*")
_NOT_PROSE = re.compile(r"\A(?:[ ]{4}|\t|`{3}|~{3}|:::|\||\+[-=]|!\[)|(?m:^[ \t]*[-=+:| ]*[-=]{3,}[-=+:| ]*$)")
_CHANGE = re.compile(r"(<w:(ins|del) [^>]*[^/]>)(.*?)(</w:\2>)", re.S)
_LINK = re.compile(r"(<w:hyperlink[^>]*>)(.*?)(</w:hyperlink>)", re.S)
_CHANGE_ID = re.compile(r'(<w:(?:ins|del) w:id=")\d+"')
_SPACE = "&#32;"  # pandoc trims a plain space at the edge of a span
_matcher = partial(SequenceMatcher, None, autojunk=False)


def build_changes_docx(root: Path, revision: str, destination: Path) -> str:
    """Write `destination`; return a one-line summary of what changed since `revision`."""
    from luanan.write.docx import write_docx

    project = load_project(root)
    commit = _commit(project.root, revision)
    old = {doc.path: _git(project.root, "show", f"{commit}:./{doc.path.as_posix()}") for doc in project.documents}
    old = {path: None if text is None else SourceFile.from_text(path, text).text for path, text in old.items()}
    old_parts, marks, parts = _old_parts(project, old), _Marks(revision), build_parts(parse_project(project))
    for index, part in enumerate(parts):  # the reference list and the rest: the same in both
        if (before := old_parts.get(part.key, "")) != part.markdown:
            parts[index] = replace(part, markdown=_tracked(before, part.markdown, marks))
    (cache := project.root / "build" / ".cache").mkdir(parents=True, exist_ok=True)
    write_docx(project, parts, cache, destination)
    _mend_links(destination)
    untracked = (
        ngettext(
            "; {count} table, code block or figure shown untracked",
            "; {count} tables, code blocks or figures shown untracked",
            marks.untracked,
        ).format(count=marks.untracked)
        if marks.untracked
        else ""
    )
    changed = sum(old[doc.path] != doc.source.text for doc in project.documents)
    summary = _("{changed} of {total} chapter files changed since {revision}: {insertions}, {deletions}").format(
        changed=changed,
        total=len(old),
        revision=revision,
        insertions=counted_changes(marks.counts["insertion"], "insertion"),
        deletions=counted_changes(marks.counts["deletion"], "deletion"),
    )
    return summary + untracked


def counted_changes(count: int, kind: str) -> str:
    """`3 insertions`, `1 deletion`: tracked changes of one kind, counted."""
    if kind == "insertion":
        return ngettext("{count} insertion", "{count} insertions", count).format(count=count)
    return ngettext("{count} deletion", "{count} deletions", count).format(count=count)


def _git(root: Path, *args: str, failure: str | None = None) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True)
    except OSError:
        raise LuananError(_("git is not installed: `luanan diff` compares with a git revision")) from None
    if done.returncode != 0 and failure:
        raise LuananError(failure)
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def source_revision(root: Path) -> str:
    """The short revision of the sources, `+` when they have uncommitted changes (the review
    copy's header)."""
    try:
        revision = _git(root, "rev-parse", "--short", "HEAD")
        dirty = _git(root, "status", "--porcelain", "--", ".")
    except LuananError:
        revision = dirty = ""
    return (revision or "chưa có git").strip() + ("+" if dirty and dirty.strip() else "")


def _commit(root: Path, revision: str) -> str:
    outside = _("{folder} is not in a git repository: nothing to compare").format(folder=root)
    _git(root, "rev-parse", "--is-inside-work-tree", failure=outside)
    return (
        _git(
            root,
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            f"{revision}^{{commit}}",
            failure=_("unknown git revision `{revision}`").format(revision=revision),
        )
        or ""
    ).strip()


def _old_parts(project: Project, texts: dict[Path, str | None]) -> dict[str, str]:
    """Part key -> Markdown: the old texts (None: no such file then) rendered with the current project."""

    def old(doc: Document) -> Document | None:
        text = texts[doc.path]
        if text is None or text == doc.source.text:
            return None if text is None else doc
        source = SourceFile.from_text(doc.path, text)
        match = FRONT_MATTER.match(source.text)
        meta = load_mapping(match.group(1) or "", doc.path, first_line=2) if match else {}
        return Document(source, dict(meta or {}), match.end() if match else 0)

    appendices = [doc for doc in map(old, project.appendices.values()) if doc]
    then = replace(
        project,
        chapters=tuple(doc for doc in map(old, project.chapters) if doc),
        appendices={appendix_number(doc): doc for doc in appendices},
    )
    return {part.key: part.markdown for part in build_parts(parse_project(then))}


class _Marks:  # insertion and deletion spans, counted
    def __init__(self, revision: str):
        self.attributes = (
            f'author="luanan diff {revision.replace(chr(34), chr(39))}" '
            f'date="{datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}"'
        )
        self.counts, self.untracked = {"insertion": 0, "deletion": 0}, 0

    def span(self, kind: str, tokens: list[tuple[str, str, str]], trail: bool = False) -> str:
        """Each run of words one span; marks kept outside (insertion) or dropped, leaving a space
        (deletion). A line break before a run stays outside it; a space goes in as an entity."""
        out, pending = [], ""
        for is_mark, group in groupby(tokens, lambda token: token[2].startswith("mark")):
            run = list(group)
            if is_mark:
                out += [s + t for s, t, _ in run] if kind == "insertion" else []
                pending = " " if kind == "deletion" and run[0][0] else ""
                continue
            sep, inner = (
                run[0][0] or pending,
                "".join((s if i else "") + ("\\" + t if k == "bracket" else t) for i, (s, t, k) in enumerate(run)),
            )
            outside, lead = (sep, "") if "\n" in sep else ("", _SPACE if sep else "")
            out.append(f"{outside}[{lead}{inner}]{{.{kind} {self.attributes}}}")
            self.counts[kind] += 1
        if trail and out and out[-1].endswith("}"):  # the space after the run goes with it
            last = out[-1]
            out[-1] = last[: last.rindex("]{.")] + _SPACE + last[last.rindex("]{.") :]
        return "".join(out)


def _tokens(block: str) -> list[tuple[str, str, str]]:
    """(separator before, text, kind) for each token; joined back they give the block."""
    matches = list(_TOKEN.finditer(block))
    tokens = [
        (
            block[before.end() if before else 0 : match.start()],
            match.group(),
            next(name for name in ("mark", "mark_break", "word", "bracket") if match.group(name) is not None),
        )
        for before, match in zip([None, *matches], matches)
    ]
    if tokens and tokens[0][2] != "mark":  # "2010. " opening a line inside a paragraph is text
        tokens = [(s, t, "word" if k == "mark" else k) for s, t, k in tokens]
    elif tokens and tokens[0][1].lstrip().startswith("#") and re.fullmatch(r"\{[^{}]*\}", tokens[-1][1]):
        tokens[-1] = (*tokens[-1][:2], "mark")  # a heading's attributes: {#chuong-3}
    return tokens


def _tracked(old: str, new: str, marks: _Marks) -> str:
    """`new` with every change from `old` marked."""
    out = []
    for before, after in _paired(*([m.group() for m in _BLOCK.finditer(text)] for text in (old, new))):
        if before == after:
            out.append(after)
        elif not any(_NOT_PROSE.search(block or "") for block in (before, after)):
            out.append(_tracked_block(before or "", after or "", marks))
        else:
            marks.untracked += 1
            out.append(after or "")
    return "\n\n".join(block for block in out if block) + "\n"


def _paired(old: list[str], new: list[str]):
    """(old block or None, new block or None) in reading order: a block paired with the first
    similar one (half its words or more in common), removed blocks before added ones."""
    for _tag, i1, i2, j1, j2 in _matcher(old, new).get_opcodes():
        olds, added, i = old[i1:i2], [], 0
        for block in new[j1:j2]:
            k = next((k for k in range(i, len(olds)) if _matcher(olds[k].split(), block.split()).ratio() >= 0.5), None)
            if k is None:
                added.append(block)
                continue
            yield from [(gone, None) for gone in olds[i:k]] + [(None, b) for b in added] + [(olds[k], block)]
            added, i = [], k + 1
        yield from [(gone, None) for gone in olds[i:]] + [(None, b) for b in added]


def _tracked_block(old: str, new: str, marks: _Marks) -> str:
    """The space before a changed run stays outside it; a run only deleted or only inserted takes
    the space after it, so that accepting or rejecting leaves one space (at the end of a paragraph
    the space before it stays, unseen)."""
    a, b, out = _tokens(old), _tokens(new), []
    skip = False  # the next kept token's separator went into the change before it
    for tag, i1, i2, j1, j2 in _matcher([t[1] for t in a], [t[1] for t in b]).get_opcodes():
        if tag == "equal":
            kept = b[j1:j2]
            if skip and kept:
                out.append(kept[0][1])
                kept = kept[1:]
            out += [s + t for s, t, _ in kept]
            skip = False
            continue
        while j1 < j2 and b[j1][2] == "mark":  # a line's own mark goes before the changes on it
            out.append(b[j1][0] + b[j1][1])
            j1 += 1
        sep = (b[j1] if j1 < j2 else a[i1] if i1 < i2 else ("",))[0]  # said once, before the change
        hard = "\n" in sep and (sep.startswith("  ") or (j1 > 0 and b[j1 - 1][2] == "mark_break"))  # a line break
        following = b[j2][0] if j2 < len(b) else None
        one_sided = (i1 == i2) != (j1 == j2)
        trail = (
            one_sided
            and following is not None
            and following.strip(" \n") == ""
            and following.count("\n") < 2
            and not following.startswith("  ")
            and b[j2][2] != "mark"
        )
        if trail or not one_sided or not hard:
            out.append(sep)
            for kind, run in (("deletion", a[i1:i2]), ("insertion", b[j1:j2])):
                if run:
                    out.append(marks.span(kind, [("", *run[0][1:]), *run[1:]], trail=trail))
            skip = trail
            continue
        out.append(sep if hard else "")
        for kind, run in (("deletion", a[i1:i2]), ("insertion", b[j1:j2])):
            if run:
                out.append(marks.span(kind, [("" if hard else " " if sep else "", *run[0][1:]), *run[1:]]))
    return "".join(out)


def _mend_links(path: Path) -> None:
    """pandoc writes w:ins > w:hyperlink, which the schema forbids and LibreOffice drops (a changed
    citation loses its numbers): the change goes inside the link instead. Each change its own id."""

    def mend(change: re.Match) -> str:
        start, body, end = change.group(1), change.group(3), change.group(4)
        body = _LINK.sub(lambda link: end + link.group(1) + start + link.group(2) + end + link.group(3) + start, body)
        return (start + body + end).replace(start + end, "")

    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    ids = iter(range(90001, 10**9))
    with replacing(path) as temporary, zipfile.ZipFile(temporary, "w") as target:
        for info, data in entries:
            if info.filename == "word/document.xml":
                data = _CHANGE_ID.sub(lambda m: f'{m.group(1)}{next(ids)}"', _CHANGE.sub(mend, data.decode())).encode()
                data = _track_marks(data, ids)
            target.writestr(info, data)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_AFTER_RPR = (f"{_W}sectPr", f"{_W}pPrChange")  # what follows rPr in a paragraph's properties


def _track_marks(data: bytes, ids) -> bytes:
    """A paragraph whose text is all inserted (or all deleted) gets its paragraph mark inserted
    (deleted) too, so that Reject All (Accept All) leaves no empty paragraph behind."""
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True))
    for paragraph in root.iter(f"{_W}p"):
        if next(paragraph.iterancestors(f"{_W}tc"), None) is not None:
            continue  # a table cell's last mark cannot go
        kinds, change = set(), None
        for text in paragraph.iter(f"{_W}t", f"{_W}delText"):
            if not (text.text or "").strip():
                continue
            found = next(text.iterancestors(f"{_W}ins", f"{_W}del"), None)
            kinds.add(found.tag if found is not None else None)
            change = found if found is not None else change
        if len(kinds) != 1 or None in kinds or change is None:
            continue
        properties = paragraph.find(f"{_W}pPr")
        if properties is None:
            properties = etree.Element(f"{_W}pPr")
            paragraph.insert(0, properties)
        marks = properties.find(f"{_W}rPr")
        if marks is None:
            marks = etree.Element(f"{_W}rPr")
            later = [child for child in properties if child.tag in _AFTER_RPR]
            (later[0].addprevious if later else properties.append)(marks)
        mark = etree.SubElement(marks, change.tag, dict(change.attrib))
        mark.set(f"{_W}id", str(next(ids)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
