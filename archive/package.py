"""The archive package of a group's year: a zip with a Noark 5 ``arkivstruktur.xml``.

``arkiv`` (the project) > ``arkivdel`` (the group) > a ``moetemappe`` per approved meeting,
written by the eInnsyn export's own builder (meetings.einnsyn.meeting_folder) from the minutes
as they are now approved, with both archive copies as the minutes document's files; then a
``saksmappe`` per agreement of the project signed that year, with its signed PDF. An exempt
case is its number, legal basis and ``skjerming``, as in eInnsyn: its text is in the internal
PDF/A copy only. ``sjekksummer.txt`` lists every other file with its SHA-256, in the form
``sha256sum -c`` reads.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.utils import timezone

from agreements.models import Agreement
from meetings import minutes_pdf, noark, selectors
from meetings.einnsyn import (
    INTERNAL_VARIANT,
    PUBLIC_VARIANT,
    MinutesFile,
    meeting_folder,
    system_id,
)
from meetings.models import Meeting, MinutesArchive, PublishedMinutes
from meetings.published import snapshot_of

XML_NAME = "arkivstruktur.xml"
CHECKSUMS_NAME = "sjekksummer.txt"
VARIANTS = {
    MinutesArchive.Version.INTERNAL: (INTERNAL_VARIANT, "intern"),
    MinutesArchive.Version.PUBLIC: (PUBLIC_VARIANT, "offentlig"),
}


@dataclass(frozen=True)
class Filed:
    """An approved meeting of the year with both archive copies of its approval in force."""

    meeting: Meeting
    approval: object
    copies: tuple[MinutesArchive, ...]


def approved_meetings(group, year: int):
    return (
        Meeting.objects.filter(
            group=group,
            starts_at__year=year,
            minutes_status=Meeting.MinutesStatus.APPROVED,
        )
        .select_related("group__project", "secretary", "chair")
        .order_by("starts_at", "pk")
    )


def sort_filed(group, year: int) -> tuple[list[Filed], list[Meeting]]:
    """The year's approved meetings: those with both archive copies, and those without."""
    filed, missing = [], []
    for meeting in approved_meetings(group, year):
        approval = minutes_pdf.current_approval(meeting)
        copies = tuple(approval.archive_copies.order_by("version")) if approval else ()
        if {copy.version for copy in copies} == set(VARIANTS):
            filed.append(Filed(meeting, approval, copies))
        else:
            missing.append(meeting)
    return filed, missing


def signed_agreements(group, year: int):
    return (
        Agreement.objects.filter(project=group.project, signed_at__year=year)
        .exclude(signed_pdf="")
        .order_by("signed_at", "pk")
    )


class Package:
    """The zip being written; ``add`` stores a file and remembers its checksum."""

    def __init__(self):
        self.buffer = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buffer, "w", compression=zipfile.ZIP_DEFLATED)
        self.checksums: list[tuple[str, str]] = []

    def add(self, name: str, data: bytes) -> MinutesFile:
        self.zip.writestr(name, data)
        sha256 = hashlib.sha256(data).hexdigest()
        self.checksums.append((sha256, name))
        return MinutesFile(reference=name, sha256=sha256, size=len(data), variant="")

    def close(self) -> bytes:
        listing = "".join(f"{sha256}  {name}\n" for sha256, name in self.checksums)
        self.zip.writestr(CHECKSUMS_NAME, listing)
        self.zip.close()
        return self.buffer.getvalue()


def build(group, year: int, *, by: str, progress=lambda done, total: None) -> tuple[bytes, int]:
    """The zip's bytes and how many meetings it holds; ``progress`` is told after each one."""
    filed, _missing = sort_filed(group, year)
    agreements = list(signed_agreements(group, year))
    total = len(filed) + len(agreements)
    package = Package()
    now = noark.when(timezone.now())
    project = group.project
    root = noark.root()
    noark.sub(root, "systemID", system_id("archive-package", group.pk, year))
    noark.sub(root, "tittel", project.name)
    noark.sub(root, "arkivstatus", "Avsluttet")
    noark.sub(root, "opprettetDato", now)
    noark.sub(root, "opprettetAv", by)
    creator = noark.sub(root, "arkivskaper")
    noark.sub(creator, "arkivskaperID", project.slug)
    noark.sub(creator, "arkivskaperNavn", project.name)
    part = noark.sub(root, "arkivdel")
    noark.sub(part, "systemID", system_id("group", group.pk))
    noark.sub(part, "tittel", f"{group.name} {year}")
    noark.sub(part, "arkivdelstatus", "Avsluttet periode")
    noark.sub(part, "opprettetDato", now)
    noark.sub(part, "opprettetAv", by)
    noark.sub(part, "arkivperiodeStartDato", f"{year}-01-01")
    noark.sub(part, "arkivperiodeSluttDato", f"{year}-12-31")
    for done, item in enumerate(filed, start=1):
        _meeting(part, package, item)
        progress(done, total)
    for done, agreement in enumerate(agreements, start=len(filed) + 1):
        _agreement(part, package, agreement, by=by, part_id=system_id("group", group.pk))
        progress(done, total)
    package.add(XML_NAME, noark.to_bytes(root))
    return package.close(), len(filed)


