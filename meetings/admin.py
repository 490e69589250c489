"""Django admin for the meetings models, for portal admins repairing data.

Case numbers are never edited here: they come from the group's counter (services)."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    ActionItem,
    ActionItemUpdate,
    Attachment,
    CalendarFeed,
    Case,
    CaseComment,
    InvitationDelivery,
    Meeting,
    MinutesArchive,
    MinutesEvent,
    MinutesRendering,
    Participant,
    PublishedMinutes,
)


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["person", "organisation", "substitute_for"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "group", "starts_at", "status", "minutes_status", "published_at"]
    list_filter = ["status", "minutes_status"]
    list_select_related = ["group"]
    search_fields = ["title", "group__name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["secretary", "chair"]
    raw_id_fields = ["group"]
    filter_horizontal = ["also_for"]
    inlines = [ParticipantInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "group", "meeting", "kind"]
    list_filter = ["kind", "exempt_from_public"]
    list_select_related = ["group", "meeting"]
    search_fields = ["title"]
    raw_id_fields = [
        "group",
        "meeting",
        "approves_minutes_of",
        "postponed_from",
        "established_groups",
        "council_decisions",
    ]
    readonly_fields = ["year", "number"]


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "deadline"]
    list_filter = ["status"]
    search_fields = ["description"]
    raw_id_fields = ["case", "responsible_group"]
    autocomplete_fields = ["responsible_people", "responsible_organisation"]


@admin.register(InvitationDelivery)
class InvitationDeliveryAdmin(admin.ModelAdmin):
    list_display = ["meeting", "email", "sequence", "method", "sent_at"]
    list_select_related = ["meeting"]
    readonly_fields = ["meeting", "email", "sequence", "method", "sent_at"]

    def has_add_permission(self, request):
        # Written by the sending task only; an empty hand-made row broke the NOT NULLs (500).
        return False


@admin.register(MinutesArchive)
class MinutesArchiveAdmin(SimpleHistoryAdmin):
    """Filed copies are records: shown, never changed or deleted here."""

    list_display = ["meeting", "minutes_version", "version", "variant", "produced_at", "sha256"]
    list_filter = ["version"]
    list_select_related = ["meeting"]
    readonly_fields = [f.name for f in MinutesArchive._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MinutesRendering)
class MinutesRenderingAdmin(admin.ModelAdmin):
    """Shown, never edited; deleting a failed row lets the next download or sweep try again."""

    list_display = ["meeting", "version", "approval", "state", "timed_out", "updated_at"]
    list_filter = ["state", "version"]
    list_select_related = ["meeting", "approval"]
    readonly_fields = [f.name for f in MinutesRendering._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PublishedMinutes)
class PublishedMinutesAdmin(SimpleHistoryAdmin):
    """What the public saw: a record, changed only by publishing and taking down."""

    list_display = ["meeting", "number", "status", "published_at", "taken_down_at"]
    list_filter = ["status"]
    list_select_related = ["meeting"]
    readonly_fields = [f.name for f in PublishedMinutes._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model in (ActionItemUpdate, Attachment, CaseComment, MinutesEvent, Participant):
    admin.site.register(model, SimpleHistoryAdmin)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    # The secret is never shown: only its hash is stored, and that stays out of sight too.
    exclude = ["token_hash"]
    readonly_fields = ["created_at"]
