"""Run `luanan check` over a folder of real passages and print every finding, for a person to judge.

    python tools/realcheck.py DIR [--fix] [--unsafe] [--json]      (or: make realcheck DIR=...)

Each `.md` or `.txt` file in DIR becomes one chapter of a throwaway project in a temporary folder
(never in the repository: the passages are third-party text). The project's bibliography holds a
placeholder source for every number the passages cite in square brackets, so that the citation
rules judge how the citations are written, not that this made-up project lacks their sources;
rules about the project as a whole (uncited entries, gaps in the numbering, captions of other
chapters) are switched off for the same reason.

Prints the findings per rule, then each finding as `code  file:line  token  message`, so that a
reader can mark each one true or false. `--fix` also applies `luanan fix --write` (with
`--unsafe`, the unsafe fixes too) to a copy and prints every word it would change, for counting
correct words changed.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OFF = ("C110", "N102", "N104", "H105")  # judge the project as a whole, meaningless here
_CITED = re.compile(r"\[(\d{1,3})\b")


def make_project(passages: list[Path], root: Path) -> None:
    (root / "chapters").mkdir(parents=True)
    (root / "bibliography").mkdir()
    checks = "".join(f"  {code}: off\n" for code in OFF)
    (root / "thesis.yaml").write_text(f'title: "realcheck"\nlanguage: vi\nchecks:\n{checks}', encoding="utf-8")
    numbers: set[int] = set()
    for index, passage in enumerate(passages, 1):
        text = passage.read_text(encoding="utf-8", errors="replace")
        numbers.update(int(n) for n in _CITED.findall(text) if 0 < int(n) <= 999)
        (root / "chapters" / f"{index:03d}-{passage.stem}.md").write_text(text, encoding="utf-8")
    entries = [
        f"@misc{{placeholder{n},\n  refnum = {{{n}}}, author = {{Placeholder}}, year = {{2000}},\n"
        f"  title = {{Placeholder source {n}}},\n}}\n"
        for n in sorted(numbers)
    ]
    (root / "bibliography" / "references.bib").write_text("".join(entries), encoding="utf-8")


def run_check(root: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "luanan", "check", "--format", "json"], cwd=root, capture_output=True, text=True
    )
    if not done.stdout.strip():
        sys.exit(done.stderr)
    return json.loads(done.stdout)["diagnostics"]


def token(root: Path, diagnostic: dict) -> str:
    if not diagnostic.get("path") or not diagnostic.get("line"):
        return ""
    lines = (root / diagnostic["path"]).read_text(encoding="utf-8").split("\n")
    line = lines[diagnostic["line"] - 1]
    if diagnostic.get("end_line") == diagnostic["line"]:
        return line[diagnostic["column"] - 1 : diagnostic["end_column"] - 1]
    return line[diagnostic["column"] - 1 :][:40] + "…"


def changed_words(root: Path, unsafe: bool) -> list[tuple[str, str, str]]:
    """(file, words before, words after) for every change `luanan fix --write` makes."""
    copy = root.parent / "fixed"
    shutil.copytree(root, copy)
    command = [sys.executable, "-m", "luanan", "fix", "--write"] + (["--unsafe"] if unsafe else [])
    subprocess.run(command, cwd=copy, capture_output=True, text=True)
    changes = []
    for path in sorted((root / "chapters").glob("*.md")):
        before = path.read_text(encoding="utf-8").split()
        after = (copy / "chapters" / path.name).read_text(encoding="utf-8").split()
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                changes.append((path.name, " ".join(before[i1:i2]), " ".join(after[j1:j2])))
    return changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--fix", action="store_true", help="also list the words `luanan fix --write` changes")
    parser.add_argument("--unsafe", action="store_true", help="with --fix: apply the unsafe fixes too")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON lines")
    args = parser.parse_args(argv)
    passages = sorted(p for p in args.folder.iterdir() if p.suffix in (".md", ".txt") and p.is_file())
    if not passages:
        sys.exit(f"no .md or .txt passages in {args.folder}")
    with tempfile.TemporaryDirectory(prefix="realcheck-") as temporary:
        root = Path(temporary) / "project"
        make_project(passages, root)
        diagnostics = run_check(root)
        per_rule = collections.Counter(d["code"] for d in diagnostics)
        print(f"{len(passages)} passages, {len(diagnostics)} findings")
        for code, count in sorted(per_rule.items()):
            print(f"  {code}  {count}")
        print()
        for d in diagnostics:
            where = f"{d.get('path', '').removeprefix('chapters/')}:{d.get('line')}"
            if args.json:
                print(json.dumps({**d, "token": token(root, d)}, ensure_ascii=False))
            else:
                print(f"{d['code']}\t{where}\t{token(root, d)!r}\t{d['message']}")
        if args.fix:
            changes = changed_words(root, args.unsafe)
            print(f"\n`luanan fix --write{' --unsafe' if args.unsafe else ''}` changes {len(changes)} places:")
            for name, before, after in changes:
                print(f"  {name}\t{before!r} -> {after!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
