"""Writing Noark 5 ``arkivstruktur`` XML: the pieces the eInnsyn export and the archive package
(archive/package.py) share.

Elements are in the schema's namespace (tests/fixtures/einnsyn/arkivstruktur.xsd); the schema
is a sequence, so callers write each element's fields in the schema's order.
"""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from lxml import etree

NS = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

# Characters XML 1.0 cannot carry at all (control characters, lone surrogates): lxml refuses
# them, and a pasted form feed must not turn the export into a 500.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def q(name: str) -> str:
    return f"{{{NS}}}{name}"


def root(name: str = "arkiv"):
    return etree.Element(q(name), nsmap={None: NS, "xsi": XSI})


def sub(parent, name: str, text=None, *, type_: str = ""):
    """A child element; text is set as text (lxml escapes it), never parsed as markup."""
    element = etree.SubElement(parent, q(name))
    if type_:
        # An unprefixed QName in xsi:type is read in the default namespace: the schema's.
        element.set(f"{{{XSI}}}type", type_)
    if text is not None:
        element.text = _NOT_XML.sub("", str(text))
    return element


def when(value: datetime.datetime | str) -> str:
    """An xs:dateTime in Norwegian time with its offset, to the second."""
    moment = parse_datetime(value) if isinstance(value, str) else value
    return timezone.localtime(moment).isoformat(timespec="seconds")


def to_bytes(element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)
