"""Giving a person of the register a login: "Gi tilgang til portalen".

The user is made from the person (user name = the e-mail address in lower case, the person's
organisation, no usable password) and linked to them, so their group seats grant what they
should at once; the e-mail with the link to choose a password goes through the outbox.

accounts may import projects (accounts.admin does already; tests/infra/test_layers.py sets
no rule against it); projects imports only accounts.models, so there is no cycle.
"""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from projects import services as project_services
from projects.models import Person
from samarbeid.outbox.services import enqueue

# A repeated "send again" within this many seconds is one e-mail.
RESEND_WINDOW_SECONDS = 60


class InvitationError(Exception):
    """Why this person cannot be invited, in words for the page."""


def invitation_pending(user: User | None) -> bool:
    """Invited, but no password chosen and never logged in."""
    return user is not None and not user.has_usable_password() and user.last_login is None


def invitation_problem(person: Person) -> str | None:
    """What stands in the way of inviting the person, or None."""
    if person.user_id:
        if invitation_pending(person.user):
            return None
        return _("%(name)s already has access to the portal as %(username)s.") % {
            "name": person.name,
            "username": person.user.username,
        }
    email = person.email.strip()
    if not email:
        return _("%(name)s has no e-mail address. Add one to the person first.") % {
            "name": person.name
        }
    if len(email) > User._meta.get_field("username").max_length:
        return _("The e-mail address is too long to be a user name.")
    taken = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
    if taken.exists():
        return _(
            "The e-mail address %(email)s is already used by another user. Ask a portal "
            "administrator to link that user to %(name)s."
        ) % {"email": email, "name": person.name}
    return None


def _invite_later(user: User, by: User | None, key: str) -> None:
    enqueue("accounts.tasks.send_invitation", user.pk, getattr(by, "pk", None), key=key)


@transaction.atomic
def account_invite(*, person: Person, by: User | None) -> User:
    """Make the person's user and send the invitation; or send it again if not taken up yet.

    The person's row is locked, so two admins inviting at once make one user.
    """
    person = Person.objects.select_for_update(of=("self",)).get(pk=person.pk)
    problem = invitation_problem(person)
    if problem:
        raise InvitationError(problem)
    if person.user_id:
        window = int(time.time() // RESEND_WINDOW_SECONDS)
        _invite_later(person.user, by, key=f"account-invitation:{person.user_id}:{window}")
        return person.user
    email = person.email.strip()
    first_name, _space, last_name = person.name.rpartition(" ")
    user = User(
        username=email.lower(),
        email=email,
        first_name=first_name[:150],
        last_name=last_name[:150],
        organisation=person.organisation,
    )
    user.set_unusable_password()
    try:
        user.full_clean()
        with transaction.atomic():
            user.save()
    except (ValidationError, IntegrityError) as error:
        raise InvitationError(
            _("No user could be made for %(email)s. Check the e-mail address.") % {"email": email}
        ) from error
    project_services.user_set_organisation(user=user, organisation=person.organisation)
    project_services.person_link_user(person=person, user=user)
    _invite_later(user, by, key=f"account-invitation:{user.pk}")
    return user
