"""Reading Word minutes (.docx) into what a meeting holds: the header, who came, the cases.

mammoth turns the document into semantic HTML (the notes and decisions, cleaned again by
``richtext`` when stored); python-docx reads the tables cell by cell, merged cells once.
Nothing here parses the .docx format itself. Every recognised piece says whether it is
``certain`` and why not, so the preview can mark what the secretary should look at.

The checks before reading (``check_docx``) refuse what must not be opened: the old .doc
format, macro documents, password-protected files (an encrypted OOXML file is an OLE
container, not a zip), zip bombs and members too large to unpack.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

import docx
import lxml.html
import mammoth
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.html import escape
from django.utils.translation import gettext as _

from meetings import attachments
from meetings.dates import parse_deadline
from meetings.richtext import sanitise

# A member of the package unpacked bigger than this is refused before anything reads it.
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
# Text and XML compress 5–20 times; a member over 100 times smaller than it unpacks is a bomb.
MAX_RATIO = 100
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


# --- Checking the file ------------------------------------------------------


def _refuse(message: str):
    raise ValidationError({"file": message})


def check_docx(upload: File) -> dict:
    """The attachment checks plus Word's own: the fields to keep, or a Norwegian reason."""
    name = attachments.clean_file_name(upload.name).lower()
    if name.endswith(".docm"):
        _refuse(_("Documents with macros (.docm) are not imported. Save it as .docx in Word."))
    upload.seek(0)
    head = upload.read(len(OLE_SIGNATURE))
    upload.seek(0)
    if head == OLE_SIGNATURE:
        if _is_encrypted(upload):
            _refuse(
                _(
                    "The file is password-protected. Remove the password in Word "
                    "(File → Info → Protect Document) and upload it again."
                )
            )
        _refuse(_("This is the old Word format (.doc). Open it in Word and save it as .docx."))
    if not name.endswith(".docx"):
        _refuse(_("Choose a Word document (.docx)."))
    checked = attachments.check_upload(upload)
    if checked["content_type"] != attachments.DOCX:
        _refuse(_("The file is not a Word document (.docx)."))
    _check_package(upload)
    upload.seek(0)
    return checked


def _is_encrypted(upload: File) -> bool:
    # The OLE directory names its streams in UTF-16; an encrypted OOXML file has this one.
    upload.seek(0)
    found = any(ENCRYPTED_STREAM in chunk for chunk in _overlapping_chunks(upload))
    upload.seek(0)
    return found


def _overlapping_chunks(upload: File, size: int = 1 << 20):
    tail = b""
    for chunk in upload.chunks(size):
        yield tail + chunk
        tail = chunk[-len(ENCRYPTED_STREAM) :]


