"""The link a password e-mail asks to follow."""

import re

from django.core import mail


def link_in(message: mail.EmailMessage) -> str:
    """The path of the one portal link the e-mail asks to follow."""
    found = re.findall(r"http://127\.0\.0\.1:8000(/konto/[^\s]+/)", message.body)
    assert found, message.body
    return found[0]
