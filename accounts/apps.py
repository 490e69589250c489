from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth import user_logged_in
        from django.contrib.auth.models import update_last_login

        from accounts.models import record_last_login
        from samarbeid.auth import discard_foreign_kept_post
        from samarbeid.sessions import record_login_time

        # Django's own handler saves the whole user, which would add a history row on
        # every login; ours writes only last_login, which history does not track.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(record_last_login, dispatch_uid="record_last_login")
        user_logged_in.connect(record_login_time, dispatch_uid="record_login_time")
        user_logged_in.connect(discard_foreign_kept_post, dispatch_uid="discard_foreign_kept_post")
