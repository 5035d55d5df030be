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
from luanan.i18n import N_, _, language_of_folder, ngettext, use_language

EXAMPLES = {
    "check": "luanan check --format github --strict",
    "build": "luanan build pdf",
    "rules": "luanan rules C101",
    "citations": "luanan citations chapters/03-chuong-3.md --format json",
    "refs": "luanan refs --format json",
    "watch": "luanan watch",
    "import": "luanan import luan-an.docx --into luan-an",
    "fix": "luanan fix --write",
    "comments": "luanan comments gop-y.docx --format json",
    "new": "luanan new luan-an --profile moet-classic",
    "doctor": "luanan doctor",
    "completion": "luanan completion bash > ~/.local/share/bash-completion/completions/luanan",
    "diff": "luanan diff v1.0",
    "changes": "luanan changes gop-y.docx --author 'Nguyễn Văn An' --write",
    "abbreviations": "luanan abbreviations --suggest",
    "renumber": "luanan renumber --write",
    "cite": "luanan cite --to-keys --write",
    "report": "luanan report && xdg-open build/report.html",
}

# argparse's own words (Python's `argparse` gettext domain), given in luanan's language too;
# the ones a Python version words differently stay English.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
)


def _example(command: str) -> str:
    return _("example: {command}").format(command=EXAMPLES[command])


