"""`luanan report`: build/report.html, one self-contained page (no script, no network) for a
supervisor or a CI artifact — the findings with their source lines and hints, the citation map
(each source: how often and where it is cited, with the pages), the sources never cited or cited
once, and bar charts of the sources by language group and by year and of citations per chapter.

Every number a test or a reader may compare with `check --format json` or `citations --format
json` carries `data-count`."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from dataclasses import dataclass

from luanan.bibliography.fields import year_parts
from luanan.bibliography.format import format_runs, to_plain
from luanan.bibliography.numbering import language_of
from luanan.bibliography.reference_list import group_heading
from luanan.citations.index import records
from luanan.diagnostics import Diagnostic, sort_key
from luanan.i18n import N_, _
from luanan.parse import ParsedProject

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}td,th{padding:.3em .5em;border-bottom:1px solid #eee;
text-align:left;vertical-align:top}th{background:#f5f5f5}.error{color:#b00020}.warning{color:#8a5a00}
.info{color:#0b5394}pre{margin:.2em 0;white-space:pre-wrap;background:#fafafa;padding:.3em}
.summary>span{display:inline-block;margin-right:1.5em}.summary [data-count]{font-weight:700}.hint{color:#555}
.chart{display:inline-block;vertical-align:top;margin:0 2em 1em 0}
"""


SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


@dataclass(frozen=True)
class Bar:
    label: str
    count: int


