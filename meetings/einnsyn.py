"""A published meeting as eInnsyn XML: the Noark 5 meeting model eInnsyn takes.

eInnsyn, the national public-access portal, and a municipality's archive take meetings as
``arkiv`` > ``arkivdel`` > ``mappe`` of type ``moetemappe`` (the meeting: committee, date, place,
participants), with a ``moetesaksregistrering`` per case and a ``moetedokumentregistrering`` for
the minutes document (schema: difi/einnsyn-datamodell, copied to tests/fixtures/einnsyn/).

Built from the published version alone (``meetings.published``), like the public page: a
draft made after publishing is not in it, and an exempt case is its number, the public title
and the legal basis; its own title and text are not in the snapshot, so they cannot be here.
The group and project come from the live rows, as on the public page.

The element order is the schema's (a sequence): each builder below writes its fields in that
order. Code-list values ("Politisk sak", "Elektronisk arkiv") are the schema's own Norwegian
words, not UI text, so they are not translated.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from meetings import decision_links
from meetings.models import MinutesArchive, PublishedMinutes
from meetings.noark import NS, XSI
from meetings.noark import q as _q
from meetings.noark import sub as _sub
from meetings.noark import when as _when
from meetings.richtext import plain_text
from projects.models import ProjectGroup

ELECTRONIC = "Elektronisk arkiv"
FINISHED = "Dokumentet er ferdigstilt"
IN_PROGRESS = "Dokumentet er under redigering"
MAIN_DOCUMENT = "Hoveddokument"
ATTACHMENT = "Vedlegg"
# The schema's case types; ours map onto the nearest. A decision case is one the body
# itself decides ("Politisk sak" in eInnsyn's words), a briefing is an "Orienteringssak".
CASE_TYPES = {"decision": "Politisk sak", "information": "Orienteringssak"}
OTHER_CASE_TYPE = "Annet"
# The whole title is replaced by the public title; of the code list's values this is the
# one that tells the receiver to show ``offentligTittel`` instead of ``tittel``.
SCREENED_TITLE = "Skjerming tittel registrering - utvalgte ord"
WHOLE_DOCUMENT = "Skjerming av hele dokumentet"
RESTRICTED = "Unntatt etter offentleglova"
NOT_KNOWN = "N/A"  # what eInnsyn's own examples write where a value is not known


def meeting_xml(version: PublishedMinutes) -> bytes:
    """The version as an eInnsyn ``arkiv`` document, UTF-8 with an XML declaration."""
    export = _Export.of(version)
    root = etree.Element(_q("arkiv"), nsmap={None: NS, "xsi": XSI})
    project = export.project
    _sub(root, "systemID", export.uuid("project", project.pk))
    _sub(root, "tittel", project.name)
    _sub(root, "arkivstatus", "Opprettet")
    _sub(root, "opprettetDato", export.published)
    _sub(root, "opprettetAv", export.by)
    creator = _sub(root, "arkivskaper")
    _sub(creator, "arkivskaperID", project.slug)
    _sub(creator, "arkivskaperNavn", project.name)
    part = _sub(root, "arkivdel")
    _sub(part, "systemID", export.part_id)
    _sub(part, "tittel", export.group.name)
    _sub(part, "arkivdelstatus", "Aktiv periode")
    _sub(part, "opprettetDato", export.published)
    _sub(part, "opprettetAv", export.by)
    _meeting_folder(part, export)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@dataclass(frozen=True)
class MinutesFile:
    """The minutes document as a file handed over with the XML (the archive package)."""

    reference: str  # its path inside the package
    sha256: str
    size: int
    variant: str  # the schema's variantformat


# The internal archive copy has every case in full: the archive body keeps the record, and the
# case's screening tells it what not to give out. The public copy is what it may give out.
INTERNAL_VARIANT = "Arkivformat"
PUBLIC_VARIANT = "Dokument hvor deler av innholdet er skjermet"


def meeting_folder(part, version: PublishedMinutes, *, minutes_files: tuple[MinutesFile, ...]):
    """The meeting as a ``moetemappe`` in ``part``, for an archive package: the minutes
    document's files are ``minutes_files``; attachments, not in the package, are left out."""
    _meeting_folder(part, _Export.of(version, minutes_files=minutes_files))


