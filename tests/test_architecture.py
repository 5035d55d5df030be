"""The shape of the package: stages that only look down, no import circles, one parser call site,
one edit applier, one atomic writer (DESIGN "The pipeline")."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "luanan"

# Lowest first. A module may import its own layer and the layers below it, never above.
LAYERS = [
    ("base", ["errors", "i18n", "edits", "files", "progress", "diagnostics", "pandoc", "yamlfile"]),
    ("domain", ["source", "profiles", "citations", "bibliography", "vietnamese"]),
    ("load", ["load", "project"]),
    ("parse", ["parse"]),
    ("check", ["check", "rules", "select"]),
    ("render", ["render"]),
    ("write", ["write"]),
]
COMMANDS = "commands"  # everything else: the CLI and the commands it runs


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    for index, (_, names) in enumerate(LAYERS):
        if top in names:
            return index
    return 0 if top == "" else len(LAYERS)  # the package itself is base; the rest are commands


def imports() -> dict[str, set[str]]:
    """Module -> the luanan modules it imports (at any level of the file, functions included)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        module = module_name(path)
        found = graph.setdefault(module, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("luanan"):
                for alias in node.names:
                    child = f"{node.module}.{alias.name}"
                    found.add(
                        child
                        if (PACKAGE.parent / child.replace(".", "/")).with_suffix(".py").exists()
                        or (PACKAGE.parent / child.replace(".", "/")).is_dir()
                        else node.module
                    )
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("luanan"))
        found.discard(module)
    return graph


def layer_name(index: int) -> str:
    return LAYERS[index][0] if index < len(LAYERS) else COMMANDS


def test_no_module_imports_a_higher_stage():
    upward = [
        f"{module} ({layer_name(layer_of(module))}) imports {target} ({layer_name(layer_of(target))})"
        for module, targets in imports().items()
        for target in targets
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []


def test_no_import_circles():
    graph = {module: {t for t in targets if t in imports_cache} for module, targets in imports_cache.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    assert circles == []


imports_cache = imports()


def callers(name: str) -> set[str]:
    """Modules that call `name(...)` or import it."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            called = isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == name
            imported = isinstance(node, ast.ImportFrom) and any(a.name == name for a in node.names)
            if called or imported:
                found.add(module_name(path))
    return found


def test_the_citation_parser_is_called_from_the_parse_stage_only():
    assert callers("find_citations") == {"luanan.parse"}
    assert callers("find_quotes") == {"luanan.parse"}


def test_one_edit_applier_and_one_atomic_writer():
    allowed = {"luanan.fix", "luanan.rewrite", "luanan.render.links", "luanan.review.tracked"}
    assert callers("apply_edits") - {"luanan.edits"} <= allowed
    writers = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "os.replace(" in text or "mkstemp(" in text:
            writers.add(module_name(path))
    assert writers == {"luanan.files"}
