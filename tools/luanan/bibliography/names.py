"""Author lists: split BibTeX `and`, tell organisations, Vietnamese and Western persons apart."""

from __future__ import annotations

import re

from luanan.bibliography.model import BibEntry

_AND = re.compile(r"\s+and\s+", re.I)


def split_names(value: str) -> list[str]:
    return [name.strip() for name in _AND.split(value.strip()) if name.strip()]


def authors(entry: BibEntry) -> list[str]:
    return split_names(entry.get("author"))


def is_western_form(name: str) -> bool:
    """`Smith, John A.`, `V.I.Lênin`, `C.Mác`: a comma or initials mark a foreign person."""
    return "," in name or bool(re.search(r"(?:^|\s)[^\W\d_]{1,2}\.", name))
