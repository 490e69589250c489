from projects.models.decisions import CouncilDecision, ProgressActivity, ProgressEntry
from projects.models.groups import GroupMandate, GroupMembership, GroupSeatPlan, ProjectGroup
from projects.models.organisations import Organisation, OrganisationSuccession, Person
from projects.models.permissions import (
    ProjectGroupUserPermission,
    ProjectOrganisationPermission,
    ProjectUserPermission,
)
from projects.models.projects import (
    FundingLine,
    Phase,
    Project,
    ProjectAdministrator,
    ProjectParticipation,
)

__all__ = [
    "CouncilDecision",
    "FundingLine",
    "GroupMandate",
    "GroupMembership",
    "GroupSeatPlan",
    "Organisation",
    "OrganisationSuccession",
    "Person",
    "Phase",
    "ProgressActivity",
    "ProgressEntry",
    "Project",
    "ProjectAdministrator",
    "ProjectGroup",
    "ProjectGroupUserPermission",
    "ProjectOrganisationPermission",
    "ProjectParticipation",
    "ProjectUserPermission",
]
