"""Meetings still in progress, on top of the demo (whose meetings are all held and approved).

The crawls and the accessibility scan need a page of every kind, and the minutes editor,
the comment form and the workflow steps appear only on meetings still being written.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from meetings import attachments, services
from projects.models import ProjectGroup

# The demo's logins (load_demo), one for each role of the test cast (tests/conftest.py).
DEMO_LOGINS = {
    "portal_admin": "admin",
    "project_admin": "prosjektleder",
    "secretary": "referent",
    "member": "medlem",
    "reader": "leser",
    "director": "direktor",
    "outsider": "utenforstaende",
    "anonymous": None,
}
DEMO_PASSWORD = "samarbeid-demo"

# A PDF with nothing but a header and the end marker: enough for the type check.
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def add_meetings_in_progress(*, secretary_username: str = "prosjektleder") -> dict:
    """A planned meeting with a full case, and one whose minutes are out for comments."""
    secretary = User.objects.get(username=secretary_username)
    group = ProjectGroup.objects.filter(
        memberships__person__user=secretary, memberships__role="secretary"
    ).first()
    starts_at = timezone.now() + datetime.timedelta(days=7)
    planned = services.meeting_plan(
        group=group, title="Neste styringsgruppemøte", starts_at=starts_at
    )
    case = services.case_add(
        meeting=planned,
        title="Budsjett for pilotene",
        notes="<p>Pilotene la fram <strong>forslag</strong> til budsjett.</p>",
        decision="<p>Styringsgruppen slutter seg til forslaget.</p>",
    )
    services.action_item_add(
        case=case,
        description="Sende budsjettet til kommunene",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    attachments.attachment_add(
        meeting=planned,
        case=case,
        upload=SimpleUploadedFile("budsjett.pdf", TINY_PDF),
        title="Budsjettforslag",
        by=secretary,
    )
    held = services.meeting_plan(
        group=group,
        title="Ekstraordinært møte",
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    discussed = services.case_add(
        meeting=held, title="Ny prosjektleder", notes="<p>Orientering.</p>"
    )
    services.minutes_send_for_comments(
        meeting=held,
        comment_deadline=timezone.localdate() + datetime.timedelta(days=7),
        by=secretary,
    )
    services.case_comment(
        case=discussed,
        author=User.objects.get(username="medlem"),
        text="Navnet på prosjektlederen er feilstavet.",
    )
    return {"planned": planned, "case": case, "for_comments": held}


def add_xss_meeting(vectors: list[str]) -> dict:
    """A planned meeting whose cases carry the XSS vectors: as titles (plain text, which the
    templates escape) and as notes and decisions (rich text, which the service cleans)."""
    secretary = User.objects.get(username="prosjektleder")
    group = ProjectGroup.objects.filter(
        memberships__person__user=secretary, memberships__role="secretary"
    ).first()
    meeting = services.meeting_plan(
        group=group,
        title="Møte med fiendtlig innhold",
        starts_at=timezone.now() + datetime.timedelta(days=14),
    )
    cases = [
        services.case_add(
            meeting=meeting, title=vector[:200], notes=vector, decision=vector, kind="decision"
        )
        for vector in vectors
    ]
    return {"xss_meeting": meeting, "xss_cases": cases}
