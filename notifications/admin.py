from django.contrib import admin

from notifications.models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "subject", "state", "created_at", "sent_at"]
    list_filter = ["kind", "state"]
    search_fields = ["key", "subject", "recipient__username"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        # Made by the notify services only; every field is read-only, so a hand-made one
        # could only be an empty row that breaks the NOT NULLs (500).
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]
