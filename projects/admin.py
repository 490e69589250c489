"""Django admin for every projects model. Saves go through the same services' permission
sync as the portal's own forms, so a grant never drifts from its membership."""

from operator import attrgetter

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from projects import permissions
from projects.models import (
    CouncilDecision,
    FundingLine,
    GroupMandate,
    GroupMembership,
    GroupSeatPlan,
    Organisation,
    OrganisationSuccession,
    Person,
    Phase,
    ProgressActivity,
    ProgressEntry,
    Project,
    ProjectAdministrator,
    ProjectGroup,
    ProjectParticipation,
)


class SyncsProjectPermissions:
    """After any admin change, recompute the grants of the project it touches."""

    project_path = "project"

    def _project_of(self, obj):
        return attrgetter(self.project_path)(obj) if self.project_path else obj

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        permissions.sync_project_permissions(self._project_of(obj))

    def delete_model(self, request, obj):
        project = self._project_of(obj)
        super().delete_model(request, obj)
        permissions.sync_project_permissions(project)

    def delete_queryset(self, request, queryset):
        projects = {self._project_of(obj) for obj in queryset}
        for obj in queryset:
            # One by one, so history records each deletion.
            obj.delete()
        for project in projects:
            permissions.sync_project_permissions(project)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        permissions.sync_project_permissions(self._project_of(form.instance))


class ParticipationInline(admin.TabularInline):
    model = ProjectParticipation
    extra = 0
    autocomplete_fields = ["organisation"]


class AdministratorInline(admin.TabularInline):
    model = ProjectAdministrator
    extra = 0
    autocomplete_fields = ["user"]


class PhaseInline(admin.StackedInline):
    model = Phase
    extra = 0


@admin.register(Project)
class ProjectAdmin(SyncsProjectPermissions, SimpleHistoryAdmin):
    list_display = ["name", "short_name", "status", "parent"]
    list_filter = ["status"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [ParticipationInline, AdministratorInline, PhaseInline]
    project_path = ""


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "kind",
        "municipality_number",
        "county_number",
        "organisation_number",
        "county",
        "ended_on",
        "merged_into",
    ]
    list_filter = ["kind", "county"]
    list_select_related = ["merged_into"]
    search_fields = ["name", "municipality_number", "county_number", "organisation_number"]
    autocomplete_fields = ["merged_into"]
    readonly_fields = ["merged_from"]

    @admin.display(description=_("merged from"))
    def merged_from(self, obj):
        return ", ".join(p.name for p in obj.predecessors.order_by("name")) or "–"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        permissions.organisation_auth_group(obj)


@admin.register(OrganisationSuccession)
class OrganisationSuccessionAdmin(SimpleHistoryAdmin):
    list_display = ["predecessor", "successor", "effective_on"]
    list_select_related = ["predecessor", "successor"]
    search_fields = ["predecessor__name", "successor__name"]
    autocomplete_fields = ["predecessor", "successor"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "organisation", "user"]
    list_select_related = ["organisation", "user"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["organisation", "user"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        permissions.sync_permissions_for_person(obj)


class MandateInline(admin.StackedInline):
    model = GroupMandate
    extra = 0


class MembershipInline(admin.TabularInline):
    model = GroupMembership
    fk_name = "group"
    extra = 0
    autocomplete_fields = ["person", "organisation"]
    raw_id_fields = ["replaces", "stands_in_for"]


class SeatPlanInline(admin.TabularInline):
    model = GroupSeatPlan
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(ProjectGroup)
class ProjectGroupAdmin(SyncsProjectPermissions, SimpleHistoryAdmin):
    list_display = ["name", "kind", "project"]
    list_filter = ["kind"]
    list_select_related = ["project"]
    search_fields = ["name", "project__name"]
    inlines = [MandateInline, SeatPlanInline, MembershipInline]


@admin.register(GroupMembership)
class GroupMembershipAdmin(SyncsProjectPermissions, SimpleHistoryAdmin):
    list_display = ["person", "role", "group", "organisation", "start_date", "end_date"]
    list_filter = ["role"]
    list_select_related = ["person", "group", "organisation"]
    search_fields = ["person__name", "group__name"]
    autocomplete_fields = ["person", "organisation"]
    raw_id_fields = ["replaces", "stands_in_for", "group"]
    project_path = "group.project"


@admin.register(ProjectParticipation)
class ProjectParticipationAdmin(SyncsProjectPermissions, SimpleHistoryAdmin):
    list_display = ["project", "organisation", "role"]
    list_select_related = ["project", "organisation"]


@admin.register(ProjectAdministrator)
class ProjectAdministratorAdmin(SyncsProjectPermissions, SimpleHistoryAdmin):
    list_display = ["project", "user"]
    list_select_related = ["project", "user"]


@admin.register(CouncilDecision)
class CouncilDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["case_number", "municipality", "decided_on", "project"]
    list_select_related = ["municipality", "project"]
    search_fields = ["case_number", "title"]


for model in (GroupMandate, GroupSeatPlan, Phase, FundingLine, ProgressActivity, ProgressEntry):
    admin.site.register(model, SimpleHistoryAdmin)
