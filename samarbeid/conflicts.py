"""Refusing stale saves, so two people editing the same thing never overwrite each other."""

import datetime

from django.db import router, transaction
from django.db.transaction import TransactionManagementError
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone else saved the object after the editor loaded it."""

    message = _(
        "Someone else saved changes while you were editing. Your text is kept below: "
        "compare it with the current version and save again to keep yours."
    )

    def __init__(self, current):
        super().__init__(str(self.message))
        self.current = current


def require_transaction(model, what: str) -> None:
    """Refuse a row lock outside ``transaction.atomic``, on every database.

    PostgreSQL refuses ``select_for_update`` in autocommit with a 500 in production, while
    SQLite and the tests' wrapping transaction let it pass: fail the same way everywhere,
    saying what the caller forgot.
    """
    if not transaction.get_connection(router.db_for_write(model)).in_atomic_block:
        raise TransactionManagementError(
            f"{what} locks rows: call it inside transaction.atomic (decorate the service)."
        )


def ensure_unchanged(instance, seen_updated_at: datetime.datetime | None):
    """Raise EditConflict unless ``instance`` is as the editor last saw it.

    Locks the row, so the comparison and the caller's save happen as one step
    inside the caller's transaction. Returns the stored row: a ModelForm has already
    written the user's values onto ``instance``, so "before" must be read from it.
    """
    require_transaction(type(instance), "ensure_unchanged")
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if seen_updated_at is None or current.updated_at != seen_updated_at:
        raise EditConflict(current)
    return current


class WorkflowError(Exception):
    """A step an object cannot take in its present state (e.g. editing approved minutes).

    The message is for the user and says why.
    """
