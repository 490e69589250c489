"""View helpers shared by every app: the generic form page and error handling around services."""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from samarbeid.conflicts import EditConflict, WorkflowError
from samarbeid.forms import add_model_errors, saved_values


def form_page(
    request,
    form,
    *,
    title,
    back_url,
    conflict=None,
    intro="",
    submit_label=None,
    template="form_page.html",
    extra_context=None,
):
    """One page for every simple form: errors summarised at the top, each beside its field."""
    context = {
        **(extra_context or {}),
        "form": form,
        "title": title,
        "intro": intro,
        "back_url": back_url,
        "submit_label": submit_label,
        "conflict": conflict is not None,
        "conflict_values": saved_values(form, conflict) if conflict is not None else [],
    }
    # 409 tells scripts and tests a stale save apart from a plain validation error.
    status = 409 if conflict is not None else 200
    return render(request, template, context, status=status)


def save_or_errors(form, save):
    """Run a service; its refusals land on the form instead of a 500 page.

    Returns (result, conflict): result is None when the form must be shown again;
    conflict is the other person's saved version after a stale save.
    """
    try:
        return save(), None
    except EditConflict as conflict:
        form.rebase(conflict.current)
        form.add_error(None, conflict.message)
        return None, conflict.current
    except WorkflowError as error:
        form.add_error(None, str(error))
        return None, None
    except ValidationError as error:
        add_model_errors(form, error)
        return None, None


def save_edit(form, update, **target):
    """Save a form that carries the version it was loaded from (``SeenVersionMixin``).

    ``update`` is an ``<entity>_update`` service taking the object as ``target`` and
    ``changes``/``seen_updated_at``; a stale save comes back as the conflict.
    """
    return save_or_errors(
        form,
        lambda: update(
            **target, changes=form.changes(), seen_updated_at=form.cleaned_data["seen_updated_at"]
        ),
    )
