"""Django admin for agreements, for portal admins repairing data.

Versions and signatures are records of what happened: shown, never edited here.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from agreements.models import (
    Agreement,
    AgreementApproval,
    AgreementAttachment,
    AgreementCaseDecision,
    AgreementParty,
    AgreementVersion,
    ConsultationComment,
    ConsultationRound,
    Signature,
)


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    raw_id_fields = ["organisation", "signatory"]


class CaseDecisionInline(admin.TabularInline):
    model = AgreementCaseDecision
    extra = 0
    raw_id_fields = ["case"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "project", "kind", "status", "valid_from", "valid_until"]
    list_filter = ["kind", "status"]
    list_select_related = ["project"]
    search_fields = ["title", "project__name"]
    raw_id_fields = ["project", "host_municipality", "created_by", "replaces"]
    inlines = [PartyInline, CaseDecisionInline]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "number", "created_at", "created_by"]
    raw_id_fields = ["agreement", "created_by"]


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "signer_name", "organisation_name", "signed_at", "voided_at"]
    raw_id_fields = ["agreement", "party", "version", "user"]


@admin.register(AgreementParty)
class AgreementPartyAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "organisation", "signatory", "signatory_role"]
    raw_id_fields = ["agreement", "organisation", "signatory"]


@admin.register(AgreementAttachment)
class AgreementAttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "kind", "original_name", "uploaded_at"]
    raw_id_fields = ["agreement", "uploaded_by"]


@admin.register(AgreementApproval)
class AgreementApprovalAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "party", "council", "decision"]
    raw_id_fields = ["agreement", "party", "decision", "attachment", "recorded_by"]


@admin.register(ConsultationRound)
class ConsultationRoundAdmin(SimpleHistoryAdmin):
    list_display = ["title", "agreement", "deadline", "closed_at"]
    raw_id_fields = ["agreement", "version", "opened_by"]
    filter_horizontal = ["invited"]


@admin.register(ConsultationComment)
class ConsultationCommentAdmin(SimpleHistoryAdmin):
    list_display = ["round", "section_number", "organisation", "author", "created_at"]
    raw_id_fields = ["round", "organisation", "author"]


@admin.register(AgreementCaseDecision)
class AgreementCaseDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "kind", "case", "sent_on_to"]
    list_select_related = ["agreement", "case"]
    raw_id_fields = ["agreement", "case"]
