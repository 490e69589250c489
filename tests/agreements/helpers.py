"""Agreements on the test world's VÅG project: Våler (its director signs) and Grue (the member)."""

import datetime

from agreements import drafting, services
from agreements.drafting import PartySpec
from agreements.template_texts import get_template
from projects import services as project_services
from projects.models import Person

PARTNERSHIP = get_template("partnerskapsavtale")
SMALL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF\n"


def person_for(user, title=""):
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = project_services.person_create(
            name=user.get_full_name() or user.username, organisation=user.organisation, title=title
        )
        project_services.person_link_user(person=person, user=user)
    return person


def blank_agreement(
    world,
    *,
    project=None,
    parties=None,
    by=None,
    title="Samarbeidsavtale VÅG",
    kind="cooperation",
    host_municipality=None,
):
    """A cooperation agreement between Våler (signed by the director) and Grue (the member)."""
    if parties is None:
        parties = [
            PartySpec(world.valer, person_for(world.users["director"]), "kommunedirektør"),
            PartySpec(world.grue, person_for(world.users["member"]), "kommunedirektør"),
        ]
    return drafting.agreement_create_blank(
        project=project or world.project,
        kind=kind,
        title=title,
        parties=parties,
        host_municipality=host_municipality,
        by=by or world.users["project_admin"],
    )


def write_text(agreement, text="Partene samarbeider om økonomi.", by=None):
    version = drafting.current_version(agreement)
    return drafting.agreement_save_version(
        agreement=agreement,
        sections=[{"number": "1.0", "title": "Formål", "text": text}],
        seen_version=version.number,
        by=by,
    )


def agreed(world, **kwargs):
    agreement = blank_agreement(world, **kwargs)
    write_text(agreement)
    return services.agreement_send_for_signing(agreement=agreement, by=None)


def sign(agreement, user, *, party=None, password=None, version=None, ip="192.0.2.10"):
    from tests.factories import PASSWORD

    party = party or agreement.parties.get(signatory__user=user)
    number = version if version is not None else drafting.current_version(agreement).number
    return services.agreement_sign(
        agreement=agreement,
        party=party,
        user=user,
        password=PASSWORD if password is None else password,
        version_number=number,
        ip_address=ip,
    )


def in_an_hour():
    from django.utils import timezone

    return timezone.now() + datetime.timedelta(hours=1)
