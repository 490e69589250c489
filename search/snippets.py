"""A few lines of an entry's text around the words searched for, those words marked.

The text is the users' own: every piece is escaped, only our <mark> is markup. The same
marking serves both databases, and also marks a compound or an inflection that matched
("avtale" in "samarbeidsavtalen", "møtebok" in "møtebøker" by its first letters).
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 220
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _stems(words: list[str]) -> list[str]:
    # A typo or inflection shares the first letters: møtebok/møtebøker share "møteb".
    return [word[: max(4, len(word) - 2)] if len(word) > 4 else word for word in words]


def _is_hit(token: str, stems: list[str]) -> bool:
    token = token.lower()
    return any(stem in token for stem in stems)


def snippet(text: str, words: list[str], width: int = WIDTH) -> SafeString:
    stems = _stems(words)
    lowered = text.lower()
    positions = [lowered.find(stem) for stem in stems if stem in lowered]
    start = max(0, min(positions) - width // 3) if positions else 0
    window = text[start : start + width]
    pieces = ["…"] if start else []
    last = 0
    for found in TOKEN.finditer(window):
        if _is_hit(found.group(), stems):
            pieces.append(escape(window[last : found.start()]))
            pieces.append(f"<mark>{escape(found.group())}</mark>")
            last = found.end()
    pieces.append(escape(window[last:]))
    if start + width < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped
