"""The user's notification choices, and unsubscribing from a kind by the link in an e-mail."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from notifications import services
from notifications.forms import PreferencesForm
from notifications.models import Kind, Preference
from samarbeid.auth import login_required


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = dict(Preference.objects.filter(user=request.user).values_list("kind", "delivery"))
    form = PreferencesForm(request.POST or None, current=current)
    if form.is_valid():
        for kind, delivery in form.cleaned_data.items():
            if current.get(kind, Preference.Delivery.IMMEDIATE) != delivery:
                services.preference_set(user=request.user, kind=kind, delivery=delivery)
        messages.success(request, _("Your choices were saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """No log-in needed: the signed link names the user and the kind, and nothing else."""
    found = services.read_unsubscribe_token(token)
    if found is None:
        raise Http404
    user, kind = found
    if request.method == "POST":
        services.preference_set(user=user, kind=kind, delivery=Preference.Delivery.OFF)
        return render(request, "notifications/unsubscribed.html", {"kind": Kind(kind).label})
    return render(request, "notifications/unsubscribe.html", {"kind": Kind(kind).label})
