"""E-mails a worker wrote with Django's file backend, read back as messages."""

import email
from pathlib import Path

# The file backend writes every message sent through one connection into one file, each followed
# by a line of 79 dashes: an invitation batch is one file holding many e-mails.
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def written_mails(folder: Path) -> list:
    """Every e-mail written into `folder`, in file order; none when the folder is not there."""
    found = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                found.append(email.message_from_bytes(chunk.strip()))
    return found
