"""Messages in Vietnamese and English (issue 20): the catalogue is complete and compiled, the
language follows thesis.yaml, LUANAN_LANG and the locale, and codes and JSON keys never change.

The rest of the suite runs with LUANAN_LANG=en (conftest.py); these tests ask for Vietnamese."""

from __future__ import annotations

import ast
import gettext
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SMALL_BIB, make_project

PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "luanan"
LOCALE = PACKAGE / "locale"
PO = LOCALE / "vi" / "LC_MESSAGES" / "luanan.po"
MO = LOCALE / "vi" / "LC_MESSAGES" / "luanan.mo"
POT = LOCALE / "luanan.pot"

# Every user-facing message is wrapped for translation (`_()`, see luanan/i18n.py; then `make
# messages` and a Vietnamese msgstr in luanan.po). The test below finds the messages passed to
# Finding, the fatal errors, LoadProblem, the citation parser's problems and the refusals of a
# file or a source PDF; lines printed directly are not found by it and are wrapped the same way.

# The calls that carry a user-facing message, and where it is: positions, keywords.
MESSAGE_ARGUMENTS = {
    "Finding": ((3, 4), ("message", "hint")),
    "at_entry": ((1, 2), ("message", "hint")),
    "LuananError": ((0,), ("message",)),
    "ConfigError": ((0,), ("message",)),
    "SourceError": ((0,), ("message",)),
    "ToolError": ((0,), ("message",)),
    "LoadProblem": ((3,), ("message", "hint")),
    "ParseProblem": ((0,), ()),  # a malformed citation's problem (C103)
    "Citation": ((), ("problem",)),
    "ReadRefused": ((0,), ("message",)),  # a file refused before it is read (files.py)
    "Unreadable": ((0,), ()),  # a source PDF that cannot be read (Q rules)
}


