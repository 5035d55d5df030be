"""YAML with positions: parse errors and bad keys are reported at their file and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from luanan.errors import ConfigError
from luanan.i18n import _


class PositionedMapping(dict):
    """A mapping that remembers the 1-based line of each key."""

    def __init__(self, values: dict, lines: dict[str, int], line: int):
        super().__init__(values)
        self.lines = lines
        self.line = line

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


def load_mapping(text: str, path: Path, first_line: int = 1) -> PositionedMapping:
    """Parse a YAML document that must be a mapping (or empty). `first_line` offsets line numbers
    when the YAML sits inside another file (front matter)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is not None and _has_alias(node):
            # Aliases are never needed in a thesis file and are how "YAML bombs" explode.
            raise ConfigError(_("YAML aliases (*name) are not allowed"), path, first_line)
        values = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        line, message = explain(exc, text)
        raise ConfigError(_("invalid YAML: {problem}").format(problem=message), path, first_line + line - 1) from None
    except yaml.YAMLError as exc:
        raise ConfigError(_("invalid YAML: {problem}").format(problem=exc), path, first_line) from None
    except RecursionError:  # PyYAML composes nested lists and mappings recursively
        raise ConfigError(_("invalid YAML: nested too deeply"), path, first_line) from None
    if values is None:
        return PositionedMapping({}, {}, first_line)
    if not isinstance(values, dict) or not isinstance(node, yaml.MappingNode):
        raise ConfigError(_("expected a mapping of `key: value` lines"), path, first_line)
    lines = {
        key_node.value: first_line + key_node.start_mark.line
        for key_node, _ in node.value
        if isinstance(key_node, yaml.ScalarNode)
    }
    return PositionedMapping(values, lines, first_line + node.start_mark.line)


_OPEN_QUOTE = re.compile(r"""^[^#'"]*:\s*(["'])(?:(?!\1).)*$""")


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """(1-based line where the problem starts, a message in the author's terms) for PyYAML's
    error: the usual slips get their usual fix."""
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line if mark else 0) + 1
    problem = exc.problem or exc.context or _("invalid YAML")
    lines = text.split("\n")
    opened = next((n for n, text_line in enumerate(lines[:line], 1) if _OPEN_QUOTE.match(text_line)), None)
    if opened is not None and ("quoted scalar" in (exc.context or "") or "expected <block end>" in problem):
        return opened, _("a quotation mark opened on this line is never closed: close it on the same line")
    if "mapping values are not allowed" in problem:
        key = lines[line - 1].split(":", 1)[0].strip() if line <= len(lines) else "title"
        return line, _(
            "a value with `: ` inside must be quoted, e.g. {example} (YAML reads an unquoted `: ` as a new key)"
        ).format(example=f'{key}: "Chương 1: Tổng quan"')
    if "'\\t'" in problem:
        return line, _("a tab character: indent YAML with spaces")
    if "expected <block end>" in problem:
        return line, _("this line's indentation does not match the lines above: indent keys of one level alike")
    return line, problem


def _has_alias(node: yaml.Node) -> bool:
    """True when a node is reachable twice, which only an alias (*name) can cause."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return False


def check_keys(mapping: PositionedMapping, allowed: dict[str, Any], path: Path, what: str) -> None:
    """Unknown keys and values of the wrong type are fatal, at the key's line."""
    for key, value in mapping.items():
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise ConfigError(
                _("unknown {what} field `{key}` (known: {known})").format(what=what, key=key, known=known),
                path,
                mapping.line_of(key),
            )
        expected = allowed[key]
        if value is not None and expected is not None and not isinstance(value, expected):
            names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            raise ConfigError(
                _("`{key}` must be {wanted}, not {found}").format(key=key, wanted=names, found=type(value).__name__),
                path,
                mapping.line_of(key),
            )


def key_lines(text: str, first_line: int = 1) -> dict[tuple[str, ...], int]:
    """(key, subkey, ...) -> 1-based line, for every mapping key in a YAML document."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return {}
    lines: dict[tuple[str, ...], int] = {}
    stack: list[tuple[tuple[str, ...], yaml.Node]] = [((), root)] if root is not None else []
    while stack:
        prefix, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    path = prefix + (key.value,)
                    lines[path] = first_line + key.start_mark.line
                    stack.append((path, value))
    return lines
