"""Members of a group from a CSV or XLSX file: read, check and match, one row at a time.

Nothing here writes. The first row names the columns (Norwegian or English: navn, tittel,
organisasjon, e-post, telefon, rolle, fra); only the name is required. Each row is matched
with a person by e-mail address (the register's key, so anywhere in it) and then by name
among the project's people, as pasted lists are (projects.roster). A cell is text, whatever
it starts with: a formula is never evaluated (XLSX is read without computing it).
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from projects.models import GroupMembership, Organisation, Person, ProjectGroup
from projects.roster import NAME_LENGTH, TITLE_LENGTH, normalised
from projects.selectors import people_for_project, seated_person_ids

MAX_ROWS = 500
MAX_BYTES = 2 * 1024 * 1024

COLUMNS = {
    "name": ("navn", "name", "fullt navn"),
    "title": ("tittel", "title", "stilling"),
    "organisation": ("organisasjon", "organisation", "organization", "kommune", "virksomhet"),
    "email": ("e-post", "epost", "e-postadresse", "email", "e-mail"),
    "phone": ("telefon", "phone", "mobil", "tlf"),
    "role": ("rolle", "role"),
    "start_date": ("fra", "fra dato", "fra-dato", "from", "from date", "from-date", "start"),
}
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y")


class ImportError_(Exception):
    """The file as a whole cannot be read; the message says why, for the user."""


@dataclass
class ImportRow:
    """One row of the file, checked: ``person`` is the match, or None for a new person."""

    number: int
    name: str
    title: str = ""
    organisation: Organisation | None = None
    email: str = ""
    phone: str = ""
    role: str = GroupMembership.Role.MEMBER
    start_date: datetime.date | None = None
    person: Person | None = None

    def role_label(self) -> str:
        return GroupMembership.Role(self.role).label


@dataclass
class Import:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def known(self) -> list[ImportRow]:
        return [row for row in self.rows if row.person is not None]

    @property
    def new(self) -> list[ImportRow]:
        return [row for row in self.rows if row.person is None]


# --- Reading the file into cells ------------------------------------------


def read_table(name: str, content: bytes) -> list[list[str]]:
    """The file's rows as lists of text cells (the header row first)."""
    if len(content) > MAX_BYTES:
        raise ImportError_(_("The file is larger than 2 MB; split it in smaller files."))
    if name.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    if name.lower().endswith((".csv", ".txt")):
        return _read_csv(content)
    raise ImportError_(_("Upload a CSV or XLSX file (Excel: “Save as” CSV or Excel workbook)."))


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell gives its text ("=…"), never a computed value.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = book.worksheets[0]
        rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportError_(_("The file cannot be read as an Excel workbook.")) from error
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel in Norway saves "CSV" as Windows-1252 unless told otherwise.
        text = content.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
        dialect.delimiter = ";" if text.count(";") > text.count(",") else ","
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise ImportError_(_("The file cannot be read as CSV.")) from error


# --- Checking and matching ------------------------------------------------


class _Problem(Exception):
    """What is wrong with one row, said after its "Rad N: "."""


def _header(cells: list[str]) -> dict[str, int]:
    wanted = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
    positions = {}
    for index, cell in enumerate(cells):
        key = wanted.get(" ".join(cell.split()).casefold().rstrip(":"))
        if key and key not in positions:
            positions[key] = index
    if "name" not in positions:
        raise ImportError_(_("The first row must name the columns, at least “navn” (name)."))
    return positions


# What minutes and sheets call the roles besides their labels in the portal.
ROLE_SYNONYMS = {
    "sekretær": GroupMembership.Role.SECRETARY,
    "tv": GroupMembership.Role.UNION_REPRESENTATIVE,
    "tillitsvalgt": GroupMembership.Role.UNION_REPRESENTATIVE,
    "htv": GroupMembership.Role.CHIEF_UNION_REPRESENTATIVE,
    "hovedtillitsvalgt": GroupMembership.Role.CHIEF_UNION_REPRESENTATIVE,
    "vo": GroupMembership.Role.SAFETY_REPRESENTATIVE,
    "verneombud": GroupMembership.Role.SAFETY_REPRESENTATIVE,
    "hovedverneombud": GroupMembership.Role.SAFETY_REPRESENTATIVE,
}


def _roles() -> dict[str, str]:
    """Each role by its code and its label in Norwegian and English (a sheet may use either)."""
    roles = dict(ROLE_SYNONYMS)
    for language in ("nb", "en"):
        with translation.override(language):
            for value, label in GroupMembership.Role.choices:
                roles[value] = value
                roles[str(label).casefold()] = value
    return roles


