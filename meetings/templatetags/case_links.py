"""The meetings side of pages that belong to projects: the case that set up a group, the
cases that refer to a council decision.

Template tags, so that projects' views need not import meetings (which depends on projects):
the page loads this library and asks for what it shows.
"""

from django import template

from meetings import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def establishing_cases(context, group):
    return selectors.establishing_cases(context["request"].user, group)


@register.simple_tag(takes_context=True)
def cases_by_council_decision(context, decisions):
    return selectors.cases_by_council_decision(
        context["request"].user, [decision.pk for decision in decisions]
    )


@register.filter
def cases_of(cases_by_decision: dict, decision) -> list:
    return cases_by_decision.get(decision.pk, [])
