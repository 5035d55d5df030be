"""Mutation testing of the core modules: `make mutate`.

    python tools/mutate.py [--jobs 2] [--module citations/parse.py ...] [--id ID ...]
                           [--list] [--show ID] [--fail-under 80]
    make mutate [MODULES="citations/parse.py files.py"]

Which modules, which tests and which mutants are equivalent: tests/mutation.toml.

The mutants are those of mutmut's operators (mutmut.mutation.mutators: numbers +1, strings
`XX..XX` and upper/lower case, True/False, `in`/`not in`, `is`/`is not`, `<`/`<=`, `==`/`!=`,
`and`/`or`, `+`/`-`, `x = None`, each call argument replaced by None or dropped, `not x` -> `x`,
`strip`/`lstrip`..., lambda bodies, both arms of `a if c else b`), made one at a time anywhere
in the module: function bodies, decorated functions and module-level constants (the regular
expressions) alike; only decorators, annotations and imports are left alone.

How a mutant is run: the module's tests run once, unmutated, under coverage, which gives for
each line the tests that run it. A mutant runs only those tests (`pytest -x`), in a private copy
of the package whose file holds the mutant, so that a CLI test's `python -m luanan` subprocess
runs it too (PYTHONPATH). Each runs in a fork of a process that has already imported the
package and the tests: a mutant inside a function by swapping that function's code for the
mutated code; any other (a constant, a default value) by running the mutated module again in
the module's namespace, or, where that fails, in a fresh process that imports the mutated file.
Killed: the tests fail or time out; survived: they pass, or no test runs the line.
The score of a module is killed / (mutants - listed equivalents).

A mutant's id is `module:scope:hash` (the hash of the original and the mutated code), stable
while that code is unchanged. `--show ID` prints its diff; `--id ID` reruns just it.
"""

from __future__ import annotations

import argparse
import difflib
import enum
import hashlib
import json
import os
import select
import shutil
import signal
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FunctionType, ModuleType

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider
from mutmut.mutation.mutators import mutation_operators

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "tools" / "luanan"
CONFIG = REPO / "tests" / "mutation.toml"
SKIPPED = (cst.Decorator, cst.Annotation, cst.Import, cst.ImportFrom)
FREEVARS_DIFFER = 98  # a warm run could not put the mutant in place: run it cold


@dataclass
class Mutant:
    id: str
    module: str  # path under tools/luanan
    line: int
    end_line: int
    before: str  # the original code of the mutated node
    after: str
    source: str  # the whole mutated module
    function: str | None  # qualified name of the outermost function whose body holds it
    status: str = "untested"  # killed, timeout, survived, untested (no test runs it), equivalent


@dataclass
class Module:
    path: str
    tests: list[str]
    mutants: list[Mutant] = field(default_factory=list)

    @property
    def name(self) -> str:
        return "luanan." + self.path.removesuffix(".py").replace("/", ".")


def load_config() -> tuple[dict[str, Module], dict[str, str], float]:
    data = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    modules = {path: Module(path, list(entry["tests"])) for path, entry in data["modules"].items()}
    equivalent = {entry["id"]: entry["reason"] for entry in data.get("equivalent", [])}
    return modules, equivalent, float(data.get("fail_under", 80))