def _check_package(upload: File) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            members = package.infolist()
            content_types = package.read("[Content_Types].xml") if _has(members, "[C") else b""
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError):
        _refuse(_("The file could not be read as a Word document. Is it damaged?"))
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            _refuse(
                _(
                    "The document unpacks to more than %(limit)s MB, more than any minutes need. "
                    "Remove large pictures or embedded files and try again."
                )
                % {"limit": MAX_MEMBER_BYTES // (1024 * 1024)}
            )
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            _refuse(_("The file is packed suspiciously tightly (a zip bomb?) and is not opened."))
    names = {member.filename for member in members}
    if "word/vbaProject.bin" in names or b"macroEnabled" in content_types:
        _refuse(_("Documents with macros (.docm) are not imported. Save it as .docx in Word."))
    if "word/document.xml" not in names:
        _refuse(_("The file could not be read as a Word document. Is it damaged?"))


def _has(members, prefix: str) -> bool:
    return any(member.filename.startswith(prefix) for member in members)


# --- What was recognised ----------------------------------------------------


@dataclass
class Piece:
    """A recognised value, whether the reader is sure of it, and why not."""

    value: object
    certain: bool = True
    reason: str = ""


@dataclass
class Attendee:
    name: str
    attendance: str  # Participant.Attendance values
    note: str = ""
    substitute_for: str = ""
    certain: bool = True
    reason: str = ""

    @property
    def attendance_label(self) -> str:
        from meetings.models import Participant

        return Participant.Attendance(self.attendance).label


@dataclass
class ActionRow:
    description: str
    responsible: str
    deadline_text: str
    deadline: datetime.date | None
    certain: bool = True
    reason: str = ""


@dataclass
class RecognisedCase:
    title: str
    number: int | None = None
    year: int | None = None
    kind: str = "decision"  # Case.Kind values
    presenter: str = ""
    notes: list[str] = field(default_factory=list)  # HTML blocks
    decision: list[str] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    source: list[str] = field(default_factory=list)  # the original text, a line per block
    certain: bool = True
    reason: str = ""

    @property
    def label(self) -> str:
        if self.number is None:
            return ""
        year = f"/{self.year % 100:02d}" if self.year else ""
        return f"{self.number}{year}"

    @property
    def notes_html(self) -> str:
        return sanitise("".join(self.notes))

    @property
    def decision_html(self) -> str:
        return sanitise("".join(self.decision))


@dataclass
class Minutes:
    title: Piece
    date: Piece
    starts: Piece
    ends: Piece
    place: Piece
    attendees: list[Attendee] = field(default_factory=list)
    secretary: str = ""
    cases: list[RecognisedCase] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # text before the first case, unread


# --- Reading ----------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januar", "jan"),
            ("februar", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("mai",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("desember", "des"),
        ],
        start=1,
    )
    for name in names
}
_WRITTEN_DATE = re.compile(r"\b(\d{1,2})\.?\s+(" + "|".join(MONTHS) + r")\.?\s+(\d{4})\b", re.I)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b")
_TIME_SPAN = re.compile(
    r"\b(?:kl\.?\s*)?(\d{1,2})[.:](\d{2})\s*(?:[-–]\s*(\d{1,2})[.:](\d{2}))?", re.I
)
_CASE = re.compile(r"^\s*Sak\s+(\d{1,3})(?:\s*/\s*(\d{2}|\d{4}))?\s*[.:\-–]?\s*(.*)$", re.I)
_PRESENTER = re.compile(r"^(.*?)[,\s]+ved\s+(.+)$", re.I)
_DECISION = re.compile(
    r"^\s*(Vedtak|Konklusjon|Konklusjoner|Beslutning)\s*[:;]\s*(.*)$", re.I | re.S
)


def _label(words: str) -> re.Pattern:
    return re.compile(rf"^\s*({words})\s*[:;]\s*(.*)$", re.I | re.S)


_LABELS = [
    (_label("Deltagere|Deltakere|Til stede|Tilstede|Møtende"), "present"),
    (_label("Meldt forfall|Forfall|Fravær"), "absent"),
    (_label("Fra administrasjonen"), "officer"),
    (_label("Gjester|Gjest|I siste del av møtet|Observatører"), "guest"),
    (_label("Referent|Sekretær"), "secretary"),
]
_AGENDA = re.compile(r"^\s*(Saksliste|Dagsorden)\s*[:;]?\s*$", re.I)
_PLACE = re.compile(r"^\s*(?:Sted|Møtested)\s*[:;]\s*(.+)$", re.I)
_VIDEO = re.compile(r"^\s*(?:Via|På)\s+(Teams|Zoom|Skype|video)\b", re.I)
_SUBSTITUTE = re.compile(r"^(.*?)\s*\(?\s*(?:vara|møtte)\s+for\s+([^)]+)\)?\s*$", re.I)
_NAME = re.compile(r"^[A-ZÆØÅ][\w\-'.]+(?:\s+(?:[A-ZÆØÅ][\w\-'.]+|von|van|de))+$")
_NAME_THEN = re.compile(r"^([A-ZÆØÅ][\w\-'.]+(?:\s+[A-ZÆØÅ][\w\-'.]+)+)\s*[,(]?\s*(.*?)\)?$")
_PROSE_ACTION = re.compile(
    r"^(?P<who>[A-ZÆØÅ][\w\-]+(?:\s+[A-ZÆØÅ][\w\-]+){0,3})\s+"
    r"(?P<verb>tar ansvar for|har ansvar for|følger opp|skal sende|sender|sjekker"
    r"|får i oppgave å)\s+"
    r"(?P<what>.+)$"
)
ACTION_HEADERS = ("konklusjon", "tiltak", "oppfølging", "oppgave", "hva")


def _text(element) -> str:
    return " ".join(element.text_content().split())


def read_minutes(upload: File) -> Minutes:
    """What the document holds, as far as it can be recognised; never raises on its text."""
    upload.seek(0)
    data = upload.read()
    try:
        html = mammoth.convert_to_html(io.BytesIO(data)).value
        tables = docx.Document(io.BytesIO(data)).tables
    except Exception as error:
        raise ValidationError(
            {"file": _("The file could not be read as a Word document. Is it damaged?")}
        ) from error
    blocks = lxml.html.fragments_fromstring(html) if html.strip() else []
    return _Reader(blocks, tables).read()


