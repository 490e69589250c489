"""The meetings side of the person page (projects): the open action items naming the person.

A template tag, so that projects' views need not import meetings (which depends on projects).
"""

from django import template

from meetings import action_selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def open_action_items_of(context, person):
    return list(action_selectors.person_open_items(context["request"].user, person))
