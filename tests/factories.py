"""factory_boy factories. Objects that carry permissions are built through the services."""

import factory
from django.contrib.auth.hashers import make_password

from accounts.models import User
from projects import services
from projects.models import Organisation, Person, Project, ProjectGroup

PASSWORD = "korrekt-hest-batteri-stift"
# Hashing once keeps a suite that creates hundreds of users fast.
_PASSWORD_HASH = make_password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testkommune {n}")
    kind = Organisation.Kind.MUNICIPALITY
    # Wraps at 1,000: the counter runs across the whole session (a growth test alone makes
    # 1,000 organisations), while a number has four digits and is unique only per test.
    municipality_number = factory.Sequence(lambda n: f"{9000 + n % 1000:04d}")
    county = "Innlandet"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.organisation_create(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.no")
    password = _PASSWORD_HASH
    organisation = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        organisation = kwargs.pop("organisation", None)
        user = super()._create(model_class, *args, **kwargs)
        if organisation is not None:
            services.user_set_organisation(user=user, organisation=organisation)
        return user


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="no_NO")
    organisation = factory.SubFactory(OrganisationFactory)
    title = ""
    email = ""


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Samarbeidsprosjekt {n}")
    slug = factory.Sequence(lambda n: f"prosjekt-{n}")
    short_name = ""
    background = "Felles utredning av tjenester."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.project_create(**kwargs)


class ProjectGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectGroup

    project = factory.SubFactory(ProjectFactory)
    kind = ProjectGroup.Kind.WORKING_GROUP
    name = factory.Sequence(lambda n: f"Arbeidsgruppe {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.group_create(**kwargs)
