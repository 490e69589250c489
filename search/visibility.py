"""Which entries a user may find, as one condition on the index, evaluated in the query.

Each kind follows the rule of its page (projects.permissions): the project must be
readable; meetings, action items and agreements as their own selectors say; a case's text
is read by the insiders of its group (and of a joint meeting), and by the project's
readers once the minutes are approved, unless the case is exempt from public access; an
attachment as the meeting page lists it (``visible_attachment_ids``).
"""

from __future__ import annotations

from django.db.models import Q

from meetings.models import Attachment, Case, Meeting
from projects import permissions
from search.models import PUBLIC_KINDS, SearchEntry

Kind = SearchEntry.Kind


def visible_case_ids(user, project_ids: list[int]):
    """The cases of these projects (the user's readable ones) whose text ``user`` reads."""
    insider_groups = permissions.insider_group_ids(user)
    joint = Meeting.also_for.through.objects.filter(projectgroup_id__in=insider_groups)
    # The projects are the readable ones, so "a reader of the project" needs no more here.
    approved = Q(meeting__minutes_status=Meeting.MinutesStatus.APPROVED, exempt_from_public=False)
    return Case.objects.filter(
        Q(group_id__in=insider_groups) | Q(meeting_id__in=joint.values("meeting_id")) | approved,
        group__project_id__in=project_ids,
    ).values("id")


def visible_attachment_ids(user):
    """The attachments the user opens from the meeting page, as a subquery.

    As ``meetings.views.meeting_detail`` and ``attachment_download``: the meeting must be the
    user's (``meetings_for_user``); its group's insiders (and those of a joint meeting) get
    every file (``visible_attachments(insider=True)``); the project's readers, who read the
    live minutes once approved (``reads_live_minutes``), get those neither confidential nor
    on an exempt case. Someone who sees a meeting only because it was published reads the
    published version, not these rows: the public search, which indexes no attachment.
    """
    insider_groups = permissions.insider_group_ids(user)
    joint = Meeting.also_for.through.objects.filter(projectgroup_id__in=insider_groups)
    insider = Q(meeting__group_id__in=insider_groups) | Q(meeting_id__in=joint.values("meeting_id"))
    reader = Q(
        meeting__minutes_status=Meeting.MinutesStatus.APPROVED,
        meeting__group__project_id__in=permissions.visible_project_ids(user),
        confidential=False,
    ) & (Q(case__isnull=True) | Q(case__exempt_from_public=False))
    return Attachment.objects.filter(
        Q(meeting_id__in=permissions.meetings_for_user(user).values("id")) & (insider | reader)
    ).values("id")


def public_entries() -> Q:
    """The public search's entries: those of a version the public sees now.

    Only such versions have entries (search.public_index); the status is checked in the
    query as well, so an entry left behind by a write outside the services shows nothing.
    """
    return Q(kind__in=PUBLIC_KINDS, published_version__status="public")


def visible_entries(user) -> Q:
    """The condition for ``SearchEntry`` rows ``user`` may find; search needs a login."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        # The published versions' entries are the public search's: the live rows are here.
        return ~Q(kind__in=PUBLIC_KINDS)
    # The readable projects as a list, read first (one small query): with the ids in the SQL
    # the planner knows how few entries they hold and reads those through the project index,
    # instead of matching the words over the whole index first. Each kind's subquery is kept
    # to the same projects (an entry's project is its object's), so it reads only their rows.
    projects = list(permissions.visible_project_ids(user).values_list("id", flat=True))
    meetings = permissions.meetings_for_user(user).filter(group__project_id__in=projects)
    items = permissions.action_items_for_user(user).filter(case__group__project_id__in=projects)
    agreements = permissions.agreements_for_user(user).filter(project_id__in=projects)
    attachments = visible_attachment_ids(user).filter(meeting__group__project_id__in=projects)
    by_kind = (
        Q(kind__in=[Kind.PROJECT, Kind.GROUP])
        | Q(kind=Kind.MEETING, object_id__in=meetings.values("id"))
        | Q(kind=Kind.CASE, object_id__in=visible_case_ids(user, projects))
        | Q(kind=Kind.ACTION_ITEM, object_id__in=items.values("id"))
        | Q(kind=Kind.AGREEMENT, object_id__in=agreements.values("id"))
        | Q(kind=Kind.ATTACHMENT, object_id__in=attachments)
    )
    return Q(project_id__in=projects) & by_kind
