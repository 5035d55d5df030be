"""The command line: parse arguments, call the pipeline, print, return an exit code.

Exit codes: 0 clean, 1 error-level diagnostics, 2 unreadable input or misuse.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from luanan import __version__
from luanan.errors import LuananError

EXAMPLES = {
    "check": "example: luanan check",
    "build": "example: luanan build pdf",
    "rules": "example: luanan rules C101",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="luanan",
        description="Reference-checked builds for Vietnamese theses: check citations, build PDF and DOCX.",
    )
    parser.add_argument("--version", action="version", version=f"luanan {__version__}")
    parser.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                        help="the thesis folder (default: the current folder)")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("check", help="check every citation; write nothing", epilog=EXAMPLES["check"])

    build = commands.add_parser("build", help="check, then write build/thesis.pdf and build/thesis.docx",
                                epilog=EXAMPLES["build"])
    build.add_argument("format", nargs="?", choices=("pdf", "docx", "all"), default="all")

    rules = commands.add_parser("rules", help="list the checks, or explain one", epilog=EXAMPLES["rules"])
    rules.add_argument("code", nargs="?")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except LuananError as error:
        if args.debug:
            raise
        print(f"luanan: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("luanan: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug in luanan: one line unless --debug
        if args.debug:
            raise
        print(f"luanan: internal error: {type(error).__name__}: {error} (run with --debug for details)",
              file=sys.stderr)
        return 2


def cmd_check(args) -> int:
    from luanan.pipeline import run_check

    project, result = run_check(args.project)
    return _report(project, result)


def cmd_build(args) -> int:
    from luanan.pipeline import FORMATS, run_build

    formats = FORMATS if args.format == "all" else (args.format,)
    project, result = run_build(args.project, formats)
    status = _report(project, result.check)
    if status:
        print("luanan: errors found; no output written", file=sys.stderr)
        return status
    for path in result.written:
        print(f"wrote {path.relative_to(project.root)}")
    return 0


def cmd_rules(args) -> int:
    from luanan.rules import all_rules

    rules = {rule.code: rule for rule in all_rules()}
    if args.code:
        rule = rules.get(args.code.upper())
        if rule is None:
            raise LuananError(f"no rule {args.code}; `luanan rules` lists them")
        print(f"{rule.code} {rule.name} ({rule.severity})\n\n{rule.summary}.\n\n{rule.explanation}")
        return 0
    for rule in rules.values():
        print(f"{rule.code}  {str(rule.severity):<7}  {rule.name}: {rule.summary}")
    return 0


def _report(project, result) -> int:
    from luanan.diagnostics import has_errors
    from luanan.report.text import format_diagnostic, format_summary

    sources = {document.path: document.source for document in project.documents}

    def line_text(path, line):
        source = sources.get(path)
        return source.line_text(line) if source and line <= len(source.line_starts) else None

    for diagnostic in result.diagnostics:
        print(format_diagnostic(diagnostic, line_text))
    print(format_summary(result.diagnostics, result.citations_checked))
    return 1 if has_errors(result.diagnostics) else 0


COMMANDS = {"check": cmd_check, "build": cmd_build, "rules": cmd_rules}
