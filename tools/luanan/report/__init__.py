"""Reporters: the findings of a check as text, JSON, GitHub annotations or SARIF. Each is one
function `render(report) -> str`, registered by its format name."""

from __future__ import annotations

from collections.abc import Callable

from luanan.report import github, json, sarif, text
from luanan.report.model import Report


def reporters() -> dict[str, Callable[[Report], str]]:
    return {"text": text.render, "json": json.render, "github": github.render, "sarif": sarif.render}


__all__ = ["Report", "reporters"]
