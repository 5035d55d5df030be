"""Source files as the author wrote them: decoded, NFC-normalised, with a line index.

Every position luanan reports is (line, column), 1-based, counted in code points of the NFC
text, so a file saved with a BOM, CRLF line ends or in NFD (macOS) gives the same columns.
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from luanan.errors import SourceError
from luanan.files import ReadRefused, read_limited
from luanan.i18n import _


@dataclass(frozen=True)
class SourceFile:
    path: Path  # as shown to the user (relative to the project when inside it)
    text: str  # NFC, "\n" line ends, no BOM
    line_starts: tuple[int, ...] = field(repr=False, default=())
    mixed_normalization: int | None = None  # first line not NFC, in a file that is not NFD either

    @classmethod
    def from_text(cls, path: Path, text: str) -> SourceFile:
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        mixed = None
        if not unicodedata.is_normalized("NFC", text) and not unicodedata.is_normalized("NFD", text):
            mixed = next(i for i, line in enumerate(text.split("\n"), 1) if not unicodedata.is_normalized("NFC", line))
        text = unicodedata.normalize("NFC", text)
        starts = itertools.accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0)
        return cls(path, text, tuple(starts), mixed)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a code-point offset into `text`."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]


def read_source(path: Path, shown_as: Path | None = None, kind: str = "") -> SourceFile:
    """Read a UTF-8 text file (a regular file, of at most the size luanan reads of its kind);
    anything else is a one-line fatal error naming file and line."""
    shown = shown_as or path
    kind = kind or ("thesis.yaml" if path.name == "thesis.yaml" else "chapter" if path.suffix == ".md" else "text")
    try:
        data = read_limited(path, kind)
    except ReadRefused as exc:
        raise SourceError(exc.message, shown) from None
    except FileNotFoundError:
        raise SourceError(_("file not found"), shown) from None
    except IsADirectoryError:
        raise SourceError(_("is a directory, not a file"), shown) from None
    except OSError as exc:
        raise SourceError(_("cannot read: {reason}").format(reason=exc.strerror), shown) from None
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise SourceError(_("not a text file (contains NUL bytes)"), shown, line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from luanan.vietnamese.encodings import ICONV_NAMES, guess_encoding

        line = data.count(b"\n", 0, exc.start) + 1
        guess = guess_encoding(data)
        raise SourceError(
            _("not valid UTF-8: it looks like {encoding}; convert it to UTF-8 (e.g. {command})").format(
                encoding=guess, command=f"iconv -f {ICONV_NAMES[guess]} -t UTF-8"
            ),
            shown,
            line,
        ) from None
    return SourceFile.from_text(shown, text)
