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
from luanan.i18n import _
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
        _check_templates(data, asked_in or Path("thesis.yaml"), lines)
    return Profile(name, data)


# The profile texts filled in with `str.format`, and the names each may use.
TEMPLATES: dict[tuple[str, ...], dict[str, object]] = {
    ("chapter_label",): {"number": "1"},
    ("appendix_label",): {"number": "1"},
    ("captions", "table"): {"chapter": "1", "n": 1},
    ("captions", "figure"): {"chapter": "1", "n": 1},
}


def _check_templates(data: dict, path: Path, lines: dict) -> None:
    for where, names in TEMPLATES.items():
        value: object = data
        for key in where:
            value = value.get(key) if isinstance(value, dict) else None
        if not isinstance(value, str):
            continue
        try:
            value.format(**names)
        except (IndexError, KeyError, ValueError, AttributeError) as exc:
            allowed = ", ".join("{" + n + "}" for n in names)
            raise ConfigError(
                _("profile field `{field}`: `{value}` cannot be filled in ({error}); it may use {allowed}").format(
                    field=".".join(where), value=value, error=f"{type(exc).__name__}: {exc}", allowed=allowed
                ),
                path,
                lines.get(("profile_overrides", *where)),
            ) from None


def _profile_data(name: str, asked_in: Path | None, line: int | None, seen: tuple[str, ...]) -> dict:
    if name not in available_profiles():
        known = ", ".join(available_profiles())
        raise ConfigError(
            _("unknown profile `{profile}` (available: {profiles})").format(profile=name, profiles=known),
            asked_in,
            line,
        )
    if name in seen:
        chain = " -> ".join(seen + (name,))
        raise ConfigError(
            _("profile `{profile}` inherits from itself: {chain}").format(profile=name, chain=chain), asked_in, line
        )
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
            raise ConfigError(
                _("unknown profile field `{field}` (known here: {known})").format(field=name, known=known),
                path,
                lines.get(where),
            )
        if isinstance(base[key], dict) and isinstance(value, dict):
            _merge(base[key], value, path, where, lines)
        elif isinstance(base[key], dict) or (
            value is not None and base[key] is not None and not _same_kind(base[key], value)
        ):
            raise ConfigError(
                _("profile field `{field}` must be {wanted}, not {found}").format(
                    field=key, wanted=type(base[key]).__name__, found=type(value).__name__
                ),
                path,
                lines.get(where),
            )
        elif isinstance(base[key], list) and base[key] and isinstance(value, list):
            for item in value:
                if not _same_kind(base[key][0], item):
                    raise ConfigError(
                        _("profile field `{field}`: each item must be {wanted}, not {found} (`{item}`)").format(
                            field=key, wanted=type(base[key][0]).__name__, found=type(item).__name__, item=item
                        ),
                        path,
                        lines.get(where),
                    )
            base[key] = copy.deepcopy(value)
        else:
            base[key] = copy.deepcopy(value)


def _same_kind(old, new) -> bool:
    numbers = (int, float)
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool)
    return (isinstance(old, numbers) and isinstance(new, numbers)) or type(old) is type(new)
