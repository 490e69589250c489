"""Editing a seat: the group's secretary and the project admin keep the roster."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from projects import membership_services, permissions
from projects.forms import MembershipEditForm
from samarbeid.auth import login_required
from samarbeid.views import form_page, save_edit


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request, slug, group_id, membership_id):
    project = permissions.get_project_for_user(request.user, slug)
    group = permissions.get_group_for_user(
        request.user, project, group_id, perm=permissions.MANAGE_MEMBERS
    )
    membership = get_object_or_404(group.memberships.select_related("person"), pk=membership_id)
    membership.group = group
    form = MembershipEditForm(request.POST or None, instance=membership)
    conflict = None
    if form.is_valid():
        saved, conflict = save_edit(
            form, membership_services.group_membership_update, membership=membership
        )
        if saved:
            messages.success(request, _("The membership was saved."))
            return redirect(group)
    return form_page(
        request,
        form,
        title=_("Edit membership: %(person)s") % {"person": membership.person.name},
        back_url=group.get_absolute_url(),
        conflict=conflict,
    )
