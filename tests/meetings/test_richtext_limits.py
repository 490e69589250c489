"""Notes and decisions are capped where they are written: length and nesting of lists.

Refused with a Norwegian reason and the text kept in the form, never cut or flattened.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Case
from meetings.richtext import MAX_DEPTH, MAX_LENGTH, nesting_depth, sanitise

TOO_DEEP = "Teksten har lister eller sitater inne i hverandre i mer enn 10 nivåer"
TOO_LONG = "Teksten er for lang"


def nested(levels: int, word: str = "Punkt") -> str:
    return f"<ul><li>{word}" * levels + "</li></ul>" * levels


@pytest.fixture
def case(world):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2022, 6, 28, 11)),
    )
    return services.case_add(
        meeting=meeting, title="Leder arbeidsgruppe økonomi", notes="<p>Før innlimingen.</p>"
    )


def form(case, **overrides):
    data = {
        "title": case.title,
        "kind": case.kind,
        "notes": case.notes,
        "decision": case.decision,
        "seen_updated_at": case.updated_at.isoformat(),
    }
    return data | overrides


def test_the_case_form_refuses_thousands_of_nested_lists_and_keeps_the_text(
    world, client_for, case
):
    client = client_for(world.users["secretary"])
    url = reverse("meetings:case_edit", args=[case.meeting_id, case.pk])
    before = case.updated_at

    response = client.post(url, form(case, notes=nested(3000, "Gjenoppretting")))

    assert response.status_code == 200
    page = response.content.decode()
    assert TOO_DEEP in page
    assert "error-summary" in page
    assert page.count("Gjenoppretting") >= 3000  # the text is still in the form
    case.refresh_from_db()
    assert case.notes == "<p>Før innlimingen.</p>"
    assert case.updated_at == before


def test_a_new_case_with_a_too_deep_decision_is_not_created(world, client_for, case):
    client = client_for(world.users["secretary"])
    url = reverse("meetings:case_create", args=[case.meeting_id])
    count = Case.objects.count()

    response = client.post(
        url, {"title": "Ny sak", "kind": "decision", "notes": "", "decision": nested(3000)}
    )

    assert response.status_code == 200
    assert TOO_DEEP in response.content.decode()
    assert Case.objects.count() == count


def test_autosave_refuses_the_pathological_paste_with_the_reason(world, client_for, case):
    client = client_for(world.users["secretary"])
    url = reverse("meetings:case_autosave", args=[case.meeting_id, case.pk])

    response = client.post(url, form(case, notes=nested(3000)))

    assert response.status_code == 400
    body = response.json()
    assert body["error"]
    assert TOO_DEEP in body["fields"]["notes"][0]
    case.refresh_from_db()
    assert case.notes == "<p>Før innlimingen.</p>"


def test_too_long_notes_are_refused(world, client_for, case):
    client = client_for(world.users["secretary"])
    url = reverse("meetings:case_autosave", args=[case.meeting_id, case.pk])
    long_notes = "<p>" + "Lang tekst om samarbeid. " * (MAX_LENGTH // 20) + "</p>"

    response = client.post(url, form(case, notes=long_notes))

    assert response.status_code == 400
    assert TOO_LONG in response.json()["fields"]["notes"][0]


def test_word_lists_nine_levels_deep_and_long_minutes_are_kept(world, client_for, case):
    client = client_for(world.users["secretary"])
    url = reverse("meetings:case_autosave", args=[case.meeting_id, case.pk])
    notes = nested(9, "Nivå") + "<p>" + "Tekst. " * 5000 + "</p>"

    response = client.post(url, form(case, notes=notes))

    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert nesting_depth(case.notes) == 9


def test_a_proposal_is_capped_too(world, client_for):
    client = client_for(world.users["member"])
    url = reverse("meetings:case_propose", args=[world.steering_group.pk])

    response = client.post(url, {"title": "Forslag", "kind": "decision", "notes": nested(50)})

    assert response.status_code == 200
    assert TOO_DEEP in response.content.decode()
    assert not Case.objects.filter(title="Forslag").exists()


def test_the_service_refuses_too_as_a_field_error(case):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.case_update(
            case=case,
            changes={"decision": nested(MAX_DEPTH + 1)},
            seen_updated_at=case.updated_at,
        )
    assert "decision" in refused.value.message_dict


@pytest.mark.parametrize(
    ("html", "depth"),
    [
        ("<p>Ingen liste</p>", 0),
        ("<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>", 1),
        ("<blockquote><ul><li>a<ol><li>b</li></ol></li></ul></blockquote>", 3),
        (sanitise(nested(12)), 12),
    ],
)
def test_nesting_depth_counts_lists_and_quotes(html, depth):
    assert nesting_depth(html) == depth
