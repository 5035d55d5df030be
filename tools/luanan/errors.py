"""Fatal errors: input that cannot be read at all, or a command that cannot run (exit code 2)."""

from __future__ import annotations

from pathlib import Path

from luanan.i18n import _


class LuananError(Exception):
    """An error that stops the command; printed as one line `path:line: error: message`."""

    exit_code = 2

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + _("error: {message}").format(message=self.message)


class ConfigError(LuananError):
    """thesis.yaml, front matter or a profile is unreadable or invalid."""


class SourceError(LuananError):
    """A source file is missing, not text, or not UTF-8."""


class ToolError(LuananError):
    """pandoc or typst failed while writing an output."""

    detail: str = ""  # the tool's own last line
