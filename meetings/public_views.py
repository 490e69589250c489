"""Published minutes, for everyone: no login, exempt cases replaced by their legal basis."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from meetings import selectors
from meetings.attachments import visible_attachments
from meetings.models import Meeting
from projects import permissions
from projects.models import Project


def public_project(request, slug):
    project = get_object_or_404(Project, slug=slug)
    meetings = (
        permissions.meetings_for_user(request.user)
        .filter(group__project=project, published_at__isnull=False)
        .select_related("group")
        .order_by("-starts_at", "-pk")
    )
    page = Paginator(meetings, 25).get_page(request.GET.get("side"))
    if not page.object_list:
        # Nothing published: the project is not public, so its existence is not either.
        raise Http404
    return render(request, "meetings/public_project.html", {"project": project, "page": page})


def public_meeting(request, meeting_id):
    meeting = get_object_or_404(
        Meeting.objects.published().select_related("group__project"), pk=meeting_id
    )
    context = {
        "meeting": meeting,
        "cases": selectors.agenda(meeting, with_comments=False),
        "meeting_attachments": visible_attachments(meeting, insider=False).filter(case=None),
        "participants": selectors.participants_by_attendance(meeting),
        "show_exempt": False,
        "public": True,
    }
    return render(request, "meetings/public_meeting.html", context)
