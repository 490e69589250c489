from django.contrib import admin

from samarbeid.outbox.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read only: what the portal has promised to do, and how far it got."""

    list_display = ("key", "task", "state", "attempts", "created_at", "done_at")
    list_filter = ("state", "task")
    search_fields = ("key",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
