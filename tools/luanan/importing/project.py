"""`luanan import`: write what an importer produced as a new luanan project, then check it."""

from __future__ import annotations

import re
from pathlib import Path

from luanan.errors import LuananError, SourceError
from luanan.files import create_tree, read_limited
from luanan.i18n import _, ngettext
from luanan.importing import webcopy

ENCODINGS = {"utf-8": "utf-8", "windows-1258": "cp1258", "cp1258": "cp1258", "latin-1": "latin-1", "tcvn3": "tcvn3"}


def import_source(source: Path, into: Path, encoding: str | None = None) -> list[str]:
    """Create the project in `into`; returns what the author should read (paths, counts)."""
    if into.exists() and not into.is_dir():
        raise LuananError(_("exists and is not a folder: import into a new folder (--into DIR)"), into)
    if into.exists() and any(into.iterdir()):
        raise LuananError(_("{folder} is not empty: import into a new folder (--into DIR)").format(folder=into), into)
    if not source.is_file():
        raise SourceError(_("file not found"), source)
    if source.suffix.lower() == ".docx":
        from luanan.importing.docx_import import import_docx

        imported = import_docx(source)
        files = dict(imported.files)
        title = imported.title or source.stem
        unparsed = imported.unparsed_references
        kept = ngettext(
            "{count} reference kept as @misc with the printed text in `note`: {references}",
            "{count} references kept as @misc with the printed text in `note`: {references}",
            len(unparsed),
        )
        notes = [kept.format(count=len(unparsed), references="; ".join(unparsed[:5]))] if unparsed else []
    else:
        files, notes = _web_copy(source, encoding)
        title = source.stem
    files["thesis.yaml"] = thesis_yaml(source.name, title)
    files.setdefault("bibliography/references.bib", "")
    create_tree(into, files)  # all or nothing: a full disk leaves no half project to block a rerun
    return notes


def thesis_yaml(source_name: str, title: str) -> str:
    """thesis.yaml for an imported project: the title (from the document, or the file's name)
    is data, dumped as a YAML string whatever it holds."""
    import yaml

    name = " ".join(source_name.split())  # a file name with line breaks stays in its comment
    fields = yaml.safe_dump(
        {"title": " ".join(str(title).split()) or "Luận án", "language": "vi", "profile": "moet-classic"},
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,
    )
    return "# " + _("Imported from {file} by luanan import.").format(file=name) + f"\n{fields}"


def _web_copy(source: Path, encoding: str | None) -> tuple[dict[str, str], list[str]]:
    text = read_text(source, encoding)
    cleaned = webcopy.clean(text)
    headings = [b for b in cleaned.blocks if b.kind == "heading"]
    chapter = headings[0].text.split(".")[0] if headings else "1"
    front = [f"chapter: {chapter}", f'title: "Chương {chapter}"']
    if headings and cleaned.blocks[0].kind != "heading":
        number = headings[0].text.split()[0].rstrip(".").split(".")
        if len(number) > 1 and number[-1].isdigit() and int(number[-1]) > 1:
            front.append(f'excerpt:\n  starts_in: "{".".join(number[:-1] + [str(int(number[-1]) - 1)])}"')
    chapter_text = "---\n" + "\n".join(front) + "\n---\n\n" + cleaned.markdown()
    applied = [c for c in cleaned.changes if c.applied]
    proposed = [c for c in cleaned.changes if not c.applied]
    summary = _(
        "Source: {file}. {made} changes made, {proposed} proposed inside quotations (not made). "
        "Line numbers are those of the source."
    )
    columns = (_("line"), _("step"), _("before"), _("after"), _("made"))
    report = [
        "# " + _("Import report"),
        "",
        summary.format(file=source.name, made=len(applied), proposed=len(proposed)),
        "",
        "| " + " | ".join(columns) + " |",
        "|---:|---|---|---|---|",
    ]
    made, only_proposed = _("yes"), _("proposed")
    report += [
        f"| {c.line} | {c.step} | {_cell(c.before)} | {_cell(c.after)} | {made if c.applied else only_proposed} |"
        for c in cleaned.changes
    ]
    files = {
        f"chapters/{int(chapter):02d}-chuong-{chapter}.md": chapter_text,
        "import-report.md": "\n".join(report) + "\n",
    }
    logged = ngettext(
        "{count} repair logged in import-report.md ({proposed} proposed inside quotations)",
        "{count} repairs logged in import-report.md ({proposed} proposed inside quotations)",
        len(applied),
    )
    return files, [logged.format(count=len(applied), proposed=len(proposed))]


def read_text(source: Path, encoding: str | None) -> str:
    from luanan.source import read_source
    from luanan.vietnamese.encodings import TCVN3

    if encoding is None:
        return read_source(source, source).text  # UTF-8, or a one-line error naming the encoding it looks like
    name = ENCODINGS.get(encoding.lower())
    if name is None:
        raise LuananError(
            _("unknown --encoding {encoding} (choose: {encodings})").format(
                encoding=encoding, encodings=", ".join(sorted(ENCODINGS))
            )
        )
    data = read_limited(source, "text")
    if name == "tcvn3":
        return "".join(TCVN3.get(byte, chr(byte)) if byte >= 0x80 else chr(byte) for byte in data)
    return data.decode(name, errors="replace")


def _cell(text: str) -> str:
    return "`" + re.sub(r"\s+", " ", text).replace("|", "\\|").replace("`", "'")[:160] + "`" if text else ""
