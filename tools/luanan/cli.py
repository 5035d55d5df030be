"""The command line: parse arguments, call the pipeline, print, return an exit code.

Exit codes: 0 clean, 1 error-level diagnostics, 2 unreadable input or misuse.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path

from luanan import __version__
from luanan.errors import LuananError

EXAMPLES = {
    "check": "example: luanan check --format github --strict",
    "build": "example: luanan build pdf",
    "rules": "example: luanan rules C101",
    "citations": "example: luanan citations chapters/03-chuong-3.md --format json",
    "refs": "example: luanan refs --format json",
    "watch": "example: luanan watch",
    "import": "example: luanan import luan-an.docx --into luan-an",
    "fix": "example: luanan fix --write",
    "comments": "example: luanan comments gop-y.docx --format json",
    "new": "example: luanan new luan-an --profile moet-classic",
    "doctor": "example: luanan doctor",
    "completion": "example: luanan completion bash > ~/.local/share/bash-completion/completions/luanan",
    "diff": "example: luanan diff v1.0",
    "abbreviations": "example: luanan abbreviations --suggest",
    "renumber": "example: luanan renumber --write",
    "cite": "example: luanan cite --to-keys --write",
}
CHECK_FORMATS = ("text", "json", "github", "sarif")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="luanan",
        description="Reference-checked builds for Vietnamese theses: check citations, build PDF and DOCX.",
    )
    parser.add_argument("--version", action="version", version=f"luanan {__version__}")
    parser.add_argument(
        "--project", type=Path, default=Path("."), metavar="DIR", help="the thesis folder (default: the current folder)"
    )
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
    parser.add_argument("--quiet", action="store_true", help="no progress lines, even on a terminal")
    parser.add_argument("--verbose", action="store_true", help="progress lines, with cache hits and misses")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser("new", help="create a new thesis project that builds at once", epilog=EXAMPLES["new"])
    new.add_argument("directory", type=Path)
    new.add_argument("--profile", default="moet-classic", help="layout profile (default: moet-classic)")

    commands.add_parser("doctor", help="what luanan needs and finds on this machine", epilog=EXAMPLES["doctor"])

    completion = commands.add_parser("completion", help="a shell completion script", epilog=EXAMPLES["completion"])
    completion.add_argument("shell", choices=("bash", "zsh"))

    check = commands.add_parser("check", help="check every citation; write nothing", epilog=EXAMPLES["check"])
    check.add_argument("--format", choices=CHECK_FORMATS, default="text", help="report format (default: text)")
    check.add_argument("--strict", action="store_true", help="warnings fail the check too (exit 1)")
    check.add_argument(
        "--sources",
        action="store_true",
        help="look each quotation up in its source PDF (the entry's `file`); caches page text",
    )

    build = commands.add_parser(
        "build", help="check, then write build/thesis.pdf and build/thesis.docx", epilog=EXAMPLES["build"]
    )
    build.add_argument("format", nargs="?", choices=("pdf", "docx", "all"), default="all")
    build.add_argument(
        "--review",
        action="store_true",
        help="DOCX for reviewers: line numbers on every page, date and git revision in the header "
        "(build/thesis-review.docx)",
    )

    citations = commands.add_parser(
        "citations", help="the citation index: which source is cited where", epilog=EXAMPLES["citations"]
    )
    citations.add_argument("files", nargs="*", type=Path, help="Markdown files (default: the project's chapters)")
    citations.add_argument("--format", choices=("text", "json", "csv"), default="text")

    refs = commands.add_parser(
        "refs", help="the numbered reference list as the thesis shows it", epilog=EXAMPLES["refs"]
    )
    refs.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    renumber = commands.add_parser(
        "renumber", help="bring literal citation numbers in line with the list", epilog=EXAMPLES["renumber"]
    )
    renumber.add_argument(
        "--sort", action="store_true", help="explicit numbering: give every entry its number in the standard order"
    )
    renumber.add_argument("--write", action="store_true", help="apply the diff (all files or none)")

    cite = commands.add_parser("cite", help="rewrite citations", epilog=EXAMPLES["cite"])
    cite.add_argument(
        "--to-keys",
        action="store_true",
        required=True,
        help="numeric citations become key citations: [157, tr. 671] -> [@key, tr. 671]",
    )
    cite.add_argument("--write", action="store_true", help="apply the diff (all files or none)")

    importing = commands.add_parser(
        "import", help="a new project from a thesis in Word or a copy from the web", epilog=EXAMPLES["import"]
    )
    importing.add_argument("source", type=Path, help="thesis.docx, or a .txt copied from a web page")
    importing.add_argument("--into", type=Path, help="the new project's folder (default: the source's name)")
    importing.add_argument(
        "--encoding", help="the text file's encoding when it is not UTF-8: windows-1258, tcvn3, latin-1"
    )

    fix = commands.add_parser(
        "fix", help="apply the safe fixes (spacing, Đ, document numbers, citation syntax…)", epilog=EXAMPLES["fix"]
    )
    fix.add_argument("--write", action="store_true", help="apply the diff (all files or none, originals kept)")
    fix.add_argument("--unsafe", action="store_true", help="also change text inside quotation marks")

    abbreviations = commands.add_parser(
        "abbreviations", help="the abbreviations: used, defined, suggested", epilog=EXAMPLES["abbreviations"]
    )
    abbreviations.add_argument(
        "--suggest",
        action="store_true",
        help="propose full forms, from luanan's dictionary, for abbreviations not yet defined",
    )

    comments = commands.add_parser(
        "comments", help="the comments a reviewer left in a DOCX, at their chapter lines", epilog=EXAMPLES["comments"]
    )
    comments.add_argument("docx", type=Path, help="the DOCX the reviewer returned")
    comments.add_argument("--format", choices=("text", "json"), default="text")

    diff = commands.add_parser(
        "diff", help="build/thesis-changes.docx: every change since a git revision, tracked", epilog=EXAMPLES["diff"]
    )
    diff.add_argument("revision", help="a git revision: a tag, a commit, HEAD~3…")

    watch = commands.add_parser("watch", help="check and rebuild the PDF on every save", epilog=EXAMPLES["watch"])
    watch.add_argument("--interval", type=float, default=0.3, help="seconds between looks at the files")

    rules = commands.add_parser("rules", help="list the checks, or explain one", epilog=EXAMPLES["rules"])
    rules.add_argument("code", nargs="?")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command. Whatever happens — an error, Ctrl-C, SIGTERM, even one arriving while
    the program is already on its way out — the user sees one line, never a traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        _quiet_exit()
        print("luanan: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        _quiet_exit()
        print("luanan: terminated", file=sys.stderr)
        return 143
    finally:
        _quiet_exit()


def _quiet_exit() -> None:
    """From here on SIGTERM and Ctrl-C end the process without Python's unwinding."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)


