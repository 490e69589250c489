"""The demo people's e-mail addresses: the one thing in the demo that is made up.

The documents give no addresses, but an invitation, a notice or "Gi tilgang til portalen"
needs one to reach anybody. So each person gets ``fornavn.etternavn@<organisation>.example``:
plausible to read, and on the ``.example`` top-level domain that RFC 2606 reserves, so no
mail sent from a demo can ever reach a real inbox.
"""

import re
import unicodedata

DOMAIN = "example"
# Whose workplace the documents do not name.
NO_ORGANISATION = "samarbeid-demo"
# The letters NFKD does not take apart, spelt as Norwegian addresses spell them.
_SPELLED = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().translate(_SPELLED))
    return text.encode("ascii", "ignore").decode()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _ascii(text))


def organisation_domain(organisation: str | None) -> str:
    """ "Grue kommune" → grue.kommune.example; "NAV Nordland" → nav-nordland.example."""
    if not organisation:
        return f"{NO_ORGANISATION}.{DOMAIN}"
    words = _words(organisation)
    if words[-1] == "kommune":
        return ".".join(["-".join(words[:-1]), "kommune", DOMAIN])
    return f"{'-'.join(words)}.{DOMAIN}"


def demo_address(name: str, organisation: str | None = None) -> str:
    """ "Åshild J. Nordnes", "NAV Nordland" → ashild.j.nordnes@nav-nordland.example."""
    return f"{'.'.join(_words(name))}@{organisation_domain(organisation)}"
