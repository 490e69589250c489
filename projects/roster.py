"""A list of people given at once: ticked among the project's people, or pasted one a line.

A secretary pastes the names from a Word table or an Excel sheet ("Kari Nordmann" or
"Kari Nordmann, rådgiver"; Word and Excel separate the cells with a tab). Each line is
matched by name with the people the project knows; a name it does not know is a new person.
Nothing here writes: the forms read the result to show a preview and their errors, and the
services take the entries to save.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from projects.models import Person

# A pasted list longer than this is more likely a wrong paste than a group.
MAX_LINES = 200
NAME_LENGTH = Person._meta.get_field("name").max_length
TITLE_LENGTH = Person._meta.get_field("title").max_length


@dataclass(frozen=True)
class NewPerson:
    """A person the project does not know yet, to be created with the batch."""

    name: str
    title: str = ""


@dataclass(frozen=True)
class Row:
    """One person of the batch: ``line`` is None for someone ticked in the list."""

    line: int | None
    name: str
    title: str = ""
    person: Person | None = None

    @property
    def entry(self) -> Person | NewPerson:
        return self.person or NewPerson(name=self.name, title=self.title)


@dataclass
class Batch:
    rows: list[Row] = field(default_factory=list)
    line_errors: list[str] = field(default_factory=list)
    choice_errors: list[str] = field(default_factory=list)

    @property
    def known(self) -> list[Row]:
        return [row for row in self.rows if row.person is not None]

    @property
    def new(self) -> list[Row]:
        return [row for row in self.rows if row.person is None]

    @property
    def entries(self) -> list[Person | NewPerson]:
        return [row.entry for row in self.rows]


def normalised(name: str) -> str:
    """Word's non-breaking spaces, doubled spaces and capitals do not make another name."""
    return " ".join(name.split()).casefold()


def _line_error(number: int, problem: str) -> str:
    return _("Line %(number)s: %(problem)s") % {"number": number, "problem": problem}


def _split(line: str) -> list[str]:
    """Cells of a pasted row: Word and Excel put tabs between them, a typed list a comma.

    Only the first comma counts, so a title may have commas of its own.
    """
    if "\t" in line:
        cells = line.split("\t")
        # A row copied from a wider sheet ends in empty cells; they carry nothing.
        while cells and not cells[-1].strip():
            cells.pop()
        return [" ".join(cell.split()) for cell in cells]
    return [" ".join(cell.split()) for cell in line.split(",", 1)]


def resolve(
    *,
    text: str,
    chosen: Iterable[Person],
    known: Sequence[Person],
    taken: set[int],
    taken_problem: str,
) -> Batch:
    """Match the pasted lines with ``known`` and check the whole batch.

    ``taken`` are the ids of people already in the group or meeting; ``taken_problem`` says
    so with a ``%(name)s``. Blank lines are skipped but counted, so "Linje 5" is the fifth
    line of the box as the secretary sees it.
    """
    batch = Batch()
    by_name: dict[str, list[Person]] = {}
    for person in known:
        by_name.setdefault(normalised(person.name), []).append(person)
    seen_people: dict[int, int | None] = {}
    seen_new: dict[str, int] = {}

    for person in chosen:
        if person.pk in taken:
            batch.choice_errors.append(taken_problem % {"name": person.name})
            continue
        seen_people[person.pk] = None
        batch.rows.append(Row(line=None, name=person.name, title=person.title, person=person))

    lines = text.splitlines()
    if sum(1 for line in lines if line.strip()) > MAX_LINES:
        batch.line_errors.append(
            _("Paste at most %(count)s names at a time.") % {"count": MAX_LINES}
        )
        return batch
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = _row(number, line, by_name, taken, taken_problem, seen_people, seen_new)
        except _Problem as problem:
            batch.line_errors.append(_line_error(number, str(problem)))
        else:
            batch.rows.append(row)
    return batch


class _Problem(Exception):
    """What is wrong with one line, said after its "Linje N: "."""


def _row(number, line, by_name, taken, taken_problem, seen_people, seen_new) -> Row:
    """The row of one non-blank line, noted as seen; _Problem when it cannot be one."""
    cells = _split(line)
    name, title = cells[0], (cells[1] if len(cells) > 1 else "")
    if len(cells) > 2:
        raise _Problem(
            _("give a name and at most a title, not %(count)s columns.") % {"count": len(cells)}
        )
    if not name:
        raise _Problem(_("the name is missing."))
    if len(name) > NAME_LENGTH:
        raise _Problem(_("the name is longer than %(limit)s characters.") % {"limit": NAME_LENGTH})
    if len(title) > TITLE_LENGTH:
        raise _Problem(
            _("the title is longer than %(limit)s characters.") % {"limit": TITLE_LENGTH}
        )
    key = normalised(name)
    matches = by_name.get(key, [])
    if len(matches) > 1:
        where = ", ".join(sorted(p.organisation.name if p.organisation else "–" for p in matches))
        raise _Problem(
            _("%(name)s matches %(count)s people (%(where)s); tick the right one in the list.")
            % {"name": name, "count": len(matches), "where": where}
        )
    if not matches:
        if key in seen_new:
            raise _Problem(_also_on(name, seen_new[key]))
        seen_new[key] = number
        return Row(line=number, name=name, title=title)
    person = matches[0]
    if person.pk in taken:
        raise _Problem(taken_problem % {"name": person.name})
    if person.pk in seen_people:
        raise _Problem(_also_on(person.name, seen_people[person.pk]))
    seen_people[person.pk] = number
    return Row(line=number, name=person.name, title=person.title, person=person)


def _also_on(name: str, line: int | None) -> str:
    if line is None:
        return _("%(name)s is also ticked in the list.") % {"name": name}
    return _("%(name)s is also on line %(line)s.") % {"name": name, "line": line}