def _main(argv: list[str] | None) -> int:
    # A terminated build unwinds like an interrupted one: temporary files are removed and the
    # previous outputs stay.
    signal.signal(signal.SIGTERM, _terminated)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    args = build_parser().parse_args(argv)
    from luanan import progress

    try:
        progress.use(progress.Progress(show=sys.stderr.isatty() and not args.quiet, verbose=args.verbose))
        return COMMANDS[args.command](args)
    except LuananError as error:
        if args.debug:
            raise
        print(f"luanan: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:  # the disk, not luanan: a read-only or full folder, a name that is a file
        if args.debug:
            raise
        where = f"{error.filename}: " if error.filename else ""
        print(f"luanan: {where}error: {error.strerror or error}", file=sys.stderr)
        return 2
    except (RecursionError, MemoryError) as error:
        if args.debug:
            raise
        what = "nested too deeply" if isinstance(error, RecursionError) else "too large"
        print(f"luanan: error: an input is {what} to read ({type(error).__name__})", file=sys.stderr)
        return 2
    except Exception as error:  # a bug in luanan: one line unless --debug
        if args.debug:
            raise
        print(
            f"luanan: internal error: {type(error).__name__}: {error} (run with --debug for details)", file=sys.stderr
        )
        return 2


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that cleanup code runs."""


def _terminated(signum, frame):
    raise Terminated()


def cmd_new(args) -> int:
    from luanan.new import create_project

    files = create_project(args.directory, args.profile)
    print(f"created {args.directory}/ ({len(files)} files). Next: cd {args.directory} && luanan check && luanan build")
    return 0


def cmd_doctor(args) -> int:
    from luanan.doctor import report

    for line in report(args.project):
        print(line)
    return 0


def cmd_completion(args) -> int:
    from luanan.completion import script

    sys.stdout.write(script(build_parser(), args.shell))
    return 0


def cmd_check(args) -> int:
    from luanan.pipeline import run_check

    project, result = run_check(args.project, True if args.sources else None)
    return _report(project, result, args.format, args.strict)


def cmd_build(args) -> int:
    from luanan.pipeline import FORMATS, run_build

    formats = FORMATS if args.format == "all" else (args.format,)
    review = None
    if args.review:
        formats = ("docx",)
        from luanan.review.changes import source_revision

        review = {"date": time.strftime("%Y-%m-%d"), "revision": source_revision(args.project)}
    project, result = run_build(args.project, formats, review=review)
    status = _report(project, result.check)
    if status:
        print("luanan: errors found; no output written", file=sys.stderr)
        return status
    for note in result.notes:
        print(note)
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


def cmd_citations(args) -> int:
    from luanan.citations import index
    from luanan.load.config import CONFIG_NAME
    from luanan.parse import parse_files, parse_project
    from luanan.project import load_project

    project = load_project(args.project) if (args.project / CONFIG_NAME).is_file() else None
    if args.files:
        parsed = parse_files(args.files, project)
    elif project is not None:
        parsed = parse_project(project)
    else:
        raise LuananError("no files given and no thesis.yaml here: name the Markdown files to index")
    rows = index.records(((p.document.source, p.citations) for p in parsed.documents), parsed.bibliography)
    if args.format == "json":
        sys.stdout.write(index.as_json(rows))
    elif args.format == "csv":
        sys.stdout.write(index.as_csv(rows))
    else:
        sys.stdout.write(index.as_text(rows, project.bibliography if project else None))
    return 0


def cmd_refs(args) -> int:
    import json

    from luanan.bibliography import reference_list as refs
    from luanan.project import load_project

    project = load_project(args.project)
    listed = refs.reference_list(project.bibliography)
    if args.format == "json":
        rows = [{"number": e.number, "key": e.key, "group": e.group, "text": e.text} for e in listed]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(refs.as_markdown(listed, project.profile) + "\n")
    else:
        sys.stdout.write(refs.as_text(listed, project.profile))
    return 0


def cmd_import(args) -> int:
    from luanan.importing.project import import_source
    from luanan.pipeline import run_check

    into = args.into or args.source.with_suffix("")
    notes = import_source(args.source, into, args.encoding)
    print(f"created {into}/")
    for note in notes:
        print(note)
    project, result = run_check(into)
    from luanan.report.text import format_summary

    print(format_summary(result.summary()))
    print(f"next: cd {into} && luanan check")
    return 0


def cmd_fix(args) -> int:
    from luanan.fix import plan_fixes
    from luanan.pipeline import run_check

    project, result = run_check(args.project)
    changes, counts = plan_fixes(result, args.unsafe)
    if counts:
        print("fixes: " + ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items())), file=sys.stderr)
    return _show_or_write(project, changes, "", args.write)


def cmd_abbreviations(args) -> int:
    from luanan.parse import parse_project
    from luanan.project import load_project
    from luanan.rules.abbreviations import listing
    from luanan.rules.base import CheckContext

    for line in listing(CheckContext(parse_project(load_project(args.project))), args.suggest):
        print(line)
    return 0


def cmd_comments(args) -> int:
    from luanan.parse import parse_project
    from luanan.project import load_project
    from luanan.review.comments import as_json, as_text, locate, read_comments

    located = locate(read_comments(args.docx), parse_project(load_project(args.project)))
    sys.stdout.write(as_json(located) if args.format == "json" else as_text(located))
    return 0


def cmd_diff(args) -> int:
    from luanan.review.changes import build_changes_docx

    destination = args.project.resolve() / "build" / "thesis-changes.docx"
    report = build_changes_docx(args.project.resolve(), args.revision, destination)
    print(report)
    print(f"wrote {destination.relative_to(args.project.resolve())}")
    return 0


def cmd_watch(args) -> int:
    from luanan.watch import watch

    try:
        watch(args.project.resolve(), args.interval, lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        print("stopped", flush=True)
    return 0


def cmd_renumber(args) -> int:
    from luanan import rewrite
    from luanan.parse import parse_project
    from luanan.project import load_project

    project = load_project(args.project)
    changes, note = (rewrite.plan_sort if args.sort else rewrite.plan_renumber)(parse_project(project))
    return _show_or_write(project, changes, note, args.write)


def cmd_cite(args) -> int:
    from luanan import rewrite
    from luanan.parse import parse_project
    from luanan.project import load_project

    project = load_project(args.project)
    return _show_or_write(project, rewrite.to_keys(parse_project(project)), "", args.write)


def _show_or_write(project, changes, note: str, write: bool) -> int:
    from luanan import rewrite

    if note:
        print(f"luanan: {note}", file=sys.stderr)
    if not changes:
        print("nothing to change")
        return 0
    if not write:
        sys.stdout.write(rewrite.diff(changes))
        print(f"{len(changes)} file(s) would change; run again with --write to apply", file=sys.stderr)
        return 0
    backup = rewrite.apply(project.root, changes)
    for change in changes:
        print(f"wrote {change.path.as_posix()}")
    print(f"originals kept in {backup.relative_to(project.root).as_posix()}/")
    return 0


def _report(project, result, output_format: str = "text", strict: bool = False) -> int:
    from luanan.report import Report, reporters
    from luanan.select import fails

    colour = output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    report = Report(result.diagnostics, result.summary(), project.documents, colour)
    sys.stdout.write(reporters()[output_format](report))
    return 1 if fails(result.diagnostics, strict) else 0


COMMANDS = {
    "new": cmd_new,
    "doctor": cmd_doctor,
    "completion": cmd_completion,
    "check": cmd_check,
    "build": cmd_build,
    "citations": cmd_citations,
    "refs": cmd_refs,
    "renumber": cmd_renumber,
    "cite": cmd_cite,
    "import": cmd_import,
    "fix": cmd_fix,
    "abbreviations": cmd_abbreviations,
    "comments": cmd_comments,
    "diff": cmd_diff,
    "watch": cmd_watch,
    "rules": cmd_rules,
}
