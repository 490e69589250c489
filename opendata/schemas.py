"""The answers' shapes, for ninja's validation and the OpenAPI description (OParl 1.1 names).

Fields without a value are left out of the answer (``exclude_none``), as OParl asks.
``legalBasis`` (an exempt case's legal basis) and ``sha256Checksum`` are this portal's
additions: OParl has no field for either.
"""

from __future__ import annotations

from ninja import Schema


class Error(Schema):
    detail: str


class Pagination(Schema):
    totalElements: int
    elementsPerPage: int
    currentPage: int
    totalPages: int


class Links(Schema):
    first: str
    prev: str | None = None
    next: str | None = None
    last: str


class System(Schema):
    id: str
    type: str
    oparlVersion: str
    otherOparlVersions: list[str]
    body: str
    name: str
    website: str
    product: str
    web: str


class Body(Schema):
    id: str
    type: str
    system: str
    name: str
    shortName: str | None = None
    classification: str
    organization: str
    person: str
    meeting: str
    paper: str
    legislativeTerm: list[dict]
    web: str
    modified: str


class Organization(Schema):
    id: str
    type: str
    body: str
    name: str
    organizationType: str
    classification: str
    modified: str | None = None


class Person(Schema):
    id: str
    type: str
    body: str
    name: str
    modified: str


class File(Schema):
    id: str
    type: str
    name: str
    fileName: str
    mimeType: str
    size: int | None = None
    sha256Checksum: str | None = None
    accessUrl: str
    downloadUrl: str
    meeting: list[str]
    agendaItem: list[str] | None = None
    modified: str


class Location(Schema):
    id: str
    type: str
    description: str
    room: str | None = None
    streetAddress: str | None = None
    meeting: list[str]
    modified: str


class AgendaItem(Schema):
    id: str
    type: str
    meeting: str
    number: str
    order: int
    name: str
    public: bool
    legalBasis: str | None = None
    result: str | None = None
    resolutionText: str | None = None
    auxiliaryFile: list[File] | None = None
    web: str
    modified: str


class Meeting(Schema):
    id: str
    type: str
    name: str
    meetingState: str
    cancelled: bool
    start: str | None = None
    end: str | None = None
    location: Location | None = None
    organization: list[str]
    participant: list[str]
    resultsProtocol: File
    auxiliaryFile: list[File]
    agendaItem: list[AgendaItem]
    web: str
    created: str | None = None
    modified: str


class Paper(Schema):
    id: str
    type: str


class BodyList(Schema):
    data: list[Body]
    pagination: Pagination
    links: Links


class OrganizationList(Schema):
    data: list[Organization]
    pagination: Pagination
    links: Links


class PersonList(Schema):
    data: list[Person]
    pagination: Pagination
    links: Links


class MeetingList(Schema):
    data: list[Meeting]
    pagination: Pagination
    links: Links


class PaperList(Schema):
    data: list[Paper]
    pagination: Pagination
    links: Links