def _meeting(part, package: Package, item: Filed) -> None:
    meeting = item.meeting
    files = []
    for copy in item.copies:
        variant, word = VARIANTS[copy.version]
        with copy.file.open("rb") as handle:
            data = handle.read()
        name = f"dokumenter/moete-{meeting.pk}-{copy.minutes_version}-{word}.pdf"
        stored = package.add(name, data)
        files.append(MinutesFile(stored.reference, stored.sha256, stored.size, variant))
    # The minutes as approved, in the form the eInnsyn export reads (exempt cases stripped);
    # not saved: it is no publication.
    version = PublishedMinutes(
        meeting=meeting,
        number=item.copies[0].minutes_version,
        published_at=item.approval.at,
        approval=item.approval,
        snapshot=snapshot_of(meeting, decision_label=selectors.decision_label(meeting)),
    )
    meeting_folder(part, version, minutes_files=tuple(files))


def _agreement(part, package: Package, agreement, *, by: str, part_id: str) -> None:
    with agreement.signed_pdf.open("rb") as handle:
        data = handle.read()
    stored = package.add(f"avtaler/avtale-{agreement.pk}.pdf", data)
    signed = noark.when(agreement.signed_at)
    folder = noark.sub(part, "mappe", type_="saksmappe")
    folder_id = system_id("agreement", agreement.pk)
    noark.sub(folder, "systemID", folder_id)
    noark.sub(folder, "mappeID", agreement.document_number or f"avtale-{agreement.pk}")
    noark.sub(folder, "tittel", agreement.title)
    noark.sub(folder, "offentligTittel", agreement.title)
    noark.sub(folder, "beskrivelse", agreement.get_kind_display())
    noark.sub(folder, "dokumentmedium", "Elektronisk arkiv")
    noark.sub(folder, "opprettetDato", signed)
    noark.sub(folder, "opprettetAv", by)
    noark.sub(folder, "referanseArkivdel", part_id)
    registration = noark.sub(folder, "registrering")
    noark.sub(registration, "systemID", system_id("agreement-registration", agreement.pk))
    for name in ("opprettetDato", "arkivertDato"):
        noark.sub(registration, name, signed)
        noark.sub(registration, name.replace("Dato", "Av"), by)
    noark.sub(registration, "referanseArkivdel", part_id)
    document = noark.sub(registration, "dokumentbeskrivelse")
    noark.sub(document, "systemID", system_id("agreement-document", agreement.pk))
    noark.sub(document, "dokumenttype", "Avtale")  # the archive's word, not UI text
    noark.sub(document, "dokumentstatus", "Dokumentet er ferdigstilt")
    noark.sub(document, "tittel", agreement.title)
    noark.sub(document, "opprettetDato", signed)
    noark.sub(document, "opprettetAv", by)
    noark.sub(document, "dokumentmedium", "Elektronisk arkiv")
    noark.sub(document, "referanseArkivdel", part_id)
    noark.sub(document, "tilknyttetRegistreringSom", "Hoveddokument")
    noark.sub(document, "dokumentnummer", 1)
    noark.sub(document, "tilknyttetDato", signed)
    noark.sub(document, "tilknyttetAv", by)
    item = noark.sub(document, "dokumentobjekt")
    noark.sub(item, "versjonsnummer", 1)
    noark.sub(item, "variantformat", "Arkivformat")
    noark.sub(item, "format", "pdf")
    noark.sub(item, "opprettetDato", signed)
    noark.sub(item, "opprettetAv", by)
    noark.sub(item, "referanseDokumentfil", stored.reference)
    noark.sub(item, "sjekksum", stored.sha256)
    noark.sub(item, "sjekksumAlgoritme", "SHA-256")
    noark.sub(item, "filstoerrelse", stored.size)
    noark.sub(registration, "registreringsID", agreement.document_number or agreement.pk)
    noark.sub(registration, "tittel", agreement.title)
    noark.sub(folder, "saksdato", timezone.localdate(agreement.signed_at).isoformat())
    noark.sub(folder, "administrativEnhet", agreement.project.name)
    noark.sub(folder, "saksansvarlig", by)
    noark.sub(folder, "saksstatus", "Avsluttet")