def make_mutants(path: str) -> list[Mutant]:
    source = (PACKAGE / path).read_text(encoding="utf-8")
    wrapper = MetadataWrapper(cst.parse_module(source))
    module = wrapper.module
    positions = wrapper.resolve(PositionProvider)
    found: list[Mutant] = []
    seen: dict[str, int] = {}

    Found = tuple[cst.CSTNode, cst.CSTNode, str, str | None]

    def visit(node: cst.CSTNode, scope: tuple[str, ...], function: str | None) -> Iterator[Found]:
        if isinstance(node, SKIPPED):
            return
        for kind, operator in mutation_operators:
            if isinstance(node, kind):
                for mutated in operator(node):
                    yield node, mutated, ".".join(scope) or "<module>", function
        if isinstance(node, cst.FunctionDef):
            inner = (*scope, node.name.value)
            yield from visit(node.params, inner, None)  # default values: evaluated on import
            yield from visit(node.body, inner, function or ".".join(inner))
            return
        if isinstance(node, cst.ClassDef):
            scope = (*scope, node.name.value)
        for child in node.children:
            yield from visit(child, scope, function)

    for node, mutated, scope, function in visit(module, (), None):
        text = module.deep_replace(node, mutated).code
        try:
            compile(text, path, "exec")
        except SyntaxError:
            continue
        before, after = module.code_for_node(node), cst.Module([]).code_for_node(mutated)
        digest = hashlib.sha1(f"{scope}\n{before}\n{after}".encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        suffix = "" if seen[digest] == 1 else f"-{seen[digest]}"
        where = positions[node]
        mutant_id = f"{path}:{scope}:{digest}{suffix}"
        found.append(Mutant(mutant_id, path, where.start.line, where.end.line, before, after, text, function))
    return found


def diff(mutant: Mutant) -> str:
    original = (PACKAGE / mutant.module).read_text(encoding="utf-8").splitlines(keepends=True)
    lines = difflib.unified_diff(original, mutant.source.splitlines(keepends=True), mutant.module, mutant.module, n=1)
    return "".join(lines)


def _pytest(tests: list[str], *options: str, plugins: list | None = None) -> int:
    import pytest

    return int(pytest.main([*tests, *options, "-q", "-p", "no:cacheprovider"], plugins=plugins))


def _swap_code(module_name: str, function: str, source: str, filename: str) -> None:
    """Give the live function `function` of the imported module the mutated code."""
    wanted: list = []
    stack = [compile(source, filename, "exec")]
    while stack:
        code = stack.pop()
        if code.co_qualname == function:
            wanted.append(code)
        stack.extend(c for c in code.co_consts if hasattr(c, "co_qualname"))
    target: object = sys.modules[module_name]
    for part in function.split("."):
        target = vars(target)[part]
    if isinstance(target, property):
        target = target.fget
    if isinstance(target, staticmethod | classmethod):
        target = target.__func__
    while hasattr(target, "__wrapped__"):
        if hasattr(target, "cache_clear"):
            target.cache_clear()
        target = target.__wrapped__
    try:
        target.__code__ = wanted[0]  # type: ignore[attr-defined]
    except ValueError:  # the mutant closes over other names
        os._exit(FREEVARS_DIFFER)


def _run_module_again(module_name: str, source: str, filename: str) -> None:
    """Run the mutated module in the imported module's namespace, as a fresh import would: its
    constants change for every function of the module (they look them up there), and the
    functions and classes that other modules imported by name take on the new code, default
    values and class attributes."""
    namespace = vars(sys.modules[module_name])
    old = dict(namespace)
    try:
        exec(compile(source, filename, "exec"), namespace)
    except Exception:  # e.g. a registry that refuses a second registration
        os._exit(FREEVARS_DIFFER)
    for name, before in old.items():
        after = namespace.get(name)
        if isinstance(before, FunctionType) and isinstance(after, FunctionType):
            try:
                before.__code__ = after.__code__
            except ValueError:
                os._exit(FREEVARS_DIFFER)
            before.__defaults__, before.__kwdefaults__ = after.__defaults__, after.__kwdefaults__
            namespace[name] = before
        elif isinstance(before, type) and isinstance(after, type) and before.__module__ == module_name:
            if not issubclass(before, enum.Enum):  # an enum's members are its constants: kept
                try:
                    for key, value in vars(after).items():
                        if key not in ("__dict__", "__weakref__", "__doc__"):
                            setattr(before, key, value)
                except (AttributeError, TypeError):
                    os._exit(FREEVARS_DIFFER)
            namespace[name] = before
        elif after is not before and before and not isinstance(before, str | int | float | ModuleType):
            for other in list(sys.modules.values()):  # a constant another module imported by name
                if getattr(other, "__name__", "").startswith("luanan") and other is not sys.modules[module_name]:
                    for key, value in list(vars(other).items()):
                        if value is before:
                            setattr(other, key, after)


class Worker:
    """A private copy of the package, and a server process that has imported it with the
    module's tests: one mutant at a time runs against it."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(PACKAGE, root / "luanan", ignore=shutil.ignore_patterns("__pycache__"))
        self.server: tuple[int, int, int] | None = None  # pid, job pipe, result pipe
        self.pid: int | None = None  # a cold run
        self.mutant: Mutant | None = None
        self.started = 0.0
        self.deadline = 0.0

    def _write(self, module: Module, source: str) -> None:
        path = self.root / "luanan" / module.path
        path.write_text(source, encoding="utf-8")
        for cached in path.parent.glob(f"__pycache__/{path.stem}.*.pyc"):
            cached.unlink()  # never let a stale .pyc stand in for the file

    def _fork(self, job: Callable[[], int], quiet: bool = True) -> int:
        pid = os.fork()
        if pid == 0:
            try:
                os.setpgrp()
                if quiet:
                    null = os.open(os.devnull, os.O_WRONLY)
                    os.dup2(null, 1)
                    os.dup2(null, 2)
                os.environ["PYTHONDONTWRITEBYTECODE"] = "1"  # subprocesses
                os.environ["PYTHONPATH"] = os.pathsep.join([str(self.root), os.environ.get("PYTHONPATH", "")])
                sys.path.insert(0, str(self.root))
                os._exit(int(job()))
            except BaseException:
                os._exit(99)
        return pid

    def _wait(self, pid: int, deadline: float) -> int | None:
        """The exit code; None when it ran out of time (and was killed)."""
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
            if time.monotonic() > deadline:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                os.waitpid(pid, 0)
                return None
            time.sleep(0.005)

    def map_tests(self, module: Module) -> dict[int, set[str]]:
        """Run the module's tests once, unmutated, under coverage: line -> the tests (node ids)
        that run it; "" for lines run while importing."""
        target = str(self.root / "luanan" / module.path)
        self._write(module, (PACKAGE / module.path).read_text(encoding="utf-8"))
        output = self.root / "map.json"

        def job() -> int:
            import coverage

            cov = coverage.Coverage(data_file=None, include=[target], config_file=False)

            class Contexts:
                @staticmethod
                def pytest_runtest_protocol(item, nextitem):
                    cov.switch_context(item.nodeid)

                @staticmethod
                def pytest_runtest_logfinish(nodeid, location):
                    cov.switch_context("")

            cov.start()
            code = _pytest(module.tests, plugins=[Contexts()])
            cov.stop()
            lines = cov.get_data().contexts_by_lineno(target)
            output.write_text(json.dumps({str(k): sorted(v) for k, v in lines.items()}), encoding="utf-8")
            return code

        if self._wait(self._fork(job), time.monotonic() + 1800) != 0:
            sys.exit(f"mutate: the tests of {module.path} fail without any mutant: {' '.join(module.tests)}")
        return {int(k): set(v) for k, v in json.loads(output.read_text(encoding="utf-8")).items()}

    def start_server(self, module: Module) -> None:
        jobs_read, jobs_write = os.pipe()
        results_read, results_write = os.pipe()

        def serve() -> int:
            os.close(jobs_write)
            os.close(results_read)
            __import__(module.name)
            _pytest(module.tests, "--collect-only")  # imports the tests, with pytest's rewriting
            os.write(results_write, b"ready\n")
            jobs = os.fdopen(jobs_read, "r")
            for line in jobs:
                function, timeout, tests = json.loads(line)
                source = (self.root / "luanan" / module.path).read_text(encoding="utf-8")

                def run(function=function, tests=tests, source=source) -> int:
                    filename = str(self.root / "luanan" / module.path)
                    if function is None:
                        _run_module_again(module.name, source, filename)
                    else:
                        _swap_code(module.name, function, source, filename)
                    return _pytest(tests, "-x")

                code = self._wait(self._fork(run), time.monotonic() + timeout)
                os.write(results_write, f"{-1 if code is None else code}\n".encode())
            return 0

        pid = self._fork(serve)
        os.close(jobs_read)
        os.close(results_write)
        if os.read(results_read, 6) != b"ready\n":
            sys.exit(f"mutate: the tests of {module.path} cannot be collected")
        self.server = (pid, jobs_write, results_read)

    def stop_server(self) -> None:
        if self.server:
            pid, jobs, results = self.server
            os.close(jobs)
            os.close(results)
            self._wait(pid, time.monotonic() + 30)
            self.server = None

    def start(self, module: Module, mutant: Mutant, tests: list[str], timeout: float, cold: bool) -> None:
        self._write(module, mutant.source)
        self.mutant, self.started, self.deadline = mutant, time.monotonic(), time.monotonic() + timeout
        if cold or self.server is None:
            self.pid = self._fork(lambda: _pytest(tests, "-x"))
        else:
            self.pid = None
            os.write(self.server[1], (json.dumps([mutant.function, timeout, tests]) + "\n").encode())

    def poll(self) -> int | None | str:
        """ "running", or the exit code of the tests (None: out of time)."""
        if self.pid is not None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.pid = None
                return os.waitstatus_to_exitcode(status)
            if time.monotonic() < self.deadline:
                return "running"
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None
            return None
        assert self.server is not None
        if not select.select([self.server[2]], [], [], 0)[0]:
            return "running"
        code = int(os.read(self.server[2], 16).decode().strip())
        return None if code == -1 else code


def tests_for(mutant: Mutant, module: Module, lines: dict[int, set[str]]) -> list[str]:
    """The tests that run the mutated lines; all of the module's tests for a line that runs only
    on import (a module constant, a default value); none for a line no test runs."""
    found: set[str] = set()
    for line in range(mutant.line, mutant.end_line + 1):
        found |= lines.get(line, set())
    if found == {""} or mutant.function is None:  # module level: an element of a constant written
        return list(module.tests)  # over several lines is on no line coverage reports
    return sorted(found - {""})


def run_module(module: Module, workers: list[Worker]) -> float:
    started = time.monotonic()
    lines = workers[0].map_tests(module)
    timeout = max(60.0, (time.monotonic() - started) * 5)
    pending = [m for m in module.mutants if m.status == "untested"]
    for mutant in pending:
        if not tests_for(mutant, module, lines):
            mutant.status = "survived"  # no test runs it
    pending = [m for m in pending if m.status == "untested"]
    for worker in workers:
        worker.start_server(module)
    cold_again: set[str] = set()
    running: list[Worker] = []
    free = list(workers)
    done = 0
    while pending or running:
        while pending and free:
            worker = free.pop()
            mutant = pending.pop()
            cold = mutant.id in cold_again
            worker.start(module, mutant, tests_for(mutant, module, lines), timeout, cold)
            running.append(worker)
        time.sleep(0.005)
        for worker in list(running):
            code = worker.poll()
            if code == "running":
                continue
            running.remove(worker)
            free.append(worker)
            assert worker.mutant is not None
            if code == FREEVARS_DIFFER and worker.mutant.id not in cold_again:
                cold_again.add(worker.mutant.id)
                pending.append(worker.mutant)
                continue
            # pytest: 1 tests failed, 2 interrupted (a mutant that breaks the import); anything else
            # (no such test, an internal error, a failure of this driver) is an error, not a kill.
            worker.mutant.status = {None: "timeout", 0: "survived", 1: "killed", 2: "killed"}.get(code, "error")
            done += 1
            print(f"\r  {module.path}: {done}/{len(module.mutants)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    original = (PACKAGE / module.path).read_text(encoding="utf-8")
    for worker in workers:
        worker.stop_server()
        worker._write(module, original)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--module", action="append", help="a module under tools/luanan (default: all configured)")
    parser.add_argument("--id", action="append", help="run only this mutant (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--show", help="print the diff of one mutant")
    parser.add_argument("--fail-under", type=float, help="lowest score per module, in percent")
    args = parser.parse_args()

    modules, equivalent, fail_under = load_config()
    if args.fail_under is not None:
        fail_under = args.fail_under
    wanted = args.module or [i.split(":")[0] for i in args.id or args.show and [args.show] or []]
    wanted = list(dict.fromkeys(wanted or os.environ.get("MODULES", "").split() or list(modules)))
    unknown = [path for path in wanted if path not in modules]
    if unknown:
        sys.exit(f"mutate: not configured in {CONFIG.relative_to(REPO)}: {', '.join(unknown)}")
    selected = [modules[path] for path in wanted]
    for module in selected:
        module.mutants = make_mutants(module.path)
        if args.id:
            module.mutants = [m for m in module.mutants if m.id in args.id]
        for mutant in module.mutants:
            if mutant.id in equivalent:
                mutant.status = "equivalent"

    if args.show:
        mutant = next((m for module in selected for m in module.mutants if m.id == args.show), None)
        if mutant is None:
            sys.exit(f"mutate: no mutant {args.show}")
        print(diff(mutant))
        return 0
    if args.list:
        for module in selected:
            for mutant in module.mutants:
                print(f"{mutant.id}  line {mutant.line}: {mutant.before!r} -> {mutant.after!r}  [{mutant.status}]")
        return 0

    # Imported once here, so that every forked run starts warm (luanan itself is imported from
    # each worker's copy).
    import _hypothesis_pytestplugin  # noqa: F401
    import bibtexparser  # noqa: F401
    import coverage  # noqa: F401
    import hypothesis  # noqa: F401
    import pytest  # noqa: F401
    import yaml  # noqa: F401

    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="luanan-mutate-") as scratch:
        workers = [Worker(Path(scratch) / f"w{i}") for i in range(max(1, args.jobs))]
        for module in selected:
            seconds[module.path] = run_module(module, workers)

    failing = []
    print(f"\n{'module':28} {'mutants':>7} {'equiv.':>6} {'killed':>6} {'survived':>8} {'score':>7} {'time':>6}")
    for module in selected:
        statuses = ("killed", "timeout", "survived", "equivalent", "error")
        count = {s: sum(m.status == s for m in module.mutants) for s in statuses}
        counted = len(module.mutants) - count["equivalent"]
        killed = count["killed"] + count["timeout"]
        score = 100.0 * killed / counted if counted else 100.0
        if score < fail_under:
            failing.append(module.path)
        print(
            f"{module.path:28} {len(module.mutants):7} {count['equivalent']:6} {killed:6} "
            f"{count['survived'] + count['error']:8} {score:6.1f}% {seconds[module.path]:5.0f}s"
        )
    for module in selected:
        errors = [m for m in module.mutants if m.status == "error"]
        if errors:
            print(f"\nmutants that could not be run in {module.path} (counted as not killed):")
            for mutant in errors:
                print(f"  {mutant.id}  line {mutant.line}: {mutant.before!r} -> {mutant.after!r}")
        survivors = [m for m in module.mutants if m.status == "survived"]
        if survivors:
            print(f"\nsurvivors in {module.path}:")
            for mutant in survivors:
                print(f"  {mutant.id}  line {mutant.line}: {mutant.before!r} -> {mutant.after!r}")
        excluded = [m for m in module.mutants if m.status == "equivalent"]
        if excluded:
            print(f"\nequivalent mutants in {module.path} (not counted):")
            for mutant in excluded:
                print(f"  {mutant.id}  line {mutant.line}: {equivalent[mutant.id]}")
    ids = {m.id for module in selected for m in module.mutants}
    stale = [i for i in equivalent if i.split(":")[0] in wanted and i not in ids and not args.id]
    if stale:
        print("\nlisted as equivalent but no longer made (remove from tests/mutation.toml):", *stale, sep="\n  ")
    print(f"\nevery module must score at least {fail_under:.0f}%")
    if failing:
        print("below the bar:", ", ".join(failing))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
