from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from archive.models import ArchiveExport


@admin.register(ArchiveExport)
class ArchiveExportAdmin(SimpleHistoryAdmin):
    list_display = ["group", "year", "status", "requested_by", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["file", "size", "sha256", "missing"]
