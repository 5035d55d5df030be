"""bibliography/abbreviations.yaml: abbreviation -> full form, for the list in the front matter."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from luanan.errors import ConfigError
from luanan.i18n import _
from luanan.source import read_source
from luanan.yamlfile import load_mapping

ABBREVIATIONS_NAME = "bibliography/abbreviations.yaml"
T = TypeVar("T")


def load_abbreviations(root: Path) -> tuple[dict[str, str], dict[str, int]]:
    """(abbreviation -> full form, abbreviation -> its line in the file)."""
    path = Path(ABBREVIATIONS_NAME)
    if not (root / path).is_file():
        return {}, {}
    mapping = load_mapping(read_source(root / path, path).text, path)
    for key, value in mapping.items():
        if not isinstance(value, str) or not str(key).strip():
            raise ConfigError(
                _("`{key}` must map to its full form as text").format(key=key), path, mapping.line_of(key)
            )
    return {str(key): value for key, value in mapping.items()}, {str(key): mapping.line_of(key) for key in mapping}


def sorted_abbreviations(abbreviations: dict[str, T]) -> list[tuple[str, T]]:
    """Vietnamese collation on the abbreviation, punctuation ignored (`KT-XH` as `KTXH`, `Đ`
    after `D`: spec §7)."""
    from luanan.vietnamese.collation import word_key

    return sorted(
        abbreviations.items(), key=lambda item: (word_key(item[0].replace("-", "").replace(",", "")), item[0])
    )