def _argparse_words() -> None:
    """argparse looks its words up with the module-level `_` and `ngettext` it imported from
    gettext; pointing them at luanan's catalogue speaks the same language as the rest."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _project_argument(argv: list[str]) -> Path:
    """`--project DIR` as given, before argparse reads the arguments (whose help needs the language)."""
    for index, argument in enumerate(argv):
        if argument == "--project" and index + 1 < len(argv):
            return Path(argv[index + 1])
        if argument.startswith("--project="):
            return Path(argument.partition("=")[2])
    return Path(".")


CHECK_FORMATS = ("text", "json", "github", "sarif")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="luanan",
        description=_("Reference-checked builds for Vietnamese theses: check citations, build PDF and DOCX."),
    )
    parser.add_argument("--version", action="version", version=f"luanan {__version__}")
    parser.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help=_("the thesis folder (default: the current folder)"),
    )
    parser.add_argument("--debug", action="store_true", help=_("show Python tracebacks"))
    parser.add_argument("--quiet", action="store_true", help=_("no progress lines, even on a terminal"))
    parser.add_argument("--verbose", action="store_true", help=_("progress lines, with cache hits and misses"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser("new", help=_("create a new thesis project that builds at once"), epilog=_example("new"))
    new.add_argument("directory", type=Path)
    new.add_argument("--profile", default="moet-classic", help=_("layout profile (default: moet-classic)"))

    commands.add_parser("doctor", help=_("what luanan needs and finds on this machine"), epilog=_example("doctor"))

    completion = commands.add_parser("completion", help=_("a shell completion script"), epilog=_example("completion"))
    completion.add_argument("shell", choices=("bash", "zsh"))

    check = commands.add_parser("check", help=_("check every citation; write nothing"), epilog=_example("check"))
    check.add_argument("--format", choices=CHECK_FORMATS, default="text", help=_("report format (default: text)"))
    check.add_argument("--strict", action="store_true", help=_("warnings fail the check too (exit 1)"))
    check.add_argument(
        "--sources",
        action="store_true",
        help=_("look each quotation up in its source PDF (the entry's `file`); caches page text"),
    )

    build = commands.add_parser(
        "build", help=_("check, then write build/thesis.pdf and build/thesis.docx"), epilog=_example("build")
    )
    build.add_argument("format", nargs="?", choices=("pdf", "docx", "all"), default="all")
    build.add_argument(
        "--review",
        action="store_true",
        help=_(
            "DOCX for reviewers: line numbers on every page, date and git revision in the header "
            "(build/thesis-review.docx)"
        ),
    )
    build.add_argument(
        "--draft",
        action="store_true",
        help=_(
            "a draft even while errors remain (build/thesis-draft.pdf and .docx): BẢN NHÁP in the header, "
            "every unresolved citation marked where it stands"
        ),
    )

    citations = commands.add_parser(
        "citations", help=_("the citation index: which source is cited where"), epilog=_example("citations")
    )
    citations.add_argument("files", nargs="*", type=Path, help=_("Markdown files (default: the project's chapters)"))
    citations.add_argument("--format", choices=("text", "json", "csv"), default="text")

    commands.add_parser(
        "report", help=_("build/report.html: findings, citation map and charts on one page"), epilog=_example("report")
    )

    refs = commands.add_parser(
        "refs", help=_("the numbered reference list as the thesis shows it"), epilog=_example("refs")
    )
    refs.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    renumber = commands.add_parser(
        "renumber", help=_("bring literal citation numbers in line with the list"), epilog=_example("renumber")
    )
    renumber.add_argument(
        "--sort", action="store_true", help=_("explicit numbering: give every entry its number in the standard order")
    )
    renumber.add_argument("--write", action="store_true", help=_("apply the diff (all files or none)"))

    cite = commands.add_parser("cite", help=_("rewrite citations"), epilog=_example("cite"))
    cite.add_argument(
        "--to-keys",
        action="store_true",
        required=True,
        help=_("numeric citations become key citations: [157, tr. 671] -> [@key, tr. 671]"),
    )
    cite.add_argument("--write", action="store_true", help=_("apply the diff (all files or none)"))

    importing = commands.add_parser(
        "import", help=_("a new project from a thesis in Word or a copy from the web"), epilog=_example("import")
    )
    importing.add_argument("source", type=Path, help=_("thesis.docx, or a .txt copied from a web page"))
    importing.add_argument("--into", type=Path, help=_("the new project's folder (default: the source's name)"))
    importing.add_argument(
        "--encoding", help=_("the text file's encoding when it is not UTF-8: windows-1258, tcvn3, latin-1")
    )

    fix = commands.add_parser(
        "fix", help=_("apply the safe fixes (spacing, Đ, document numbers, citation syntax…)"), epilog=_example("fix")
    )
    fix.add_argument("--write", action="store_true", help=_("apply the diff (all files or none, originals kept)"))
    fix.add_argument("--unsafe", action="store_true", help=_("also change text inside quotation marks"))

    abbreviations = commands.add_parser(
        "abbreviations", help=_("the abbreviations: used, defined, suggested"), epilog=_example("abbreviations")
    )
    abbreviations.add_argument(
        "--suggest",
        action="store_true",
        help=_("propose full forms, from luanan's dictionary, for abbreviations not yet defined"),
    )

    comments = commands.add_parser(
        "comments",
        help=_("the comments a reviewer left in a DOCX, at their chapter lines"),
        epilog=_example("comments"),
    )
    comments.add_argument("docx", type=Path, help=_("the DOCX (or ODT) the reviewer returned"))
    comments.add_argument("--format", choices=("text", "json"), default="text")

    changes = commands.add_parser(
        "changes",
        help=_("a reviewer's tracked changes (DOCX or ODT) as a diff of the chapters, comments at their lines"),
        epilog=_example("changes"),
    )
    changes.add_argument("document", type=Path, help=_("the DOCX or ODT the reviewer returned"))
    changes.add_argument("--author", metavar="NAME", help=_("only this reviewer's changes"))
    changes.add_argument("--write", action="store_true", help=_("apply the diff (all files or none, originals kept)"))

    diff = commands.add_parser(
        "diff", help=_("build/thesis-changes.docx: every change since a git revision, tracked"), epilog=_example("diff")
    )
    diff.add_argument("revision", help=_("a git revision: a tag, a commit, HEAD~3…"))

    watch = commands.add_parser("watch", help=_("check and rebuild the PDF on every save"), epilog=_example("watch"))
    watch.add_argument("--interval", type=float, default=0.3, help=_("seconds between looks at the files"))

    rules = commands.add_parser("rules", help=_("list the checks, or explain one"), epilog=_example("rules"))
    rules.add_argument("code", nargs="?")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command. Whatever happens — an error, Ctrl-C, SIGTERM, even one arriving while
    the program is already on its way out — the user sees one line, never a traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        _quiet_exit()
        print("luanan: " + _("interrupted"), file=sys.stderr)
        return 130
    except Terminated:
        _quiet_exit()
        print("luanan: " + _("terminated"), file=sys.stderr)
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
    use_language(language_of_folder(_project_argument(sys.argv[1:] if argv is None else argv)))
    _argparse_words()
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
        print(f"luanan: {where}" + _("error: {message}").format(message=error.strerror or error), file=sys.stderr)
        return 2
    except (RecursionError, MemoryError) as error:
        if args.debug:
            raise
        what = _("nested too deeply") if isinstance(error, RecursionError) else _("too large")
        message = _("error: an input is {what} to read ({kind})").format(what=what, kind=type(error).__name__)
        print("luanan: " + message, file=sys.stderr)
        return 2
    except Exception as error:  # a bug in luanan: one line unless --debug
        if args.debug:
            raise
        message = _("internal error: {error} (run with --debug for details)")
        print("luanan: " + message.format(error=f"{type(error).__name__}: {error}"), file=sys.stderr)
        return 2


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that cleanup code runs."""


