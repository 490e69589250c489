from django import template

from meetings.attachments import KINDS

register = template.Library()


@register.filter
def attachment_kind(content_type: str) -> str:
    """“PDF”, “Word document”… for a stored content type."""
    kind = KINDS.get(content_type)
    return kind.label if kind else content_type
