from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A person who logs in. Each belongs to one organisation, whose projects they may read."""

    organisation = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
        help_text=_(
            "The municipality or body the user works for. Users read the projects "
            "their organisation takes part in."
        ),
    )
    is_director = models.BooleanField(
        _("director"),
        default=False,
        help_text=_(
            "Chief municipal executive (kommunedirektør/rådmann) or county director: "
            "approves and signs agreements for the organisation."
        ),
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


def record_last_login(sender, user, **kwargs):
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