def system_id(*parts) -> str:
    # The same row gets the same identifier in every export, so a receiver updates the
    # meeting it already has when the minutes are published again.
    name = "/".join([settings.PORTAL_URL, "einnsyn", *map(str, parts)])
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


@dataclass(frozen=True)
class _Export:
    version: PublishedMinutes
    data: dict
    group: ProjectGroup
    published: str
    by: str
    minutes_files: tuple[MinutesFile, ...] = ()

    @classmethod
    def of(cls, version: PublishedMinutes, *, minutes_files=()) -> _Export:
        data = version.snapshot
        return cls(
            version=version,
            data=data,
            group=version.meeting.group,
            published=_when(version.published_at),
            # The secretary is named in the published minutes; the publishing user is not.
            by=data["meeting"]["secretary"] or "Samarbeid",
            minutes_files=minutes_files,
        )

    @property
    def with_attachments(self) -> bool:
        return not self.minutes_files

    @property
    def project(self):
        return self.group.project

    @property
    def meeting_id(self) -> int:
        return self.version.meeting_id

    @property
    def part_id(self) -> str:
        return self.uuid("group", self.group.pk)

    def uuid(self, *parts) -> str:
        return system_id(*parts)

    def url(self, name: str, *args) -> str:
        return f"{settings.PORTAL_URL}{reverse(name, args=args)}"


def _meeting_folder(part, export: _Export) -> None:
    meeting = export.data["meeting"]
    folder = _sub(part, "mappe", type_="moetemappe")
    folder_id = export.uuid("meeting", export.meeting_id)
    _sub(folder, "systemID", folder_id)
    _sub(folder, "mappeID", folder_id)
    _sub(folder, "tittel", meeting["title"])
    _sub(folder, "offentligTittel", meeting["title"])
    if not export.version.approved:
        _sub(folder, "beskrivelse", _("Not approved"))
    _sub(folder, "dokumentmedium", ELECTRONIC)
    _sub(folder, "opprettetDato", export.published)
    _sub(folder, "opprettetAv", export.by)
    _sub(folder, "referanseArkivdel", export.part_id)
    _minutes_document(folder, export)
    attachments = export.data["attachments"] if export.with_attachments else []
    for number, attachment in enumerate(attachments, start=1):
        _meeting_attachment(folder, export, attachment, number)
    for case in export.data["cases"]:
        _case(folder, export, case)
    _sub(folder, "utvalg", export.group.name)
    _sub(folder, "moetedato", _when(meeting["starts_at"]))
    place = _place(meeting)
    if place:
        _sub(folder, "moetested", place)
    for name, function in _participants(export.data):
        person = _sub(folder, "moetedeltaker")
        _sub(person, "moetedeltakerNavn", name)
        if function:
            _sub(person, "moetedeltakerFunksjon", function)


def _place(meeting: dict) -> str:
    place = ", ".join(filter(None, [meeting["room"], meeting["address"]]))
    if meeting["video_link"]:
        place = " · ".join(filter(None, [place, _("Video meeting")]))
    return place


def _participants(data: dict) -> list[tuple[str, str]]:
    """Who took part, with their function as the minutes word it; not those absent."""
    meeting = data["meeting"]
    people = [(meeting["secretary"], _("Secretary"))] if meeting["secretary"] else []
    for p in data["participants"]:
        if p.get("secretary") or p["attendance"] == "absent":
            continue
        parts = [p["role"], p["organisation"]]
        if p["name"] == meeting["chair"]:
            parts.insert(0, _("Chair"))
        if p["attendance"] == "substitute" and p["substitute_for"]:
            parts.append(_("attended for %(name)s") % {"name": p["substitute_for"]})
        elif p["attendance"] == "officer":
            parts.insert(0, _("From the administration"))
        elif p["attendance"] == "guest":
            parts.insert(0, _("Guest"))
        if p["attendance"] in ("officer", "guest"):
            parts.append(p["note"])
        people.append((p["name"], ", ".join(filter(None, parts))))
    return people


