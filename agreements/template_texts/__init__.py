"""Agreement templates as the project's own data: numbered sections with named fill-ins.

A section's text names its fill-ins in braces, ``{nav_office}``. A ``Field`` is a blank the
parties fill in ("……….", "(fyll inn)"); a ``Choice`` is a "stryk det som ikke passer": one of
a few wordings is kept. A section may come in ``alternatives`` (the national template's two
wordings of the parties), one of which is chosen when the agreement is made.

Filling a template (agreements.drafting) puts in what the portal knows and leaves every other
fill-in in the text as a marker, ``[[Label]]``, which the parties replace later.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    name: str
    label: str


@dataclass(frozen=True)
class Choice:
    name: str
    label: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class Alternative:
    key: str
    label: str
    text: str


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    text: str = ""
    alternatives: tuple[Alternative, ...] = ()


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    kind: str
    sections: tuple[Section, ...]
    fields: tuple[Field | Choice, ...]
    note: str = ""
    by_name: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def choice_for_label(self, label: str) -> Choice | None:
        for item in self.fields:
            if isinstance(item, Choice) and item.label == label:
                return item
        return None


def get_template(key: str) -> Template | None:
    from agreements.template_texts.partnership import PARTNERSHIP

    return {PARTNERSHIP.key: PARTNERSHIP}.get(key)


def all_templates() -> list[Template]:
    from agreements.template_texts.partnership import PARTNERSHIP

    return [PARTNERSHIP]
