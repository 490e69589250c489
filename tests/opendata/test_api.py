"""The OParl-shaped open-data API (``/api/oparl/v1/``), read logged out (issue 20).

The secretary approves, publishes, reopens and edits through the workflow's forms; the public
crawls every list and object from the System and must find the meeting as it was published,
and nothing of the draft, the exempt case, the confidential file, the internal notes or the
edit made after publishing.
"""

import datetime

from django.conf import settings
from django.urls import reverse

from meetings import services
from tests.agreements.helpers import SMALL_PDF
from tests.opendata.helpers import (
    BASE,
    MARKERS,
    SYSTEM,
    crawl,
    get_json,
    on,
    path_of,
    step,
)


def test_the_crawl_finds_every_object_and_no_marker(world, client_for, published):
    answers = crawl(client_for(None))
    leaked = {address: m for address, text in answers.items() for m in MARKERS if m in text}
    assert leaked == {}
    kinds = {path_of(a).split("?")[0].split("/")[4] for a in answers}  # /api/oparl/v1/<kind>/…
    assert kinds == {"system", "body", "meeting"}
    types = {type_ for text in answers.values() for type_ in _types(text)}
    for name in ("System", "Body", "Organization", "Person", "Meeting", "AgendaItem", "File"):
        assert f"https://schema.oparl.org/1.1/{name}" in types
    # Nothing of the other project: nothing of it is published.
    assert not [a for a in answers if "/body/bodo" in a]


def _types(text):
    import json

    def walk(value):
        if isinstance(value, dict):
            if "type" in value:
                yield value["type"]
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    return set(walk(json.loads(text)))


def test_a_signed_in_member_gets_the_same_public_answers(world, client_for, published):
    anonymous = crawl(client_for(None))
    member = crawl(client_for(world.users["member"]))
    assert member == anonymous
    text = "".join(anonymous.values())
    assert "Åsnes kommune" in text and "\\u00" not in text  # UTF-8, not escaped


def test_the_meeting_is_there_exactly_as_published(world, client_for, published):
    client = client_for(None)
    system = get_json(client, SYSTEM)
    assert system["type"] == "https://schema.oparl.org/1.1/System"
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    [body] = get_json(client, system["body"])["data"]
    assert body["id"] == f"{BASE}body/vag"
    assert body["name"] == world.project.name
    assert body["legislativeTerm"] == []
    assert get_json(client, body["paper"])["data"] == []
    [meeting] = get_json(client, body["meeting"])["data"]
    assert meeting == get_json(client, meeting["id"])
    assert meeting["id"] == f"{BASE}meeting/{published.pk}"
    assert meeting["name"] == "Styringsgruppemøte april"
    assert meeting["start"] == "2019-04-09T10:00:00+02:00"
    assert meeting["end"] == "2019-04-09T12:00:00+02:00"
    assert meeting["meetingState"] == "Godkjent"
    assert meeting["location"]["description"] == "Kommunestyresalen, Storgata 1, Flisa"
    assert meeting["organization"] == [f"{BASE}body/vag/group/{world.steering_group.pk}"]
    assert meeting["web"] == settings.PORTAL_URL + reverse(
        "meetings:public_meeting", args=[published.pk]
    )
    minutes = meeting["resultsProtocol"]
    assert minutes["accessUrl"] == settings.PORTAL_URL + reverse(
        "meetings:public_minutes_pdf", args=[published.pk]
    )
    assert [f["name"] for f in meeting["auxiliaryFile"]] == ["Saksliste"]

    items = {item["name"]: item for item in meeting["agendaItem"]}
    budget = items["Budsjett 2019"]
    number = published.cases.get(title="Budsjett 2019").number
    assert budget["number"] == f"Sak {number}/19"
    assert budget["public"] is True
    # The decision as published, as plain text, not the one written after reopening.
    assert budget["resolutionText"] == "Styringsgruppen vedtar budsjettet for Grue & Åsnes."
    assert budget["result"] == "For: 5, mot: 1, blanke: 0"
    [file] = budget["auxiliaryFile"]
    assert file["name"] == "Budsjettforslag" and file["mimeType"] == "application/pdf"
    assert file["agendaItem"] == [budget["id"]]
    download = client_for(None).get(path_of(file["downloadUrl"]))
    assert b"".join(download.streaming_content) == SMALL_PDF
    exempt_case = published.cases.get(exempt_from_public=True)
    [exempt] = [item for item in meeting["agendaItem"] if item["public"] is False]
    assert exempt == {
        "id": f"{BASE}meeting/{published.pk}/agenda-item/{exempt_case.pk}",
        "type": "https://schema.oparl.org/1.1/AgendaItem",
        "meeting": meeting["id"],
        "number": f"Sak {exempt_case.number}/19",
        "order": exempt["order"],
        "name": "Unntatt offentlighet",
        "public": False,
        "legalBasis": "offl. § 13",
        "web": f"{meeting['web']}#sak-{exempt_case.pk}",
        "modified": meeting["modified"],
    }
    # People by name only: who attended, and the secretary; the absent is a Person too.
    people = get_json(client, body["person"])["data"]
    names = {p["name"] for p in people}
    assert {"Fraværende Fjellstad", world.users["secretary"].get_full_name()} <= names
    assert all(set(p) == {"id", "type", "body", "name", "modified"} for p in people)
    attended = {get_json(client, p)["name"] for p in meeting["participant"]}
    assert "Fraværende Fjellstad" not in attended
    assert world.users["member"].get_full_name() in attended
    organisations = get_json(client, body["organization"])["data"]
    assert [o["name"] for o in organisations] == [
        "Styringsgruppe",
        "Grue kommune",
        "Våler kommune",
        "Åsnes kommune",
    ]