def _registration(folder, export: _Export, kind: str, system_id: str):
    """The fields every ``registrering`` opens with, in the schema's order."""
    registration = _sub(folder, "registrering", type_=kind)
    _sub(registration, "systemID", system_id)
    _sub(registration, "opprettetDato", export.published)
    _sub(registration, "opprettetAv", export.by)
    _sub(registration, "arkivertDato", export.published)
    _sub(registration, "arkivertAv", export.by)
    _sub(registration, "referanseArkivdel", export.part_id)
    return registration


def _minutes_document(folder, export: _Export) -> None:
    version = export.version
    system_id = export.uuid("minutes", export.meeting_id, version.number)
    registration = _registration(folder, export, "moetedokumentregistrering", system_id)
    title = _("Minutes")
    status = FINISHED if version.approved else IN_PROGRESS
    document_id = export.uuid("minutes-document", export.meeting_id, version.number)
    document = _document(registration, export, document_id, "Protokoll", status, title, number=1)
    for own in export.minutes_files:
        checksum = (own.sha256, own.size)
        _file(document, export, url=own.reference, version=version.number, variant=own.variant,
              file_format="pdf", checksum=checksum)  # fmt: skip
    if not export.minutes_files:
        _file(
            document,
            export,
            url=export.url("meetings:public_minutes_pdf", export.meeting_id),
            version=version.number,
            variant=_minutes_variant(export),
            file_format="pdf",
            checksum=_archive_checksum(version),
        )
    _sub(registration, "registreringsID", f"{export.meeting_id}-{version.number}")
    _sub(registration, "tittel", title)
    _sub(registration, "offentligTittel", title)
    if not version.approved:
        _sub(registration, "beskrivelse", _("Not approved"))
    _sub(registration, "dokumentmedium", ELECTRONIC)
    _sub(registration, "moetedokumentregistreringstype", "Protokoll")


def _minutes_variant(export: _Export) -> str:
    if any(case["exempt"] for case in export.data["cases"]):
        # The public PDF names exempt cases by number and legal basis only.
        return "Dokument hvor deler av innholdet er skjermet"
    # Approved minutes are served as their PDF/A archive copy.
    return "Arkivformat" if export.version.approved else "Produksjonsformat"


def _archive_checksum(version: PublishedMinutes) -> tuple[str, int] | None:
    """SHA-256 and size of the public archive copy the public PDF serves, once it is filed."""
    if version.approval_id is None:
        return None
    archive = (
        MinutesArchive.objects.filter(
            approval_id=version.approval_id, version=MinutesArchive.Version.PUBLIC
        )
        .only("sha256", "size")
        .first()
    )
    return (archive.sha256, archive.size) if archive else None


def _meeting_attachment(folder, export: _Export, attachment: dict, number: int) -> None:
    system_id = export.uuid("attachment", attachment["id"])
    registration = _registration(folder, export, "moetedokumentregistrering", system_id)
    _attachment_document(registration, export, attachment, number, as_part=MAIN_DOCUMENT)
    _sub(registration, "registreringsID", f"{export.meeting_id}-{ATTACHMENT.lower()}-{number}")
    _sub(registration, "tittel", attachment["title"])
    _sub(registration, "offentligTittel", attachment["title"])
    _sub(registration, "dokumentmedium", ELECTRONIC)
    _sub(registration, "moetedokumentregistreringstype", "Annet")


