"""Every form the project's views use, found by walking the form classes of its apps.

Suites that must cover "every form" (rich text, lost updates) take their list from here,
so a form added on another branch is covered when it is merged.
"""

from importlib import import_module

from django import forms

PROJECT_APPS = ("accounts", "projects", "meetings", "agreements", "samarbeid")
# Form modules besides each app's forms.py.
EXTRA_FORM_MODULES = ("meetings.action_forms", "meetings.decision_forms", "projects.people_forms")


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def project_form_classes() -> list[type[forms.BaseForm]]:
    for app in PROJECT_APPS:
        try:
            import_module(f"{app}.forms")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.forms":
                raise
    for module in EXTRA_FORM_MODULES:
        import_module(module)
    found = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.split(".")[0] in PROJECT_APPS and "Mixin" not in cls.__name__
    }
    return sorted(found, key=lambda cls: (cls.__module__, cls.__name__))


def model_form_classes() -> list[type[forms.ModelForm]]:
    return [
        cls
        for cls in project_form_classes()
        if issubclass(cls, forms.ModelForm) and getattr(cls._meta, "model", None) is not None
    ]


def rich_text_fields() -> set[tuple[str, str]]:
    """(model label, field) of each field a form edits with the rich-text editor."""
    fields = set()
    for cls in model_form_classes():
        # base_fields hold widget instances; Meta.widgets may name a widget class.
        for name, field in cls.base_fields.items():
            if field.widget.attrs.get("data-rich-text"):
                fields.add((cls._meta.model._meta.label, name))
    return fields
