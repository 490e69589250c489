"""Guardian's direct foreign-key permission tables for our objects.

Grants here are derived from memberships, project administrators and
participation by projects.permissions; nobody edits them by hand, so they carry
no history of their own (the memberships they come from do).
"""

from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class ProjectUserPermission(UserObjectPermissionBase):
    """A permission on a project held by one user (project administrator, group member)."""

    content_object = models.ForeignKey("projects.Project", on_delete=models.CASCADE)


class ProjectOrganisationPermission(GroupObjectPermissionBase):
    """A permission on a project held by everyone in an organisation (its auth group)."""

    content_object = models.ForeignKey("projects.Project", on_delete=models.CASCADE)


class ProjectGroupUserPermission(UserObjectPermissionBase):
    """A permission on a steering/working group held by one user (secretary, member)."""

    content_object = models.ForeignKey("projects.ProjectGroup", on_delete=models.CASCADE)
