from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import User
from projects import permissions


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "organisation",
        "is_director",
        "is_staff",
    ]
    list_select_related = ["organisation"]
    list_filter = ["is_director", "is_staff", "is_superuser", "organisation__kind"]
    autocomplete_fields = ["organisation"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Organisation"), {"fields": ("organisation", "is_director")}),
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Saving the groups field would otherwise drop the organisation's auth group.
        permissions.sync_user_organisation(form.instance)
