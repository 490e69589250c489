"""projects/migrations/0005: before one address may belong to one person, stray spaces are
trimmed and two people sharing an address stop the migration with their ids (nothing is
chosen for the operator)."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from projects.models import Person
from tests.factories import PersonFactory

NAME = "0005_person_phone_unique_email"
migration = import_module(f"projects.migrations.{NAME}")


@pytest.fixture
def apps(db):
    """The models as the migration sees them (untracked, as in a real migrate)."""
    return MigrationLoader(connection).project_state(("projects", NAME)).apps


def test_spaces_are_trimmed(apps):
    person = PersonFactory(email="kari@grue.no")
    Person.objects.filter(pk=person.pk).update(email="  kari@grue.no ")
    migration.trim_and_check_emails(apps, None)
    person.refresh_from_db()
    assert person.email == "kari@grue.no"


def test_two_people_with_one_address_stop_the_migration_by_id(apps):
    first = PersonFactory(email="kari@grue.no")
    second = PersonFactory(email="")
    # A leading space slips past the case-insensitive constraint, as data from before it.
    Person.objects.filter(pk=second.pk).update(email=" KARI@grue.no")
    with pytest.raises(RuntimeError) as refused:
        migration.trim_and_check_emails(apps, None)
    assert f"person {first.pk} and person {second.pk}" in str(refused.value)


def test_blank_addresses_may_repeat(apps):
    PersonFactory(email="")
    PersonFactory(email="")
    migration.trim_and_check_emails(apps, None)