def _sources() -> list[tuple[str, ast.Module]]:
    return [
        (path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extracted() -> dict[object, str]:
    """Every message the code wraps, as the extractor (`make messages`) finds it: the first
    argument of `_()` and `N_()`, the two of `ngettext()`, the fourth of `rule()` (the rule
    summaries) -> the file it is in."""
    found: dict[object, str] = {}
    for name, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called = _name(node)
            if called in ("_", "N_") and node.args and (text := _literal(node.args[0])) is not None:
                found[text] = name
            elif called == "ngettext" and len(node.args) >= 2:
                singular, plural = _literal(node.args[0]), _literal(node.args[1])
                if singular is not None and plural is not None:
                    found[(singular, plural)] = name
            elif called == "rule" and len(node.args) >= 4 and (text := _literal(node.args[3])) is not None:
                found[text] = name
    return found


def _po_entries(path: Path) -> dict[object, object]:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalogue = read_po(handle)
    return {message.id: (message.string, message.fuzzy) for message in catalogue if message.id}


def _placeholders(text: str) -> tuple[set[str], set[str]]:
    """`{name}` fields and `%(name)s` / `%s` conversions."""
    braces = {m.group(1) for m in re.finditer(r"(?<!\{)\{([^{}]*)\}(?!\})", text)}
    percents = set(re.findall(r"%(?:\([a-z_]+\))?[a-z]", text))
    return braces, percents


def test_every_wrapped_message_has_a_vietnamese_translation_with_the_same_placeholders():
    entries = _po_entries(PO)
    problems = []
    for message, where in sorted(extracted().items(), key=str):
        if message not in entries:
            problems.append(f"{where}: not in luanan.po (run `make messages`, then translate): {message!r}")
            continue
        translation, fuzzy = entries[message]
        forms = translation if isinstance(translation, tuple) else (translation,)
        sources = message if isinstance(message, tuple) else (message,)
        if fuzzy or not all(forms):
            problems.append(f"{where}: no Vietnamese translation: {message!r}")
            continue
        for form in forms:
            if _placeholders(form) != _placeholders(sources[-1]):
                problems.append(f"{where}: placeholders differ: {message!r} -> {form!r}")
    assert problems == []


def test_catalogue_template_and_compiled_catalogue_are_up_to_date():
    """luanan.pot and luanan.po hold exactly the wrapped messages, and the committed luanan.mo
    says what luanan.po says (`make messages` brings all three up to date)."""
    wanted = set(extracted())
    assert set(_po_entries(POT)) == wanted, "run `make messages`"
    entries = _po_entries(PO)
    assert set(entries) == wanted, "run `make messages`"
    with MO.open("rb") as handle:
        compiled = {key: value for key, value in gettext.GNUTranslations(handle)._catalog.items() if key}  # type: ignore[attr-defined]
    expected: dict = {}
    for message, (translation, _fuzzy) in entries.items():
        if isinstance(message, tuple):
            for index, form in enumerate(translation):
                expected[(message[0], index)] = form
        else:
            expected[message] = translation
    assert compiled == expected, "luanan.mo is stale: run `make messages`"


def _unwrapped(node: ast.AST) -> bool:
    """A message written as a plain string, an f-string or `"...".format()`, not through `_()`."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(re.search(r"[A-Za-z]{2}", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_unwrapped(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _unwrapped(node.left) or _unwrapped(node.right)
    if isinstance(node, ast.IfExp):
        return _unwrapped(node.body) or _unwrapped(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _unwrapped(node.func.value)
    return False


def unwrapped_messages() -> dict[str, list[int]]:
    """File -> the lines where a Finding, a fatal error or a load problem gets an unwrapped message."""
    found: dict[str, list[int]] = {}
    for name, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node) not in MESSAGE_ARGUMENTS:
                continue
            positions, keywords = MESSAGE_ARGUMENTS[_name(node)]
            arguments = [node.args[i] for i in positions if i < len(node.args)]
            arguments += [k.value for k in node.keywords if k.arg in keywords]
            if any(_unwrapped(argument) for argument in arguments):
                found.setdefault(name, []).append(node.lineno)
    return found


def test_every_message_is_wrapped():
    assert unwrapped_messages() == {}, "wrap these messages with _() (luanan/i18n.py)"


def test_the_detector_sees_plain_and_formatted_messages():
    tree = ast.parse(
        'Finding(d, 0, 1, f"reference {n} is missing", "write it")\n'
        'Finding(d, 0, 1, _("reference {n} is missing").format(n=n), hint)\n'
        'ConfigError("bad value", path)\n'
        'ConfigError("bad {x}".format(x=x), path)\n'
    )
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and _name(node) in MESSAGE_ARGUMENTS]
    flagged = []
    for call in calls:
        positions, _keywords = MESSAGE_ARGUMENTS[_name(call)]
        flagged.append(any(_unwrapped(call.args[i]) for i in positions if i < len(call.args)))
    assert flagged == [True, False, True, True]


# --- the language a command speaks ----------------------------------------------------------------


def _run(*args: str, cwd: Path, **environment: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LUANAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-m", "luanan", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


CHAPTER = "# Chương 1\n\nTheo tài liệu [1, tr. 5] và [7, tr. 2], cùng [@khongco].\n"


@pytest.fixture
def vietnamese_project(tmp_path) -> Path:
    return make_project(tmp_path / "p", {"01-chuong-1.md": CHAPTER}, SMALL_BIB)


def test_a_vietnamese_project_checks_in_vietnamese(vietnamese_project):
    result = _run("check", cwd=vietnamese_project)
    assert result.returncode == 1
    out = result.stdout
    assert "lỗi[C101] tài liệu số 7 không có trong danh mục tài liệu tham khảo" in out
    assert "lỗi[C102] khóa @khongco không có trong danh mục tài liệu tham khảo" in out
    assert "= gợi ý: danh mục có các số 1–2" in out
    assert "cảnh báo[C110] mục 2 (@tinhuy2010) không được trích dẫn lần nào" in out
    assert out.rstrip().endswith(
        "2 lỗi, 1 cảnh báo; đã kiểm tra 3 trích dẫn, "
        "0 vị trí trích dẫn đã đối chiếu với số trang của tài liệu, 1 không đối chiếu được"
    )
    assert "error" not in out and "hint" not in out


def test_luanan_lang_en_speaks_english_in_a_vietnamese_project(vietnamese_project):
    out = _run("check", cwd=vietnamese_project, LUANAN_LANG="en").stdout
    assert "error[C101] reference 7 is not in the bibliography" in out
    assert "2 errors, 1 warning; 3 citations checked" in out


def test_language_en_in_thesis_yaml_speaks_english(tmp_path):
    config = 'title: "Thesis"\nlanguage: en\nprofile: moet-classic\n'
    root = make_project(tmp_path / "p", {"01-chuong-1.md": CHAPTER}, SMALL_BIB, config=config)
    assert "error[C101] reference 7 is not in the bibliography" in _run("check", cwd=root).stdout


def test_machine_formats_keep_codes_and_keys_and_follow_the_language(vietnamese_project):
    vietnamese = json.loads(_run("check", "--format", "json", cwd=vietnamese_project).stdout)
    english = json.loads(_run("check", "--format", "json", cwd=vietnamese_project, LUANAN_LANG="en").stdout)
    assert vietnamese["summary"] == english["summary"]
    assert [sorted(d) for d in vietnamese["diagnostics"]] == [sorted(d) for d in english["diagnostics"]]
    assert [(d["code"], d["severity"]) for d in vietnamese["diagnostics"]] == [
        (d["code"], d["severity"]) for d in english["diagnostics"]
    ]
    messages = {d["code"]: d["message"] for d in vietnamese["diagnostics"]}
    assert messages["C101"] == "tài liệu số 7 không có trong danh mục tài liệu tham khảo"
    sarif = json.loads(_run("check", "--format", "sarif", cwd=vietnamese_project).stdout)
    assert {r["level"] for r in sarif["runs"][0]["results"]} == {"error", "warning"}
    github = _run("check", "--format", "github", cwd=vietnamese_project).stdout
    assert "::error file=chapters/01-chuong-1.md" in github and "gợi ý:" in github


def test_fatal_errors_in_the_project_language(tmp_path):
    root = make_project(tmp_path / "p", {"01-chuong-1.md": CHAPTER}, SMALL_BIB)
    (root / "thesis.yaml").write_text(
        'title: "Thử"\nlanguage: vi\nbibliography: [bibliography/khong-co.bib]\n', encoding="utf-8"
    )
    result = _run("check", cwd=root)
    assert result.returncode == 2
    assert "lỗi: không tìm thấy tệp tài liệu tham khảo (khai báo trong thesis.yaml)" in result.stderr


def test_outside_a_project_the_locale_decides_and_luanan_lang_overrides(tmp_path):
    assert "tạo một dự án luận án mới" in _run("--help", cwd=tmp_path, LANG="vi_VN.UTF-8").stdout
    assert "cách dùng: luanan" in _run("--help", cwd=tmp_path, LC_ALL="vi_VN.UTF-8", LANG="en_US.UTF-8").stdout
    english = _run("--help", cwd=tmp_path, LANG="vi_VN.UTF-8", LUANAN_LANG="en").stdout
    assert "create a new thesis project" in english and "usage: luanan" in english
    assert "create a new thesis project" in _run("--help", cwd=tmp_path).stdout  # no locale: English
    created = _run("new", "p", cwd=tmp_path, LANG="vi_VN.UTF-8")
    assert created.returncode == 0 and created.stdout.startswith("đã tạo p/")
    unknown = _run("rules", "Z999", cwd=tmp_path, LANG="vi_VN.UTF-8")
    assert unknown.stderr == "luanan: lỗi: không có quy tắc Z999; `luanan rules` liệt kê các quy tắc\n"


def test_rule_summaries_are_translated_and_explanations_stay(tmp_path):
    listed = _run("rules", cwd=tmp_path, LANG="vi").stdout
    assert "C101  lỗi       unknown-reference-number: số tài liệu không có trong danh mục tài liệu tham khảo" in listed
    english = _run("rules", cwd=tmp_path).stdout
    assert "C101  error    unknown-reference-number: reference number not in the bibliography" in english


def test_language_choice():
    from luanan import i18n

    saved = dict(os.environ)
    try:
        for name in ("LUANAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
            os.environ.pop(name, None)
        assert i18n.language_for(None) == "vi" and i18n.language_for("en") == "en"
        assert i18n.language_for("fr") == "en" and i18n.language_outside_project() == "en"
        os.environ["LANG"] = "vi_VN.UTF-8"
        assert i18n.language_outside_project() == "vi"
        os.environ["LC_MESSAGES"] = "C"
        assert i18n.language_outside_project() == "en"
        os.environ["LUANAN_LANG"] = "en"
        assert i18n.language_for("vi") == "en" and i18n.language_outside_project() == "en"
        os.environ["LUANAN_LANG"] = "vi"
        assert i18n.language_for("en") == "vi"
        assert i18n.use_language("vi_VN") == "vi"
        assert i18n._("write {text}") == "hãy viết {text}"
        assert i18n.ngettext("{count} error", "{count} errors", 3) == "{count} lỗi"
    finally:
        os.environ.clear()
        os.environ.update(saved)
        i18n.use_language("en")
    assert i18n.ngettext("{count} error", "{count} errors", 1) == "{count} error"


def test_report_page_and_doctor_in_vietnamese(vietnamese_project):
    result = _run("report", cwd=vietnamese_project)
    assert result.stdout == "đã ghi build/report.html\n"
    page = (vietnamese_project / "build" / "report.html").read_text(encoding="utf-8")
    assert "Bản đồ trích dẫn" in page and "<th>mức độ</th>" in page and ">lỗi</td>" in page
    assert 'data-count="errors">2</span>' in page  # the numbers a reader compares stay where they were

    from luanan import i18n
    from luanan.doctor import font_lines

    try:
        i18n.use_language("vi")
        lines = font_lines(["Times New Roman", "Liberation Serif"], {"Liberation Serif"})
    finally:
        i18n.use_language("en")
    assert lines == [
        "không có phông Times New Roman — dùng Liberation Serif thay thế, có cùng kích thước chữ",
        "có       phông Liberation Serif (đang dùng)",
    ]


# --- messages wrapped after the catalogue came in (issue 21) --------------------------------------

TEXT_CHAPTER = """---
chapter: 1
---

# Chương 1

## 2.1. Cơ sở lý luận

Công tác vàchương trình của UBND tỉnh [1, tr. 5], khơng có gì [2; tr. 7].
"""


def test_text_heading_abbreviation_and_parser_findings_in_vietnamese(tmp_path):
    root = make_project(tmp_path / "p", {"01-chuong-1.md": TEXT_CHAPTER}, SMALL_BIB)
    out = _run("check", cwd=root).stdout
    assert "cảnh báo[T104] `vàchương` có vẻ là hai từ viết liền" in out and "= gợi ý: hãy viết và chương" in out
    assert "cảnh báo[T108] `khơng` có vẻ là chữ `không` bị hỏng do phông chữ" in out
    assert "cảnh báo[H101] 2.1 nằm trong chương 1" in out and "= gợi ý: hãy đánh số 1.…" in out
    assert "cảnh báo[A101] chữ viết tắt UBND không có trong bibliography/abbreviations.yaml" in out
    assert "lỗi[C103] trích dẫn sai cú pháp: số trang đứng sau số tài liệu, ngăn cách bằng `,`, không phải `;`" in out
    listing = _run("abbreviations", cwd=root).stdout
    assert listing == "UBND: ?    # chưa định nghĩa; dùng lần đầu ở chapters/01-chuong-1.md:9\n"
    english = _run("check", cwd=root, LUANAN_LANG="en").stdout
    assert "warning[T104] `vàchương` looks like two words" in english
    assert "warning[T108] `khơng` looks like font damage of `không`" in english


def test_new_import_and_review_errors_in_vietnamese(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "notes.txt").write_text("x", encoding="utf-8")
    taken = _run("new", "p", cwd=tmp_path, LANG="vi_VN.UTF-8")
    assert taken.returncode == 2
    assert taken.stderr == "luanan: p: lỗi: p không trống: luanan new tạo dự án trong một thư mục mới\n"
    unknown = _run("new", "q", "--profile", "khong-co", cwd=tmp_path, LANG="vi_VN.UTF-8")
    assert unknown.stderr.startswith("luanan: lỗi: không có mẫu trình bày `khong-co` (các mẫu hiện có: ")
    missing = _run("import", "khong-co.docx", "--into", "r", cwd=tmp_path, LANG="vi_VN.UTF-8")
    assert missing.stderr == "luanan: khong-co.docx: lỗi: không tìm thấy tệp\n"
    (tmp_path / "ban-gop-y.docx").write_text("không phải zip", encoding="utf-8")
    created = _run("new", "luan-an", cwd=tmp_path, LANG="vi_VN.UTF-8")
    assert created.returncode == 0
    changes = _run("changes", str(tmp_path / "ban-gop-y.docx"), cwd=tmp_path / "luan-an")  # language: vi
    assert changes.stderr.endswith("lỗi: không phải tệp DOCX (không phải tệp nén zip)\n")


def test_thesis_yaml_front_matter_and_bibliography_errors_in_vietnamese(tmp_path):
    root = make_project(tmp_path / "p", {"01-chuong-1.md": CHAPTER}, SMALL_BIB)
    (root / "thesis.yaml").write_text('title: "Thử"\nlanguage: vi\npdf_engine: word\n', encoding="utf-8")
    result = _run("check", cwd=root)
    assert result.returncode == 2
    assert result.stderr == "luanan: thesis.yaml:3: lỗi: `pdf_engine` phải là một trong các giá trị: typst, xelatex\n"
    (root / "thesis.yaml").write_text('language: vi\ntitle: "Chương 1: Tổng quan\n', encoding="utf-8")
    assert "lỗi: YAML không hợp lệ: dấu ngoặc kép mở ở dòng này không được đóng" in _run("check", cwd=root).stderr
    (root / "thesis.yaml").write_text('title: "Thử"\nlanguage: vi\n', encoding="utf-8")
    (root / "chapters" / "01-chuong-1.md").write_text("---\nchapter: 1\n\n# Chương 1\n", encoding="utf-8")
    unclosed = _run("check", cwd=root).stderr
    assert "lỗi: phần đầu tệp (front matter) mở ở dòng 1 chưa được đóng" in unclosed
    (root / "chapters" / "01-chuong-1.md").write_text(CHAPTER, encoding="utf-8")
    (root / "bibliography" / "references.bib").write_text(SMALL_BIB + SMALL_BIB, encoding="utf-8")
    out = _run("check", cwd=root).stdout
    assert "trùng khóa `an2015`: chỉ dùng mục đầu tiên mang khóa này (dòng 1)" in out