def _case(folder, export: _Export, case: dict) -> None:
    system_id = export.uuid("case", case["id"])
    registration = _registration(folder, export, "moetesaksregistrering", system_id)
    if case["exempt"]:
        _screening(registration, case["legal_basis"])
        # The snapshot holds nothing more of the case: this is all there is to write.
        title = _("Exempt from public access")
    else:
        title = case["title"]
        attachments = case["attachments"] if export.with_attachments else []
        for number, attachment in enumerate(attachments, start=1):
            _attachment_document(registration, export, attachment, number, as_part=ATTACHMENT)
    year = case["year"] or timezone.localtime(export.version.starts_at).year
    # Published agendas are numbered (publishing settles them); 0 only for a version frozen
    # from minutes published before numbers were given out, which the schema still needs.
    number = case["number"] or 0
    _sub(registration, "registreringsID", f"{number}/{year % 100:02d}")
    _sub(registration, "tittel", title)
    _sub(registration, "offentligTittel", title)
    description = "" if case["exempt"] else _case_description(export, case)
    if description:
        _sub(registration, "beskrivelse", description)
    _sub(registration, "dokumentmedium", ELECTRONIC)
    kind = OTHER_CASE_TYPE if case["exempt"] else CASE_TYPES.get(case["kind"], OTHER_CASE_TYPE)
    _sub(registration, "moetesakstype", kind)
    if export.data["meeting"]["status"] == "held":
        _sub(registration, "moeteregistreringsstatus", "Behandlet i møte")
    if not case["exempt"] and case["presenter"]:
        _sub(registration, "saksbehandler", case["presenter"])
    _sub(registration, "moetesaksaar", year)
    _sub(registration, "moetesakssekvensnummer", number)


def _screening(registration, legal_basis: str) -> None:
    screening = _sub(registration, "skjerming")
    _sub(screening, "tilgangsrestriksjon", RESTRICTED)
    _sub(screening, "skjermingshjemmel", legal_basis)
    _sub(screening, "skjermingMetadata", SCREENED_TITLE)
    _sub(screening, "skjermingDokument", WHOLE_DOCUMENT)


def _case_description(export: _Export, case: dict) -> str:
    """The decision under the group's heading, as plain text, and what it established."""
    lines = []
    decision = plain_text(case["decision"])
    if decision:
        heading = ProjectGroup.decision_heading(export.data.get("decision_label"))
        lines.append(f"{heading}: {decision}")
    for link in decision_links.from_snapshot(case.get("decision_links", [])):
        lines.append(f"{link.label}: {link.text}")
    return "\n".join(lines)


def _attachment_document(registration, export: _Export, attachment: dict, number, *, as_part):
    system_id = export.uuid("attachment-document", attachment["id"])
    title = attachment["title"]
    document = _document(
        registration, export, system_id, ATTACHMENT, FINISHED, title, number=number, as_part=as_part
    )
    suffix = PurePosixPath(attachment["original_name"]).suffix.lstrip(".").lower()
    _file(
        document,
        export,
        url=export.url("meetings:public_attachment_download", export.meeting_id, attachment["id"]),
        version=1,
        variant="Arkivformat" if suffix == "pdf" else "Produksjonsformat",
        file_format=suffix or attachment["content_type"],
        checksum=(attachment["sha256"], attachment["size"]),
    )


def _document(
    registration, export: _Export, system_id, kind, status, title, *, number, as_part=MAIN_DOCUMENT
):
    """A ``dokumentbeskrivelse``; the caller adds its file."""
    document = _sub(registration, "dokumentbeskrivelse")
    _sub(document, "systemID", system_id)
    _sub(document, "dokumenttype", kind)
    _sub(document, "dokumentstatus", status)
    _sub(document, "tittel", title)
    _sub(document, "opprettetDato", export.published)
    _sub(document, "opprettetAv", export.by)
    _sub(document, "dokumentmedium", ELECTRONIC)
    _sub(document, "referanseArkivdel", export.part_id)
    _sub(document, "tilknyttetRegistreringSom", as_part)
    _sub(document, "dokumentnummer", number)
    _sub(document, "tilknyttetDato", export.published)
    _sub(document, "tilknyttetAv", export.by)
    return document


def _file(document, export: _Export, *, url, version, variant, file_format, checksum) -> None:
    item = _sub(document, "dokumentobjekt")
    _sub(item, "versjonsnummer", version)
    _sub(item, "variantformat", variant)
    _sub(item, "format", file_format)
    _sub(item, "opprettetDato", export.published)
    _sub(item, "opprettetAv", export.by)
    _sub(item, "referanseDokumentfil", url)
    sha256, size = checksum or (NOT_KNOWN, 0)
    _sub(item, "sjekksum", sha256)
    _sub(item, "sjekksumAlgoritme", "SHA-256" if checksum else NOT_KNOWN)
    _sub(item, "filstoerrelse", size)