def _terminated(signum, frame):
    raise Terminated()


def cmd_new(args) -> int:
    from luanan.new import create_project

    files = create_project(args.directory, args.profile)
    created = ngettext(
        "created {directory}/ ({count} file). Next: cd {directory} && make",
        "created {directory}/ ({count} files). Next: cd {directory} && make",
        len(files),
    )
    print(created.format(directory=args.directory, count=len(files)))
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
    return _report(project, result, args.format, args.strict, args.verbose)


def cmd_build(args) -> int:
    from luanan.pipeline import FORMATS, run_build

    formats = FORMATS if args.format == "all" else (args.format,)
    review = None
    if args.review:
        formats = ("docx",)
        from luanan.review.changes import source_revision

        review = {"date": time.strftime("%Y-%m-%d"), "revision": source_revision(args.project)}
    project, result = run_build(args.project, formats, review=review, draft=args.draft)
    status = _report(project, result.check)
    if status and args.draft and result.written:
        print("luanan: " + _("errors found; wrote a draft (BẢN NHÁP) with them marked"), file=sys.stderr)
    elif status:
        print("luanan: " + _("errors found; no output written"), file=sys.stderr)
        return status
    for note in result.notes:
        print(note)
    for path in result.written:
        print(_("wrote {path}").format(path=path.relative_to(project.root)))
    return 0  # a draft written with its errors marked is what was asked for


def cmd_rules(args) -> int:
    from luanan.rules import all_rules

    rules = {rule.code: rule for rule in all_rules()}
    if args.code:
        rule = rules.get(args.code.upper())
        if rule is None:
            raise LuananError(_("no rule {code}; `luanan rules` lists them").format(code=args.code))
        from luanan.report.text import SEVERITY_WORDS

        severity = _(SEVERITY_WORDS[str(rule.severity)])
        print(f"{rule.code} {rule.name} ({severity})\n\n{_(rule.summary)}.\n\n{rule.explanation}")
        return 0
    from luanan.report.text import SEVERITY_WORDS

    words = {rule.code: _(SEVERITY_WORDS[str(rule.severity)]) for rule in rules.values()}
    width = max(map(len, words.values()), default=0)
    for rule in rules.values():
        print(f"{rule.code}  {words[rule.code]:<{width}}  {rule.name}: {_(rule.summary)}")
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
        raise LuananError(_("no files given and no thesis.yaml here: name the Markdown files to index"))
    rows = index.records(((p.document.source, p.citations) for p in parsed.documents), parsed.bibliography)
    if args.format == "json":
        sys.stdout.write(index.as_json(rows))
    elif args.format == "csv":
        sys.stdout.write(index.as_csv(rows))
    else:
        sys.stdout.write(index.as_text(rows, project.bibliography if project else None))
    return 0


