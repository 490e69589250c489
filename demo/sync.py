"""Writing demo rows only when they differ from the data: how ``load_demo`` stays idempotent.

django-simple-history adds a history row on every save(), changed or not, so a rerun that
saved unchanged rows would fill every page's history with noise.
"""

from django.db import models


def changed_fields(instance: models.Model, fields: dict) -> dict:
    """The entries of ``fields`` whose value differs from the instance's.

    Foreign keys are compared by id, so no related row is fetched.
    """
    changes = {}
    for name, value in fields.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            current, wanted = getattr(instance, field.attname), getattr(value, "pk", None)
        else:
            current, wanted = getattr(instance, name), value
        if current != wanted:
            changes[name] = value
    return changes


def update_if_changed(instance: models.Model, **fields) -> models.Model:
    """Set ``fields`` and save, but only when one differs: idempotence = no history noise."""
    changes = changed_fields(instance, fields)
    if changes:
        for name, value in changes.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance.save()
    return instance