def render_html(parsed: ParsedProject, diagnostics: list[Diagnostic], summary: dict[str, int], when: str) -> str:
    project = parsed.project
    assert project is not None
    rows = records(((p.document.source, p.citations) for p in parsed.documents), parsed.bibliography)
    uses = _uses(rows)
    stamp = _("luanan report, {when}").format(when=when)
    body = [
        f"<h1>{_e(project.config.title)}</h1>",
        f"<p>{_e(stamp)}</p>",
        _summary(summary),
        _findings(parsed, diagnostics),
        _citation_map(parsed, uses),
        _charts(parsed, rows),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{_e(project.config.title)} — luanan</title><style>{STYLE}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _count(name: str, value: int) -> str:
    return f'<span data-count="{name}">{value}</span>'


def _summary(summary: dict[str, int]) -> str:
    labels = (("errors", N_("errors")), ("warnings", N_("warnings")), ("citations_checked", N_("citations checked")))
    parts = "".join(f"<span>{_count(key, summary[key])} {_e(_(label))}</span>" for key, label in labels)
    return f'<p class="summary">{parts}</p>'


def _findings(parsed: ParsedProject, diagnostics: list[Diagnostic]) -> str:
    sources = {p.document.path: p.document.source for p in parsed.documents}
    ordered = sorted(diagnostics, key=lambda d: (-d.severity, *sort_key(d)))
    rows = []
    for d in ordered:
        source = sources.get(d.path)
        line = source.line_text(d.line) if source and d.line <= len(source.line_starts) else ""
        shown = _("hint: {hint}").format(hint=d.hint) if d.hint else ""
        hint = f'<div class="hint">{_e(shown)}</div>' if d.hint else ""
        word = _e(_(SEVERITY_WORDS[str(d.severity)]))
        rows.append(
            f'<tr class="finding" data-code="{_e(d.code)}"><td class="{d.severity}">{word}</td>'
            f"<td>{_e(d.code)}</td><td>{_e(d.path)}:{d.line}:{d.column}</td>"
            f"<td>{_e(d.message)}{f'<pre>{_e(line)}</pre>' if line else ''}{hint}</td></tr>"
        )
    heads = "".join(f"<th>{_e(word)}</th>" for word in (_("severity"), _("code"), _("where"), _("finding")))
    table = f"<table><tr>{heads}</tr>" + "".join(rows)
    heading = _("Findings ({count})").format(count=_count("findings", len(diagnostics)))
    none = _e(_("None."))
    return f"<h2>{heading}</h2>" + (table + "</table>" if rows else f"<p>{none}</p>")


def _uses(rows: list[dict]) -> dict[str, list[str]]:
    """Entry key -> the places it is cited (`file:line`, with the pages)."""
    uses: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        for item in row["items"]:
            if item.get("entry"):
                pages = f" (tr. {item['pages']})" if item["pages"] else ""
                uses[item["entry"]].append(f"{row['path']}:{row['line']}{pages}")
    return uses


def _citation_map(parsed: ParsedProject, uses: dict[str, list[str]]) -> str:
    bibliography = parsed.bibliography
    assert bibliography is not None
    rows: list[str] = []
    never: list[str] = []
    once: list[str] = []
    for number, entry in bibliography.numbered():
        places = uses.get(entry.key, [])
        text = to_plain(format_runs(entry, language_of(bibliography, entry)))
        rows.append(
            f'<tr class="source" data-key="{_e(entry.key)}"><td>{number}</td><td>{_e(text)}</td>'
            f"<td>{_count('uses', len(places))}</td><td>{_e(', '.join(places))}</td></tr>"
        )
        if len(places) < 2:
            (once if places else never).append(f"[{number}] {_e(entry.key)}")
    heads = "".join(f"<th>{_e(word)}</th>" for word in (_("no."), _("source"), _("cited"), _("where")))
    none = _e(_("None."))
    never_cited = _("Never cited ({count})").format(count=_count("never_cited", len(never)))
    cited_once = _("Cited only once ({count})").format(count=_count("cited_once", len(once)))
    citation_map = _e(_("Citation map"))
    return (
        f"<h2>{citation_map}</h2><table><tr>{heads}</tr>"
        + "".join(rows)
        + "</table>"
        + f"<h2>{never_cited}</h2><p>{', '.join(never) or none}</p>"
        + f"<h2>{cited_once}</h2><p>{', '.join(once) or none}</p>"
    )


def _charts(parsed: ParsedProject, rows: list[dict]) -> str:
    bibliography = parsed.bibliography
    assert bibliography is not None and parsed.project is not None
    entries = [entry for _, entry in bibliography.numbered()]
    by_language = Counter(
        group_heading(parsed.project.profile, language_of(bibliography, entry)) or language_of(bibliography, entry)
        for entry in entries
    )
    by_year = Counter(year_parts(entry)[1] or _("n.d.") for entry in entries)
    by_chapter = Counter(row["path"] for row in rows if row["kind"] == "reference")
    chapters = [p.document.path.as_posix() for p in parsed.documents]
    charts = _e(_("Charts"))
    return f"<h2>{charts}</h2>" + "".join(
        (
            _bar_chart(_("Sources by language"), "language", [Bar(k, v) for k, v in sorted(by_language.items())]),
            _bar_chart(_("Sources by year"), "year", [Bar(k, v) for k, v in sorted(by_year.items())]),
            _bar_chart(_("Citations per chapter"), "chapter", [Bar(c, by_chapter.get(c, 0)) for c in chapters]),
        )
    )


def _bar_chart(title: str, name: str, bars: list[Bar]) -> str:
    """Horizontal bars as inline SVG (no script)."""
    height, label_width, width = 20, 180, 260
    most = max((bar.count for bar in bars), default=0) or 1
    shapes = []
    for index, bar in enumerate(bars):
        y = index * height
        length = round(width * bar.count / most)
        shapes.append(
            f'<g data-{name}="{_e(bar.label)}" data-count="{bar.count}">'
            f'<text x="0" y="{y + 14}" font-size="12">{_e(bar.label[-28:])}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="14" fill="#4a78b5"/>'
            f'<text x="{label_width + length + 4}" y="{y + 14}" font-size="12">{bar.count}</text></g>'
        )
    svg_height = max(len(bars), 1) * height
    return (
        f'<div class="chart"><h3>{_e(title)}</h3>'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + width + 40}" height="{svg_height}"'
        f' role="img" aria-label="{_e(title)}">{"".join(shapes)}</svg></div>'
    )
