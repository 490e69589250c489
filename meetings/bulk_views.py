"""Several participants of a meeting at once: ticked, pasted as a list of names, or both.

The page previews first and saves on a second post (projects.forms.PeopleBatchForm); the
whole batch is one transaction, so a refusal half-way leaves no participant and no new
person behind.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from meetings import services
from meetings.forms import ParticipantsBatchForm
from meetings.models import Meeting
from projects import permissions
from projects import services as project_services
from projects.permissions import RECORD_MINUTES
from projects.roster import NewPerson
from samarbeid.auth import login_required
from samarbeid.views import form_page, save_or_errors


@login_required
@require_http_methods(["GET", "POST"])
def participants_add(request, meeting_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    participants_url = reverse("meetings:participants", kwargs={"meeting_id": meeting.pk})
    if meeting.is_locked and request.method == "GET":
        # Say so before anyone types a list that would be refused.
        messages.error(
            request, _("The minutes are approved and locked. Reopen them to add participants.")
        )
        return redirect(participants_url)
    form = ParticipantsBatchForm(request.POST or None, meeting=meeting)
    if form.confirmed():
        saved, _conflict = save_or_errors(
            form, lambda: _participants_add(meeting, form.batch.entries, **form.options())
        )
        if saved:
            count = len(saved)
            messages.success(
                request,
                ngettext(
                    "%(count)s participant was added.", "%(count)s participants were added.", count
                )
                % {"count": count},
            )
            return redirect(participants_url)
    return form_page(
        request,
        form,
        title=_("Add several participants: %(meeting)s") % {"meeting": meeting.title},
        intro=_("Tick people the project knows, paste a list of names, or both."),
        back_url=participants_url,
        template="people_batch.html",
    )


@transaction.atomic
def _participants_add(meeting, entries, *, attendance, organisation, note):
    """Every row or none: approved minutes, or someone added meanwhile, undo the whole batch."""
    # Locked before the first check, as participant_set locks it: nobody else adds a
    # participant between a check below and its row.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk").get()
    added = []
    for entry in entries:
        person = entry
        if isinstance(entry, NewPerson):
            person = project_services.person_create(
                name=entry.name, title=entry.title, organisation=organisation
            )
        elif meeting.participants.filter(person=person).exists():
            # participant_set would overwrite their attendance as recorded by someone else.
            raise ValidationError(
                _("%(name)s is already on the list of participants; nothing was saved.")
                % {"name": person.name}
            )
        added.append(
            services.participant_set(
                meeting=meeting,
                person=person,
                attendance=attendance,
                organisation=organisation,
                note=note,
            )
        )
    return added
