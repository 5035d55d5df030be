"""Messages in the user's language, through Python's gettext.

Messages are written in English in the code and wrapped for extraction (`make messages`):

    _("reference {number} is not in the bibliography").format(number=item.ref)
    ngettext("{count} error", "{count} errors", n).format(count=n)

Named placeholders, filled after the lookup (never an f-string inside `_()`). `N_()` only marks a
string for extraction; it is translated where it is shown (rule summaries are marked by the
`rule()` decorator's fourth argument, the extractor's keyword `rule:4`).

The Vietnamese catalogue is locale/vi/LC_MESSAGES/luanan.po, compiled to luanan.mo beside it
(committed; a test fails when it is stale). English is the code itself.

Which language: in a project, `language:` in thesis.yaml (`vi` by default); outside one (`luanan
new`, `--help`, `doctor` elsewhere) the locale (LC_ALL, LC_MESSAGES, LANG); English otherwise.
LUANAN_LANG overrides both. Codes (C101), JSON keys and SARIF structure never change.
"""

from __future__ import annotations

import gettext
import os
import re
import stat
from pathlib import Path

DOMAIN = "luanan"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "vi")  # English is the source; every other has a catalogue
ENVIRONMENT = "LUANAN_LANG"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_loaded: dict[str, gettext.NullTranslations] = {}


def _(message: str) -> str:
    """`message` in the current language (itself when it has no translation)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of the message for `count`, in the current language."""
    return _translations.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks `message` for extraction only; `_()` translates it where it is shown."""
    return message


def current_language() -> str:
    return _language


def use_language(code: str | None) -> str:
    """Speak `code` from now on (`vi`, `vi_VN.UTF-8`, `en`...; unknown ones are English)."""
    global _translations, _language
    language = supported(code) or "en"
    if language not in _loaded:
        _loaded[language] = (
            gettext.NullTranslations()
            if language == "en"
            else gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
        )
    _translations, _language = _loaded[language], language
    return language


def supported(code: str | None) -> str | None:
    """The supported language a code or locale name means, or None: `vi_VN.UTF-8` -> `vi`."""
    if not code:
        return None
    base = re.split(r"[_.@-]", code.strip().lower(), maxsplit=1)[0]
    return base if base in LANGUAGES else None


def from_environment() -> str | None:
    """LUANAN_LANG, when set: it overrides the project's language too."""
    value = os.environ.get(ENVIRONMENT, "").strip()
    return (supported(value) or "en") if value else None


def language_for(config_language: str | None) -> str:
    """The language of a project whose thesis.yaml says `language: config_language`."""
    return from_environment() or supported(config_language or "vi") or "en"


def language_outside_project() -> str:
    """LUANAN_LANG, else the locale (the first of LC_ALL, LC_MESSAGES, LANG that is set), else English."""
    chosen = from_environment()
    if chosen:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return supported(value) or "en"
    return "en"


_LANGUAGE_LINE = re.compile(r"""^language:[ \t]*["']?([A-Za-z_.@-]+)""", re.MULTILINE)


def language_of_folder(root: Path) -> str:
    """The language for commands run in `root`: its thesis.yaml's `language:` (read without
    loading the project, so that fatal errors in thesis.yaml are already in that language),
    or the language outside a project."""
    path = root / "thesis.yaml"
    try:  # a regular file only, and its first 64 KB: a FIFO or /dev/zero is the loader's to refuse
        if not stat.S_ISREG(path.stat().st_mode):
            return language_outside_project()
        with open(path, "rb") as stream:
            text = stream.read(65536).decode("utf-8", errors="replace")
    except OSError:
        return language_outside_project()
    found = _LANGUAGE_LINE.search(text)
    return language_for(found.group(1) if found else None)
