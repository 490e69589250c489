"""Links to projects and groups only for those who may open them; plain text for the rest.

A pilot's page names its parent, a published meeting its project, an agreement its project:
a reader who may see the one but not the other would follow the link into a 404. Every
template that names a project or group another page shows goes through these tags.
"""

from django import template
from django.utils.html import format_html

from projects import permissions

register = template.Library()


def _may_open(context, project_id) -> bool:
    request = context.get("request")
    if request is None:
        return False
    ids = permissions.viewable_project_ids(request)
    return ids is None or project_id in ids


@register.simple_tag(takes_context=True)
def project_link(context, project, text=None):
    """``{% project_link project %}``: the project's name, linked if the viewer may open it."""
    if project is None:
        return ""
    label = str(project) if text is None else text
    if _may_open(context, project.pk):
        return format_html('<a href="{}">{}</a>', project.get_absolute_url(), label)
    return format_html("{}", label)


@register.simple_tag(takes_context=True)
def group_link(context, group, text=None):
    """``{% group_link group %}``: groups are as visible as their project."""
    if group is None:
        return ""
    label = group.name if text is None else text
    if _may_open(context, group.project_id):
        return format_html('<a href="{}">{}</a>', group.get_absolute_url(), label)
    return format_html("{}", label)


@register.filter
def may_open_project(project, request) -> bool:
    """``{% if project|may_open_project:request %}`` for links that are more than a name."""
    ids = permissions.viewable_project_ids(request)
    return ids is None or project.pk in ids
