"""Fails any write to a history-tracked model that django-simple-history cannot see.

simple-history records a change only through ``save()`` and ``delete()``. A
``QuerySet.update()``, ``bulk_create()`` or ``bulk_update()`` on a tracked model from the
project's own code changes rows without a history row, so during the test suite those
calls raise unless they come from a place listed in ALLOWED, each with its reason.
Test code itself may use them to set up a situation.
"""

import sys
from pathlib import Path

from django.db.models import QuerySet

BASE_DIR = Path(__file__).resolve().parents[1]
# demo/ writes the demo's rows through the same models, so it is watched like the apps.
PROJECT_CODE = tuple(
    str(BASE_DIR / app)
    for app in ("accounts", "projects", "meetings", "agreements", "samarbeid", "demo")
)
ALLOWED = {
    # last_login only, which the user's history leaves out on purpose.
    ("accounts/models.py", "record_last_login"),
    # The organisation's guardian group, a technical link history leaves out on purpose.
    ("projects/permissions.py", "organisation_auth_group"),
}
GUARDED = ("update", "bulk_create", "bulk_update")


class UntrackedWrite(AssertionError):
    pass


def is_tracked(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def _calling_project_code():
    """(relative path, function) of the nearest caller in the project's apps, if any."""
    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(str(BASE_DIR / "tests")):
            return None
        if filename.startswith(PROJECT_CODE) and "/migrations/" not in filename:
            return (str(Path(filename).relative_to(BASE_DIR)), frame.f_code.co_name)
        frame = frame.f_back
    return None


def _guard(name, original):
    def guarded(self, *args, **kwargs):
        if is_tracked(self.model):
            caller = _calling_project_code()
            if caller is not None and caller not in ALLOWED:
                raise UntrackedWrite(
                    f"{caller[0]}:{caller[1]} calls {self.model.__name__}.objects.{name}(), "
                    "which leaves no history row: save() each object, or add the place to "
                    "tests/history_guard.py ALLOWED with the reason"
                )
        return original(self, *args, **kwargs)

    guarded.__wrapped__ = original
    return guarded


def install() -> None:
    for name in GUARDED:
        original = getattr(QuerySet, name)
        if not hasattr(original, "__wrapped__"):
            setattr(QuerySet, name, _guard(name, original))
