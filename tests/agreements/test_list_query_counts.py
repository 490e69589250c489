"""The directors' list, an agreement's page and its version comparison cost as many queries
for 50 rows as for 2 (tests/query_counts.py). Rows are made through the services."""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import drafting, services
from agreements.drafting import PartySpec
from agreements.models import AgreementAttachment
from tests.agreements.helpers import SMALL_PDF, blank_agreement, in_an_hour, write_text
from tests.factories import OrganisationFactory
from tests.query_counts import Page, assert_constant, row

pytestmark = pytest.mark.usefixtures("postgres", "media")


def grow_mine(world, start, count):
    """Agreements between Våler and Grue: a third still with blanks, a third out for signing."""
    for i in range(start, start + count):
        agreement = blank_agreement(world, title=f"Avtale {row(i)}")
        if i % 3 == 0:
            write_text(agreement, "Noe er fortsatt [[åpent]].")
        if i % 3 == 1:
            write_text(agreement)
            services.agreement_send_for_signing(agreement=agreement, by=None)


def test_my_agreements_cost_the_same_for_50_agreements(world, client_for):
    page = Page(
        lambda: client_for(world.users["director"]),
        reverse("agreements:mine"),
        lambda n: [f"Avtale {row(i)}" for i in (0, n - 1)],
    )
    assert_constant([page], lambda s, c: grow_mine(world, s, c))


def sections(n, version):
    return [
        {
            "number": f"{j + 1}.0",
            "title": f"Del {row(j)}",
            "text": f"Tekst {row(j)}, utkast {version}.",
        }
        for j in range(n)
    ]


def pdf(name):
    return SimpleUploadedFile(name, SMALL_PDF, "application/pdf")


def agreement_with(world, n):
    """An agreement of n municipalities, with n versions of n sections after the blank one,
    n comments in its open consultation, n attachments and each party's council approval
    (every other one attached).

    Parties are fixed when an agreement is made, so each size is a new agreement.
    """
    admin, member = world.users["project_admin"], world.users["member"]
    parties = [PartySpec(OrganisationFactory(name=f"Kommune {row(i)} av {n}")) for i in range(n)]
    agreement = drafting.agreement_create_blank(
        project=world.project,
        kind="cooperation",
        title="Samarbeidsavtale",
        parties=parties,
        by=admin,
    )
    for i in range(n):
        version = drafting.current_version(agreement)
        drafting.agreement_save_version(
            agreement=agreement,
            sections=sections(n, i),
            seen_version=version.number,
            note=f"Versjon {row(i)}",
            by=admin,
        )
    consultation = services.consultation_open(
        agreement=agreement, title="Høring", deadline=in_an_hour(), invited=[world.grue], by=admin
    )
    for i in range(n):
        services.consultation_comment_add(
            consultation=consultation,
            section_number=f"{i + 1}.0",
            text=f"Kommentar {row(i)}",
            by=member,
        )
    attachments = [
        services.attachment_add(
            agreement=agreement,
            upload=pdf(f"vedtak-{i}.pdf"),
            kind=AgreementAttachment.Kind.COUNCIL_DECISION,
            title=f"Vedlegg {row(i)}",
            by=admin,
        )
        for i in range(n)
    ]
    for i, party in enumerate(agreement.parties.order_by("pk")):
        services.approval_record(
            agreement=agreement,
            party=party,
            council=f"Kommunestyret {row(i)}",
            case_number=f"{i}/26",
            decided_on=None,
            text="Vedtatt.",
            attachment=attachments[i] if i % 2 else None,
            by=admin,
        )
    return agreement


def test_agreement_pages_cost_the_same_for_50_rows(world, client_for):
    made = SimpleNamespace(agreement=None)

    def grow(start, count):
        made.agreement = agreement_with(world, start + count)

    def as_admin():
        return client_for(world.users["project_admin"])

    def texts(*kinds):
        return lambda n: [f"{kind} {row(i)}" for kind in kinds for i in (0, n - 1)]

    pages = [
        Page(
            as_admin,
            lambda: made.agreement.get_absolute_url(),
            texts("Kommune", "Kommunestyret", "Del", "Kommentar", "Vedlegg", "Versjon"),
        ),
        # The newest version against the one before, section by section.
        Page(
            as_admin,
            lambda: reverse("agreements:diff", args=[made.agreement.pk]),
            texts("Del", "Tekst"),
        ),
    ]
    assert_constant(pages, grow)
