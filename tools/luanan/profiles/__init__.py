"""Profiles: every layout and convention number, as YAML data shipped in the package.

A profile may `inherits:` another and override any of its fields; thesis.yaml may override any
field again under `profile_overrides:`. A field that the base profile does not have is an error
at its file and line, so a typo never silently does nothing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from luanan.errors import ConfigError
from luanan.yamlfile import key_lines, load_mapping

ROOT_PROFILE = "moet-classic"


@dataclass(frozen=True)
class Profile:
    name: str
    data: dict

    def __getitem__(self, key: str):
        return self.data[key]


def available_profiles() -> list[str]:
    folder = resources.files(__package__)
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_profile(
    name: str,
    asked_in: Path | None = None,
    line: int | None = None,
    overrides: dict | None = None,
    overrides_text: str = "",
) -> Profile:
    data = _profile_data(name, asked_in, line, seen=())
    if overrides:
        lines = key_lines(overrides_text)
        _merge(data, overrides, asked_in or Path("thesis.yaml"), ("profile_overrides",), lines)
    return Profile(name, data)


def _profile_data(name: str, asked_in: Path | None, line: int | None, seen: tuple[str, ...]) -> dict:
    if name not in available_profiles():
        known = ", ".join(available_profiles())
        raise ConfigError(f"unknown profile `{name}` (available: {known})", asked_in, line)
    if name in seen:
        raise ConfigError(f"profile `{name}` inherits from itself: {' -> '.join(seen + (name,))}", asked_in, line)
    path = Path(f"profiles/{name}.yaml")
    text = (resources.files(__package__) / f"{name}.yaml").read_text(encoding="utf-8")
    own = dict(load_mapping(text, path))
    parent = own.pop("inherits", None)
    if parent is None:
        return own
    data = _profile_data(parent, path, 1, seen + (name,))
    _merge(data, own, path, (), key_lines(text))
    return data


def _merge(base: dict, changes: dict, path: Path, prefix: tuple[str, ...], lines: dict) -> None:
    """Deep-merge `changes` into `base`; every key must already exist in `base`."""
    for key, value in changes.items():
        where = prefix + (key,)
        if key not in base:
            known = ", ".join(sorted(base))
            name = ".".join(k for k in where if k != "profile_overrides")
            raise ConfigError(f"unknown profile field `{name}` (known here: {known})", path, lines.get(where))
        if isinstance(base[key], dict) and isinstance(value, dict):
            _merge(base[key], value, path, where, lines)
        elif isinstance(base[key], dict) or (
            value is not None and base[key] is not None and not _same_kind(base[key], value)
        ):
            raise ConfigError(
                f"profile field `{key}` must be {type(base[key]).__name__}, not {type(value).__name__}",
                path,
                lines.get(where),
            )
        else:
            base[key] = copy.deepcopy(value)


def _same_kind(old, new) -> bool:
    numbers = (int, float)
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool)
    return (isinstance(old, numbers) and isinstance(new, numbers)) or type(old) is type(new)
