"""Lost updates: for every form that edits an existing object, a stale save is refused.

The edit pages are found, not listed: every GET URL of the permission matrix is opened as
the portal admin, and each page whose form edits an existing object is tested. A new
ModelForm must either carry the version it was loaded from (SeenVersionMixin) or be
listed in CREATE_ONLY with the reason it never overwrites anything.
"""

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse

from projects import services as project_services
from projects.models import ProgressEntry
from samarbeid.forms import SeenVersionMixin
from tests.conftest import build_world
from tests.forms_inventory import model_form_classes
from tests.test_permission_matrix import URLS, _objects

# Forms that only ever add a row; nothing an earlier reader saw can be overwritten.
CREATE_ONLY = {
    "CaseProposalForm": "proposes a new case",
    "ParticipationForm": "adds an organisation to the project",
    "CouncilDecisionForm": "records a new council decision",
    "MandateForm": "adds a revision of the mandate; earlier ones are kept",
    "ProjectCreateForm": "creates a new project or pilot",
}


def post_data(form) -> dict:
    """What the browser would send back for the form as it was rendered."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        widget = field.field.widget
        if isinstance(field.field, forms.ModelMultipleChoiceField):
            data[field.html_name] = [str(getattr(item, "pk", item)) for item in value]
        elif value is True:
            data[field.html_name] = "on"
        else:
            formatted = widget.format_value(value)
            if isinstance(formatted, list):
                formatted = formatted[0] if formatted else ""
            data[field.html_name] = "" if formatted is None else formatted
    return data


def text_field(form) -> str | None:
    for name, field in form.fields.items():
        if (
            isinstance(field, forms.CharField)
            and not isinstance(field.widget, forms.HiddenInput)
            and not getattr(field, "choices", None)
            and name not in {"slug", "short_name", "video_link"}
        ):
            return name
    return None


@pytest.fixture
def edit_pages(db, client, media):
    world = build_world()
    objects = _objects(world)["vag"]
    # The progress cell exists once someone has set it; only then is there anything to lose.
    project_services.progress_entry_set(
        activity=objects["activity"],
        organisation=objects["organisation"],
        status=ProgressEntry.Status.choices[0][0],
        note="Behandles i kommunestyret",
    )
    client.force_login(world.users["portal_admin"])
    pages = {}
    for name, method, args, *_ in URLS:
        if method != "get":
            continue
        url = reverse(name, args=args(world, objects))
        response = client.get(url)
        form = (response.context or {}).get("form") if response.status_code == 200 else None
        if isinstance(form, forms.ModelForm) and form.instance.pk is not None:
            pages[url] = form
    return client, pages


def test_every_model_form_checks_the_version_or_only_creates():
    unchecked = {
        cls.__name__
        for cls in model_form_classes()
        if not issubclass(cls, SeenVersionMixin) and cls.__name__ not in CREATE_ONLY
    }
    assert unchecked == set()


def test_every_versioned_form_has_an_edit_page_that_was_tested(edit_pages):
    _client, pages = edit_pages
    found = {type(form) for form in pages.values()}
    versioned = {cls for cls in model_form_classes() if issubclass(cls, SeenVersionMixin)}
    # A create-form subclass (GroupCreateForm) inherits the check but edits nothing.
    editors = {cls for cls in versioned if not cls.__name__.endswith("CreateForm")}
    assert editors <= found, editors - found


def test_a_stale_second_save_gets_the_conflict_page_with_the_text_kept(edit_pages):
    client, pages = edit_pages
    assert len(pages) >= 5
    problems = []
    for url, form in pages.items():
        field = text_field(form)
        assert field, f"{url}: no text field to edit"
        loaded = post_data(form)
        first = {**loaded, field: f"{loaded.get(field, '')} – først".strip(" –")}
        response = client.post(url, first)
        if response.status_code != 302:
            problems.append((url, "first save", response.status_code))
            continue
        second = {**loaded, field: "Min tekst som ikke må gå tapt"}
        response = client.post(url, second)
        text = response.content.decode()
        if response.status_code != 409 or "Min tekst som ikke må gå tapt" not in text:
            problems.append((url, "stale save", response.status_code))
    assert problems == []
    assert settings.LANGUAGE_CODE == "nb"