def cmd_report(args) -> int:
    from luanan.files import write_text
    from luanan.pipeline import run_check
    from luanan.report.html import render_html

    project, result = run_check(args.project)
    assert result.parsed is not None
    page = render_html(result.parsed, result.diagnostics, result.summary(), time.strftime("%Y-%m-%d %H:%M"))
    destination = project.root / "build" / "report.html"
    write_text(destination, page)
    print(_("wrote {path}").format(path=destination.relative_to(project.root)))
    return 0


def cmd_refs(args) -> int:
    import json

    from luanan.bibliography import reference_list as refs
    from luanan.parse import parse_project
    from luanan.project import load_project

    project = parse_project(load_project(args.project)).project
    assert project is not None
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
    print(_("created {directory}/").format(directory=into))
    for note in notes:
        print(note)
    project, result = run_check(into)
    from luanan.report.text import format_summary

    print(format_summary(result.summary()))
    print(_("next: cd {directory} && luanan check").format(directory=into))
    return 0


def cmd_fix(args) -> int:
    from luanan.fix import plan_fixes
    from luanan.pipeline import run_check

    project, result = run_check(args.project)
    changes, counts = plan_fixes(result, args.unsafe)
    if counts:
        print(
            _("fixes: {counts}").format(counts=", ".join(f"{code} ×{n}" for code, n in sorted(counts.items()))),
            file=sys.stderr,
        )
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


def cmd_changes(args) -> int:
    from luanan.review.tracked import review_changes

    return review_changes(args.project, args.document, args.author, args.write)


def cmd_diff(args) -> int:
    from luanan.review.changes import build_changes_docx

    destination = args.project.resolve() / "build" / "thesis-changes.docx"
    report = build_changes_docx(args.project.resolve(), args.revision, destination)
    print(report)
    print(_("wrote {path}").format(path=destination.relative_to(args.project.resolve())))
    return 0


def cmd_watch(args) -> int:
    from luanan.watch import watch

    try:
        watch(args.project.resolve(), args.interval, lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        print(_("stopped"), flush=True)
    return 0


def cmd_renumber(args) -> int:
    from luanan import rewrite
    from luanan.parse import parse_project
    from luanan.project import load_project

    parsed = parse_project(load_project(args.project))
    changes, note = (rewrite.plan_sort if args.sort else rewrite.plan_renumber)(parsed)
    return _show_or_write(parsed.project, changes, note, args.write)


def cmd_cite(args) -> int:
    from luanan import rewrite
    from luanan.parse import parse_project
    from luanan.project import load_project

    parsed = parse_project(load_project(args.project))
    return _show_or_write(parsed.project, rewrite.to_keys(parsed), "", args.write)


def _show_or_write(project, changes, note: str, write: bool) -> int:
    from luanan import rewrite

    if note:
        print(f"luanan: {note}", file=sys.stderr)
    if not changes:
        print(_("nothing to change"))
        return 0
    if not write:
        sys.stdout.write(rewrite.diff(changes))
        would = ngettext(
            "{count} file would change; run again with --write to apply",
            "{count} files would change; run again with --write to apply",
            len(changes),
        )
        print(would.format(count=len(changes)), file=sys.stderr)
        return 0
    backup = rewrite.apply(project.root, changes)
    for change in changes:
        print(_("wrote {path}").format(path=change.path.as_posix()))
    print(_("originals kept in {folder}/").format(folder=backup.relative_to(project.root).as_posix()))
    return 0


def _report(project, result, output_format: str = "text", strict: bool = False, verbose: bool = False) -> int:
    from luanan.report import Report, reporters
    from luanan.select import fails

    colour = output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    report = Report(result.diagnostics, result.summary(), project.documents, colour, verbose)
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
    "report": cmd_report,
    "renumber": cmd_renumber,
    "cite": cmd_cite,
    "import": cmd_import,
    "fix": cmd_fix,
    "abbreviations": cmd_abbreviations,
    "comments": cmd_comments,
    "diff": cmd_diff,
    "changes": cmd_changes,
    "watch": cmd_watch,
    "rules": cmd_rules,
}
