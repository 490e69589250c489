"""The XSS vectors (fixtures/xss_vectors.txt) and a check for markup that could run script."""

import re
from html.parser import HTMLParser
from pathlib import Path

VECTORS_FILE = Path(__file__).with_name("fixtures") / "xss_vectors.txt"

# Tags our templates never write: from a vector, any of them is a hole.
FORBIDDEN_TAGS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "bgsound",
    "svg",
    "math",
    "style",
    "isindex",
    "keygen",
    "xss",
    "marquee",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "background",
    "data",
    "srcdoc",
}
DANGEROUS_URL = re.compile(r"^(javascript|vbscript|data:text/html|data:image/svg)", re.IGNORECASE)
# Browsers ignore these characters inside a URL scheme ("jav\tascript:").
IGNORED_IN_URLS = re.compile(r"[\x00-\x20]")


def vectors() -> list[str]:
    lines = VECTORS_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("# ")]


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not (attributes.get("src") or "").startswith("/static/"):
            self.findings.append(f"<script {attributes}>")
        if tag in FORBIDDEN_TAGS:
            self.findings.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.findings.append("<meta http-equiv=refresh>")
        if tag == "link" and not _harmless_link(attributes):
            self.findings.append(f"<link {attributes}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=...>")
            elif name == "style":
                self.findings.append(f"<{tag} style=...>")
            elif name in URL_ATTRIBUTES and DANGEROUS_URL.match(
                IGNORED_IN_URLS.sub("", value or "")
            ):
                self.findings.append(f"<{tag} {name}={value!r}>")


def _harmless_link(attributes: dict) -> bool:
    """Our own stylesheets and icon, and a feed of this site (rel=alternate to a path here);
    a title is text to the browser, whatever it holds."""
    rel, href = attributes.get("rel"), attributes.get("href") or ""
    if rel in {"stylesheet", "icon"}:
        return True
    return rel == "alternate" and href.startswith("/") and not href.startswith("//")


def live_markup(html: str) -> list[str]:
    """Every tag or attribute in ``html`` that could run script, as the browser parses it."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.findings