class _Reader:
    def __init__(self, blocks, tables):
        self.blocks = [block for block in blocks if not isinstance(block, str)]
        self.tables = list(tables)
        self.agenda: list[str] = []
        self.minutes = Minutes(
            title=Piece("", False, _("No title found.")),
            date=Piece(None, False, _("No date found in the header.")),
            starts=Piece(None, False, _("No time found; the meeting is kept as a day.")),
            ends=Piece(None, True),
            place=Piece("", True),
        )
        self.case: RecognisedCase | None = None
        self.in_decision = False
        self.open_label: str | None = None

    def read(self) -> Minutes:
        table_index = 0
        for block in self.blocks:
            if block.tag == "table":
                rows = self.tables[table_index] if table_index < len(self.tables) else None
                table_index += 1
                self._table(block, rows)
                continue
            if block.tag in ("ul", "ol"):
                self._list(block)
                continue
            text = _text(block)
            if text:
                self._paragraph(block, text, heading=block.tag in ("h1", "h2", "h3"))
        self._prose_actions()
        return self.minutes

    # --- blocks

    def _paragraph(self, block, text: str, *, heading: bool) -> None:
        html = lxml.html.tostring(block, encoding="unicode")
        if self.case is None and self._header_line(text, heading=heading):
            return
        if self.case is None and self._attendance_line(text):
            return
        if _AGENDA.match(text):
            self.open_label = "agenda"
            return
        if self._case_heading(text, heading=heading):
            return
        if self.case is None:
            if self.open_label in ("present", "absent", "guest", "officer") and _NAME.match(text):
                self._attendees(text, self.open_label)
                return
            self.minutes.unplaced.append(text)
            return
        self.case.source.append(text)
        if match := _DECISION.match(text):
            self.in_decision = True
            rest = match.group(2).strip()
            if rest:
                self.case.decision.append(f"<p>{escape(rest)}</p>")
            return
        (self.case.decision if self.in_decision else self.case.notes).append(html)

    def _list(self, block) -> None:
        items = [_text(item) for item in block.iter("li")]
        if self.case is None and self.open_label == "agenda":
            self.agenda.extend(item for item in items if item)
            return
        if self.case is None and self.open_label in ("present", "absent", "guest", "officer"):
            for item in items:
                self._attendees(item, self.open_label)
            return
        html = lxml.html.tostring(block, encoding="unicode")
        if self.case is None:
            self.minutes.unplaced.extend(items)
            return
        self.case.source.extend(f"· {item}" for item in items)
        (self.case.decision if self.in_decision else self.case.notes).append(html)

    def _table(self, block, table) -> None:
        rows = _table_rows(table) if table is not None else []
        if rows and _is_action_header(rows[0]):
            if self.case is None:
                self._start_case(
                    _("Action items"),
                    certain=False,
                    reason=_("An action table before any case: check which case it belongs to."),
                )
            for row in rows[1:]:
                self._action_row(row)
            self.case.source.extend(" | ".join(row) for row in rows)
            self.in_decision = False
            return
        if self.case is None and self._header_table(rows):
            return
        text = " ".join(_text(block).split())
        if self.case is None:
            self.minutes.unplaced.append(text)
            return
        self.case.source.extend(" | ".join(row) for row in rows)
        self.case.notes.append(lxml.html.tostring(block, encoding="unicode"))

    # --- the header

    def _header_line(self, text: str, *, heading: bool) -> bool:
        title = self.minutes.title
        first = not self.minutes.attendees and not self.agenda and not self.minutes.unplaced
        if first and not title.value and not _CASE.match(text) and not _LABELS_MATCH(text):
            words = text.lower()
            looks = any(word in words for word in ("referat", "møte", "protokoll"))
            self.minutes.title = Piece(
                text[:200],
                looks,
                "" if looks else _("The first line does not say it is minutes."),
            )
            self._find_date_and_time(text)
            return True
        if not self.minutes.date.value and self._find_date_and_time(text) and len(text) < 80:
            return True
        if match := _PLACE.match(text):
            self.minutes.place = Piece(match.group(1).strip())
            return True
        if match := _VIDEO.match(text):
            self.minutes.place = Piece(match.group(1).strip())
            return True
        return False

    def _find_date_and_time(self, text: str) -> bool:
        found = False
        if self.minutes.date.value is None:
            date = _date_in(text)
            if date is not None:
                self.minutes.date = Piece(date)
                found = True
        if self.minutes.starts.value is None:
            without_dates = _NUMERIC_DATE.sub(" ", text)
            if match := _TIME_SPAN.search(without_dates):
                start = _time(match.group(1), match.group(2))
                if start is not None:
                    self.minutes.starts = Piece(start)
                    if match.group(3):
                        self.minutes.ends = Piece(_time(match.group(3), match.group(4)))
                    found = True
        return found

    def _header_table(self, rows: list[list[str]]) -> bool:
        """A header laid out as a table: "Sted | …", "Møtedato | …", "Referent | …"."""
        used = False
        for row in rows:
            if len(row) < 2:
                continue
            label, value = row[0], " ".join(row[1:])
            line = f"{label}: {value}"
            if self._attendance_line(line) or _PLACE.match(line):
                if match := _PLACE.match(line):
                    self.minutes.place = Piece(match.group(1).strip())
                used = True
            elif label.lower().startswith(("dato", "møtedato", "tid")):
                used = self._find_date_and_time(value) or used
        return used

    # --- attendance

    def _attendance_line(self, text: str) -> bool:
        for pattern, attendance in _LABELS:
            if match := pattern.match(text):
                rest = match.group(2).strip().rstrip(".")
                if attendance == "secretary":
                    self.minutes.secretary = (
                        _NAME_THEN.match(rest).group(1) if _NAME_THEN.match(rest) else rest
                    )
                    return True
                self.open_label = attendance
                if rest:
                    self._attendees(rest, attendance)
                return True
        return False

    def _attendees(self, text: str, attendance: str) -> None:
        for part in _split_names(text):
            self.minutes.attendees.append(_attendee(part, attendance))

    # --- cases

    def _case_heading(self, text: str, *, heading: bool) -> bool:
        if match := _CASE.match(text):
            number, year, title = int(match.group(1)), match.group(2), match.group(3).strip()
            presenter = ""
            if presented := _PRESENTER.match(title):
                title, presenter = presented.group(1).strip(" ,"), presented.group(2).strip()
            certain, reason = True, ""
            if year is None:
                certain, reason = False, _("The number has no year; the meeting's year is used.")
            if not title:
                certain, reason = False, _("The case has no title.")
            self._start_case(title or _("Case %(number)s") % {"number": number}, certain, reason)
            self.case.number = number
            self.case.year = (2000 + int(year) if len(year) == 2 else int(year)) if year else None
            self.case.presenter = presenter
            self.case.kind = _kind_of(title)
            return True
        lowered = text.lower().strip(" :")
        if lowered in ("eventuelt", "orienteringssaker", "orienteringer"):
            self._start_case(text.strip(" :"))
            self.case.kind = _kind_of(lowered)
            return True
        in_agenda = next((item for item in self.agenda if item.lower() == lowered), None)
        if in_agenda is not None:
            self._start_case(in_agenda)
            self.case.kind = _kind_of(lowered)
            return True
        # "Tilbake til sakslista og HR Prosjekt – …": a paragraph naming an agenda item.
        mentioned = next(
            (item for item in self.agenda if len(item) > 8 and item.lower() in lowered), None
        )
        if mentioned is not None and len(text) < 2 * len(mentioned) + 40:
            self._start_case(
                mentioned, False, _("The heading names an agenda item with other words around it.")
            )
            return True
        if heading:
            self._start_case(text, False, _("A heading, but not numbered as a case."))
            return True
        return False

    def _start_case(self, title: str, certain: bool = True, reason: str = "") -> None:
        self.case = RecognisedCase(title=title[:300], certain=certain, reason=reason)
        self.case.source.append(title)
        self.minutes.cases.append(self.case)
        self.in_decision = False
        self.open_label = None

    def _action_row(self, row: list[str]) -> None:
        cells = list(row)
        description = cells[0] if cells else ""
        responsible = cells[1] if len(cells) > 1 else ""
        deadline_text = cells[2] if len(cells) > 2 else ""
        if not description:
            return
        certain, reason = True, ""
        if len(set(row)) < len(row) and len(set(row)) == 1:
            certain, reason = False, _("A merged row: no responsible or deadline of its own.")
            responsible = deadline_text = ""
        if not responsible:
            certain, reason = False, _("Nobody is named as responsible.")
        self.case.actions.append(
            ActionRow(description, responsible, deadline_text, None, certain, reason)
        )

    def _prose_actions(self) -> None:
        """ "Ole Frode tar ansvar for å …": an action item written as a sentence."""
        for case in self.minutes.cases:
            if case.actions:
                continue
            for line in case.source[1:]:
                for sentence in re.split(r"(?<=[.!])\s+", line):
                    if match := _PROSE_ACTION.match(sentence.strip()):
                        case.actions.append(
                            ActionRow(
                                sentence.strip().rstrip("."),
                                match.group("who"),
                                "",
                                None,
                                False,
                                _("Read from a sentence, not a table."),
                            )
                        )