def test_the_new_version_reaches_the_api_when_published_again(world, client_for, published):
    from tests.opendata.helpers import AFTER_PUBLISHING

    secretary = client_for(world.users["secretary"])
    step(secretary, published, "godkjenn")
    step(secretary, published, "publiser")
    meeting = get_json(client_for(None), f"{BASE}meeting/{published.pk}")
    decisions = [item.get("resolutionText") for item in meeting["agendaItem"]]
    assert AFTER_PUBLISHING in decisions
    assert meeting["created"] <= meeting["modified"]


def test_a_file_made_confidential_after_publishing_is_no_longer_offered(
    world, client_for, published
):
    attachment = published.attachments.get(title="Saksliste")
    address = f"{BASE}meeting/{published.pk}/file/{attachment.pk}"
    assert get_json(client_for(None), address)["name"] == "Saksliste"
    attachment.confidential = True
    attachment.save()
    assert client_for(None).get(path_of(address)).status_code == 404
    meeting = get_json(client_for(None), f"{BASE}meeting/{published.pk}")
    assert meeting["auxiliaryFile"] == []


def test_unpublishing_removes_it(world, client_for, published):
    client = client_for(None)
    meeting_address = f"{BASE}meeting/{published.pk}"
    first = client.get(path_of(f"{BASE}body/vag/meeting"))
    step(client_for(world.users["secretary"]), published, "avpubliser", "Feil deltakerliste")
    client = client_for(None)
    gone = client.get(path_of(meeting_address))
    assert gone.status_code == 410
    assert "Feil deltakerliste" in gone.json()["detail"]
    # Nothing else of the project is published: the Body itself is gone.
    assert get_json(client, f"{BASE}body")["data"] == []
    for address in ("body/vag", "body/vag/meeting", "body/vag/person"):
        assert client.get(path_of(BASE + address)).status_code == 404
    # A cached list is not revalidated as unchanged.
    again = client.get(path_of(f"{BASE}body"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert str(published.pk) not in str(crawl(client))


def test_pagination_links_walk_every_meeting(world, client_for):
    made = []
    for i in range(23):
        meeting = services.meeting_plan(
            group=world.steering_group,
            title=f"Møte {i:02d}",
            starts_at=on(2018, 1, 1) + datetime.timedelta(days=i),
            standing_cases=False,
        )
        services.minutes_publish(meeting=meeting, by=world.users["secretary"])
        made.append(meeting)
    client = client_for(None)
    address = f"{BASE}body/vag/meeting"
    seen, pages = [], []
    while address:
        answer = get_json(client, address)
        pages.append(answer["pagination"])
        seen += [m["name"] for m in answer["data"]]
        address = answer["links"].get("next")
    assert seen == [f"Møte {i:02d}" for i in reversed(range(23))]  # the latest first
    assert pages == [
        {"totalElements": 23, "elementsPerPage": 20, "currentPage": 1, "totalPages": 2},
        {"totalElements": 23, "elementsPerPage": 20, "currentPage": 2, "totalPages": 2},
    ]
    last = get_json(client, f"{BASE}body/vag/meeting?page=2")
    assert last["links"]["prev"] == last["links"]["first"] == f"{BASE}body/vag/meeting?page=1"
    assert "next" not in last["links"]
