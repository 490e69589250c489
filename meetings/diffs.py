"""Readable differences between two versions of a case, word by word."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from meetings.richtext import plain_text

_WORDS = re.compile(r"\S+|\s+")


@dataclass
class FieldChange:
    label: str
    html: SafeString


def word_diff(old: str, new: str) -> SafeString:
    """``old`` → ``new`` as HTML with <del> and <ins> around the words that changed."""
    a, b = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(a[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(b[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped


def changes_between(
    model, older, newer, fields: list[str], labels: dict[str, str] | None = None
) -> list[FieldChange]:
    """The fields that differ between two historical records, each as a word diff.

    ``labels`` names fields as the page calls them where that is not the model's name.
    """
    labels = labels or {}
    changes = []
    for name in fields:
        before, after = getattr(older, name, "") if older else "", getattr(newer, name)
        if before == after:
            continue
        field = model._meta.get_field(name)
        text_before, text_after = _as_text(field, before), _as_text(field, after)
        label = labels.get(name, field.verbose_name)
        changes.append(FieldChange(str(label), word_diff(text_before, text_after)))
    return changes


def _as_text(field, value) -> str:
    if value is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "✓" if value else "–"
    if isinstance(value, str) and "<" in value:
        return plain_text(value)
    return str(value)