def _LABELS_MATCH(text: str) -> bool:
    return any(pattern.match(text) for pattern, _kind in _LABELS) or bool(_AGENDA.match(text))


def _kind_of(title: str) -> str:
    lowered = title.lower()
    if lowered.startswith("eventuelt"):
        return "any_other_business"
    if lowered.startswith("orientering"):
        return "information"
    return "decision"


def _table_rows(table) -> list[list[str]]:
    """Each row's cells, a horizontally merged cell once (python-docx repeats it per column)."""
    rows = []
    for row in table.rows:
        cells, seen = [], []
        for cell in row.cells:
            if any(cell._tc is other for other in seen):
                continue
            seen.append(cell._tc)
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            # Pad a merged row to the table's width with its own text, marking it as merged.
            width = len(table.columns)
            rows.append(cells + [cells[-1]] * (width - len(cells)) if len(cells) == 1 else cells)
    return rows


def _is_action_header(row: list[str]) -> bool:
    lowered = [cell.lower() for cell in row]
    return (
        len(row) >= 2
        and any(cell.startswith(ACTION_HEADERS) for cell in lowered[:1])
        and any("ansvar" in cell for cell in lowered)
    )


def _split_names(text: str) -> list[str]:
    parts = []
    for chunk in re.split(r"[;\n]", text):
        for piece in re.split(r",\s*|\s+og\s+", chunk):
            piece = piece.strip(" .")
            if piece:
                parts.append(piece)
    return _rejoin_roles(parts)