def _date(text: str) -> datetime.date | None:
    if not text:
        return None
    text = text.strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _Problem(_("the date “%(value)s” is not a date (write 1.9.2026).") % {"value": text})


def check(group: ProjectGroup, table: list[list[str]]) -> Import:
    """Check every row of ``table`` for ``group``; errors name the row as the sheet numbers it."""
    result = Import()
    rows = list(table)
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise ImportError_(_("The file is empty."))
    positions = _header(rows[0])
    body = rows[1:]
    if len([r for r in body if any(c.strip() for c in r)]) > MAX_ROWS:
        raise ImportError_(_("At most %(count)s rows at a time.") % {"count": MAX_ROWS})
    context = _Context(group)
    for number, cells in enumerate(body, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        try:
            result.rows.append(context.row(number, cells, positions))
        except _Problem as problem:
            result.errors.append(
                _("Row %(number)s: %(problem)s") % {"number": number, "problem": problem}
            )
    if not result.rows and not result.errors:
        result.errors.append(_("The file has no rows below the column names."))
    return result


class _Context:
    """What every row is checked against, loaded once."""

    def __init__(self, group: ProjectGroup):
        self.group = group
        self.roles = _roles()
        self.organisations = {
            normalised(o.name): o for o in Organisation.objects.only("id", "name", "kind")
        }
        self.by_name: dict[str, list[Person]] = {}
        for person in people_for_project(group.project):
            self.by_name.setdefault(normalised(person.name), []).append(person)
        self.seen_people: dict[int, int] = {}
        self.seen_new: dict[str, int] = {}
        self.seated_cache: dict[datetime.date | None, set[int]] = {}

    def seated(self, on: datetime.date | None) -> set[int]:
        if on not in self.seated_cache:
            self.seated_cache[on] = seated_person_ids(self.group, on=on)
        return self.seated_cache[on]

    def row(self, number: int, cells: list[str], positions: dict[str, int]) -> ImportRow:
        def cell(key):
            index = positions.get(key)
            if index is None or index >= len(cells):
                return ""
            return " ".join(cells[index].split())

        name, title, email, phone = cell("name"), cell("title"), cell("email"), cell("phone")
        if not name:
            raise _Problem(_("the name is missing."))
        if len(name) > NAME_LENGTH or len(title) > TITLE_LENGTH:
            raise _Problem(_("the name or title is longer than 200 characters."))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise _Problem(
                    _("the e-mail address “%(value)s” is not valid.") % {"value": email}
                ) from None
        if phone and not Person._meta.get_field("phone").validators[0].regex.match(phone):
            raise _Problem(_("the phone number “%(value)s” is not valid.") % {"value": phone})
        organisation = None
        if cell("organisation"):
            organisation = self.organisations.get(normalised(cell("organisation")))
            if organisation is None:
                raise _Problem(
                    _("the organisation “%(value)s” is not in the register.")
                    % {"value": cell("organisation")}
                )
        role = GroupMembership.Role.MEMBER
        if cell("role"):
            role = self.roles.get(cell("role").casefold())
            if role is None:
                raise _Problem(_("the role “%(value)s” is not known.") % {"value": cell("role")})
        start_date = _date(cell("start_date"))
        row = ImportRow(number, name, title, organisation, email, phone, role, start_date)
        row.person = self.match(row)
        return row

    def match(self, row: ImportRow) -> Person | None:
        person = None
        if row.email:
            person = Person.objects.filter(email__iexact=row.email).first()
        if person is None:
            matches = self.by_name.get(normalised(row.name), [])
            if len(matches) > 1:
                raise _Problem(
                    _("%(name)s matches %(count)s people; give their e-mail address.")
                    % {"name": row.name, "count": len(matches)}
                )
            if matches and row.email and matches[0].email:
                matches = []  # another address: another person of the same name
            person = matches[0] if matches else None
        if person is None:
            key = normalised(row.name) + "|" + row.email.casefold()
            if key in self.seen_new:
                raise _Problem(
                    _("%(name)s is also on row %(line)s.")
                    % {"name": row.name, "line": self.seen_new[key]}
                )
            self.seen_new[key] = row.number
            return None
        if person.pk in self.seated(row.start_date):
            raise _Problem(_("%(name)s already has a seat in the group.") % {"name": person.name})
        if person.pk in self.seen_people:
            raise _Problem(
                _("%(name)s is also on row %(line)s.")
                % {"name": person.name, "line": self.seen_people[person.pk]}
            )
        self.seen_people[person.pk] = row.number
        return person
