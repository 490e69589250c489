"""Shared by the open-data tests: a published meeting full of what must stay out, and a crawl."""

import datetime
import json

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from meetings import attachments, services
from tests.agreements.helpers import SMALL_PDF
from tests.factories import PersonFactory
from tests.reliability.test_lost_updates import post_data

BASE = f"{settings.PORTAL_URL}/api/oparl/v1/"
SYSTEM = f"{BASE}system"
# Only in what the public must not read.
DRAFT_TITLE = "Kladdemøte Blåbærsyltetøy"
EXEMPT_WORDS = ("Personalsak Hemmeligsen", "Xylofonsaken", "Zebrakonflikten", "Ringe Hemmeligsen")
CONFIDENTIAL_TITLE = "Konfidensiellfil Krekling"
INTERNAL_NOTES = ("Internkommentar Tyttebær", "Gjenåpnet fordi Multebær")
AFTER_PUBLISHING = "Denne setningen kom etter publiseringen."
MARKERS = (DRAFT_TITLE, *EXEMPT_WORDS, CONFIDENTIAL_TITLE, *INTERNAL_NOTES, AFTER_PUBLISHING)
DECISION = "<p>Styringsgruppen vedtar <strong>budsjettet</strong> for Grue &amp; Åsnes.</p>"


def on(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def step(client, meeting, name, reason=""):
    response = client.post(
        reverse("meetings:minutes_step", args=[meeting.pk, name]), {"reason": reason}
    )
    assert response.status_code == 302, response.content[:500]


def plan_meeting(world):
    """The steering group's meeting of 9 April 2019: open and exempt cases, open and
    confidential files, someone absent, a member's comment."""
    secretary = world.steering_group.memberships.get(person__user=world.users["secretary"]).person
    chair = world.steering_group.memberships.get(person__user=world.users["member"]).person
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte april",
        starts_at=on(2019, 4, 9),
        ends_at=on(2019, 4, 9, 12),
        room="Kommunestyresalen",
        address="Storgata 1, Flisa",
        secretary=secretary,
        chair=chair,
    )
    services.participant_set(meeting=meeting, person=chair, attendance="present")
    absent = PersonFactory(name="Fraværende Fjellstad")
    services.participant_set(meeting=meeting, person=absent, attendance="absent")
    open_case = services.case_add(
        meeting=meeting,
        title="Budsjett 2019",
        decision=DECISION,
        votes_for=5,
        votes_against=1,
        votes_blank=0,
    )
    exempt = services.case_add(
        meeting=meeting,
        title="Personalsak Hemmeligsen",
        notes="<p>Xylofonsaken ble drøftet.</p>",
        decision="<p>Zebrakonflikten løses internt.</p>",
        exempt_from_public=True,
        legal_basis="offl. § 13",
    )
    services.action_item_add(case=exempt, description="Ringe Hemmeligsen", responsible_note="Leder")
    by = world.users["secretary"]
    for title, confidential, case in (
        ("Budsjettforslag", False, open_case),
        (CONFIDENTIAL_TITLE, True, open_case),
        ("Saksliste", False, None),
    ):
        attachments.attachment_add(
            meeting=meeting,
            case=case,
            upload=ContentFile(SMALL_PDF, name=f"{title}.pdf"),
            title=title,
            confidential=confidential,
            by=by,
        )
    # Out for comments, a member comments: insiders read it, the public never.
    services.minutes_send_for_comments(
        meeting=meeting, comment_deadline=timezone.localdate(), by=by
    )
    open_case.refresh_from_db()
    services.case_comment(
        case=open_case, author=world.users["member"], text="Internkommentar Tyttebær"
    )
    return meeting


def edit_after_publishing(client, meeting):
    """Reopened with an internal reason, the decision changed: the public keeps the old one."""
    step(client, meeting, "gjenapne", "Gjenåpnet fordi Multebær")
    case = meeting.cases.get(title="Budsjett 2019")
    url = reverse("meetings:case_edit", args=[meeting.pk, case.pk])
    data = post_data(client.get(url).context["form"])
    response = client.post(url, data | {"decision": f"<p>{AFTER_PUBLISHING}</p>"})
    assert response.status_code == 302


def path_of(address: str) -> str:
    assert address.startswith(settings.PORTAL_URL), address
    return address.removeprefix(settings.PORTAL_URL)


def get_json(client, address, **headers):
    response = client.get(path_of(address), **headers)
    assert response.status_code == 200, (address, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def api_links(value):
    """Every address of this API in an answer: ids, lists, pages."""
    if isinstance(value, dict):
        for item in value.values():
            yield from api_links(item)
    elif isinstance(value, list):
        for item in value:
            yield from api_links(item)
    elif isinstance(value, str) and value.startswith(BASE):
        yield value


def crawl(client) -> dict[str, str]:
    """Every answer reachable from the System, by address: the raw text of each."""
    seen: dict[str, str] = {}
    queue = [SYSTEM]
    while queue:
        address = queue.pop()
        if address in seen:
            continue
        response = client.get(path_of(address))
        assert response.status_code == 200, (address, response.content[:300])
        # UTF-8 as written (no \u escapes, tests/opendata/test_api.py checks): a marker
        # in the text is a marker in the answer.
        text = response.content.decode()
        seen[address] = text
        queue.extend(api_links(json.loads(text)))
    return seen