def _rejoin_roles(parts: list[str]) -> list[str]:
    """ "Espen Strøm, hovedtillitsvalgt": a lower-case piece is the role of the name before."""
    joined: list[str] = []
    for piece in parts:
        first = piece.split()[0] if piece.split() else ""
        # "NAV Lurøy", "KS", "Hemnes kommune": where the person before works, not a person.
        where = (first.isupper() and len(first) > 1) or "kommune" in piece.lower()
        role = piece[:1].islower() and not piece.lower().startswith(("vara ", "møtte "))
        if joined and (role or where):
            joined[-1] = f"{joined[-1]}, {piece}"
        else:
            joined.append(piece)
    return joined


def _attendee(text: str, attendance: str) -> Attendee:
    substitute_for = ""
    if match := _SUBSTITUTE.match(text):
        text, substitute_for = match.group(1).strip(" ,("), match.group(2).strip()
        attendance = "substitute"
    if _NAME.match(text):
        return Attendee(text, attendance, substitute_for=substitute_for)
    if match := _NAME_THEN.match(text):
        note = match.group(2).strip(" ,")
        return Attendee(match.group(1), attendance, note=note, substitute_for=substitute_for)
    return Attendee(
        text[:200],
        attendance,
        substitute_for=substitute_for,
        certain=False,
        reason=_("Does not read as a person's name."),
    )


def _date_in(text: str) -> datetime.date | None:
    try:
        if match := _WRITTEN_DATE.search(text):
            day, month, year = match.groups()
            return datetime.date(int(year), MONTHS[month.lower()], int(day))
        if match := _NUMERIC_DATE.search(text):
            day, month, year = match.groups()
            full = 2000 + int(year) if len(year) == 2 else int(year)
            return datetime.date(full, int(month), int(day))
    except ValueError:
        return None
    return None


def _time(hours: str, minutes: str) -> datetime.time | None:
    try:
        return datetime.time(int(hours), int(minutes))
    except ValueError:
        return None


def resolve_deadlines(minutes: Minutes) -> None:
    """Deadlines as dates, counted from the meeting's day ("uke 51" → that week's Friday)."""
    day = minutes.date.value or datetime.date.today()
    for case in minutes.cases:
        for row in case.actions:
            if not row.deadline_text:
                continue
            try:
                row.deadline = parse_deadline(row.deadline_text, today=day)
            except ValidationError:
                row.certain = False
                row.reason = _("The deadline is not a date or a week; it is kept as written.")
