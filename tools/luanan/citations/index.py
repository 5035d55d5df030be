"""The citation index (`luanan citations`): every citation with its place, as text, JSON or CSV.

The text form groups by source: which pages of each source are cited where — the checklist a
reviewer works through with the sources on the desk.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable

from luanan.bibliography.format import format_runs, to_plain
from luanan.bibliography.model import Bibliography
from luanan.bibliography.numbering import language_of
from luanan.citations.model import Citation
from luanan.citations.resolve import resolve
from luanan.source import SourceFile


def records(
    documents: Iterable[tuple[SourceFile, Iterable[Citation]]], bibliography: Bibliography | None
) -> list[dict]:
    """One row per citation of each (source file, its citations), its items resolved against
    `bibliography` when there is one."""
    out = []
    for source, citations in documents:
        for citation in citations:
            out.append(_record(source, citation, bibliography))
    return out


def _record(source: SourceFile, citation: Citation, bibliography: Bibliography | None) -> dict:
    line, column = source.position(citation.start)
    end_line, end_column = source.position(citation.end)
    items = []
    for item in citation.items:
        item_record: dict = {"ref": item.ref, "key": item.key, "volume": item.volume, "pages": item.pages}
        if bibliography is not None:
            resolved = resolve(item, bibliography)
            item_record["entry"] = resolved.key if resolved else None
        items.append(item_record)
    record: dict = {
        "path": source.path.as_posix(),
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "raw": citation.raw,
        "kind": citation.kind,
        "items": items,
    }
    if citation.kind == "appendix":
        record["appendix"] = citation.appendix
    return record


def as_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def as_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    fields = ["path", "line", "column", "kind", "raw", "ref", "key", "volume", "pages", "entry"]
    writer = csv.DictWriter(buffer, fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        base = {k: row[k] for k in ("path", "line", "column", "kind")} | {"raw": " ".join(row["raw"].split())}
        for item in row["items"] or [{"ref": row.get("appendix")}]:
            writer.writerow(base | item)
    return buffer.getvalue()


def as_text(rows: list[dict], bibliography: Bibliography | None) -> str:
    by_source: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    order: dict[str, tuple] = {}
    for row in rows:
        where = f"{row['path']}:{row['line']}:{row['column']}"
        if row["kind"] == "appendix":
            name = f"Phụ lục {row['appendix']}"
            by_source[name]["(appendix)"].append(where)
            order[name] = (2, int(row["appendix"]) if row["appendix"].isdigit() else 0, name)
            continue
        if row["kind"] == "malformed":
            by_source["(malformed)"][" ".join(row["raw"].split())].append(where)
            order["(malformed)"] = (3, 0, "")
            continue
        for item in row["items"]:
            name = str(item["ref"]) if item["ref"] is not None else f"@{item['key']}"
            locator = ", ".join(
                p
                for p in (
                    f"t. {item['volume']}" if item["volume"] else "",
                    f"tr. {item['pages']}" if item["pages"] else "",
                )
                if p
            )
            by_source[name][locator or "(no page)"].append(where)
            order[name] = (0, item["ref"], "") if item["ref"] is not None else (1, 0, name)
    lines = []
    for name in sorted(by_source, key=lambda n: order[n]):
        lines.append(name + _describe(name, bibliography))
        for locator, places in sorted(by_source[name].items(), key=lambda pair: _page_order(pair[0])):
            lines.append(f"    {locator:<16} {', '.join(places)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _describe(name: str, bibliography: Bibliography | None) -> str:
    if bibliography is None:
        return ""
    entry = (
        bibliography.by_number.get(int(name))
        if name.isdigit()
        else bibliography.by_key.get(name[1:])
        if name.startswith("@")
        else None
    )
    if entry is None:
        return "  (not in the bibliography)" if name.isdigit() or name.startswith("@") else ""
    return f"  {to_plain(format_runs(entry, language_of(bibliography, entry)))}  (@{entry.key})"


def _page_order(locator: str) -> tuple:
    digits = "".join(c for c in locator.split("-")[0].split(",")[0] if c.isdigit())
    return (0, int(digits)) if digits else (1, 0)
