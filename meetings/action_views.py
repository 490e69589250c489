"""Action items across meetings: my dashboard, the registers with exports, the status update.

Each view first fetches its object through projects.permissions (404 when hidden).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meetings import action_selectors, exports, feeds, services
from meetings.action_forms import DashboardFilterForm, ItemUpdateForm, RegisterFilterForm
from meetings.models import ActionItem, CalendarFeed
from projects import permissions
from samarbeid.auth import login_required
from samarbeid.conflicts import EditConflict, WorkflowError

PAGE_SIZE = 25


def _page(request, items):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("side"))


@login_required
def my_action_items(request):
    ids = action_selectors.responsible_ids(request.user)
    form = DashboardFilterForm(request.GET or None, user=request.user, item_ids=ids)
    filters = form.filters()
    open_items = action_selectors.my_open_items(request.user, filters=filters, ids=ids)
    context = {
        "form": form,
        "page": _page(request, open_items),
        "closed": action_selectors.my_recently_closed(request.user, filters=filters, ids=ids),
        "statuses": ActionItem.Status.choices,
        "can_update": True,
    }
    return render(request, "meetings/action_items/mine.html", context)


@login_required
def action_item_detail(request, item_id):
    item = permissions.get_action_item_for_user(request.user, item_id)
    context = {
        "item": item,
        "updates": item.updates.select_related("by", "meeting").order_by("-at", "-id"),
        "can_update": permissions.may_update_action_item(request.user, item),
        "statuses": ActionItem.Status.choices,
    }
    return render(request, "meetings/action_items/detail.html", context)


@login_required
@require_POST
def action_item_update(request, item_id):
    item = permissions.get_action_item_for_user(request.user, item_id, to_update=True)
    form = ItemUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
    else:
        _update(request, item, form.cleaned_data)
    back = request.POST.get("next", "")
    # Only a path on this site: redirect() would try any other word as a URL name (500).
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, {request.get_host()}, request.is_secure()
    ):
        back = reverse("meetings:action_item_detail", args=[item.pk])
    return HttpResponseRedirect(f"{back.split('#')[0]}#punkt-{item.pk}")


def _update(request, item, data) -> bool:
    try:
        services.action_item_follow_up(
            item=item,
            status=data["status"],
            note=data["note"],
            by=request.user,
            seen_updated_at=data["seen_updated_at"],
            check_seen=True,
        )
    except EditConflict as conflict:
        messages.error(
            request,
            _(
                "Someone else updated “%(item)s” after you opened the page; it is now "
                "“%(status)s”. Nothing was saved. Your note: %(note)s"
            )
            % {
                "item": item,
                "status": conflict.current.get_status_display(),
                "note": data["note"] or "–",
            },
        )
        return False
    except (WorkflowError, ValidationError) as error:
        for line in getattr(error, "messages", [str(error)]):
            messages.error(request, line)
        return False
    messages.success(request, _("“%(item)s” was updated.") % {"item": item})
    return True


def _register(request, project, group, *, export: str | None = None):
    form = RegisterFilterForm(request.GET or None, user=request.user, project=project, group=group)
    items = action_selectors.register_items(
        request.user, project=project, group=group, filters=form.filters()
    )
    if export is not None:
        name = exports.filename(f"oppfolging-{project.slug}" + (f"-{group.pk}" if group else ""))
        if export == "csv":
            return exports.csv_response(items, name)
        if export == "xlsx":
            return exports.xlsx_response(items, name)
        raise Http404
    page = _page(request, items)
    context = {
        "project": project,
        "group": group,
        "form": form,
        "page": page,
        "updatable": permissions.updatable_action_item_ids(request.user, page.object_list),
        "counts": action_selectors.counts_by_status(items),
        "statuses": ActionItem.Status.choices,
    }
    return render(request, "meetings/action_items/register.html", context)


@login_required
def project_register(request, slug, fmt=None):
    project = permissions.get_project_for_user(request.user, slug)
    return _register(request, project, None, export=fmt)


@login_required
def group_register(request, group_id, fmt=None):
    group = permissions.get_group_by_id_for_user(request.user, group_id)
    return _register(request, group.project, group, export=fmt)


# --- Calendar feeds -------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feeds(request):
    """The user's calendar subscriptions: make a new address (revokes the old), or revoke."""
    new_url = None
    if request.method == "POST":
        new_url = _feed_action(request)
    context = {
        "feeds": CalendarFeed.objects.active()
        .filter(user=request.user)
        .select_related("group__project")
        .order_by("group__name", "id"),
        "groups": permissions.groups_for_user(request.user)
        .select_related("project")
        .order_by("project__name", "name"),
        "new_url": new_url,
    }
    return render(request, "meetings/calendar_feeds.html", context)


def _feed_action(request) -> str | None:
    if request.POST.get("action") == "revoke":
        feed = get_object_or_404(
            CalendarFeed.objects.active().filter(user=request.user), pk=_int(request, "feed")
        )
        feeds.calendar_feed_revoke(feed=feed)
        messages.success(request, _("The address no longer works."))
        return None
    group = None
    if request.POST.get("group"):
        group = permissions.get_group_by_id_for_user(request.user, _int(request, "group"))
    _feed, token = feeds.calendar_feed_create(user=request.user, group=group)
    return feeds.feed_url(token)


def _int(request, name) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise Http404 from None


@require_GET
def calendar_feed(request, token):
    """Read by calendar programs, which cannot log in: the secret in the address is the key."""
    feed = feeds.find_feed(token)
    if feed is None:
        raise Http404
    if (
        feed.group is not None
        and not permissions.groups_for_user(feed.user).filter(pk=feed.group_id).exists()
    ):
        raise Http404
    response = HttpResponse(feeds.build_feed(feed), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="samarbeid.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
