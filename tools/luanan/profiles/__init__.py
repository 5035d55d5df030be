"""Profiles: every layout and convention number, as YAML data shipped in the package."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from luanan.errors import ConfigError
from luanan.load.yamlfile import load_mapping


@dataclass(frozen=True)
class Profile:
    name: str
    data: dict

    def __getitem__(self, key: str):
        return self.data[key]


def available_profiles() -> list[str]:
    folder = resources.files(__package__)
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_profile(name: str, asked_in: Path | None = None, line: int | None = None) -> Profile:
    if name not in available_profiles():
        known = ", ".join(available_profiles())
        raise ConfigError(f"unknown profile `{name}` (available: {known})", asked_in, line)
    resource = resources.files(__package__) / f"{name}.yaml"
    data = load_mapping(resource.read_text(encoding="utf-8"), Path(f"profiles/{name}.yaml"))
    return Profile(name, dict(data))
