"""Every page a user can reach by following links, for the suites that check each page.

The crawl starts at the home page and the project list and follows every same-site
link, so a page added by a new view is checked as soon as something links to it,
without new test code. The CSRF, no-500 and accessibility suites share it.
"""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.urls import Resolver404, resolve

START = ("/", "/prosjekter/", "/konto/logg-inn/")
# Django's own admin is not our templates; logging out would end the crawl's session.
SKIPPED_PREFIXES = ("/admin/", "/konto/logg-ut/", "/static/", "/media/")
# Pages of one kind (one URL pattern) differ only in their rows: a few of each is enough.
PER_PATTERN = 4


@dataclass
class Form:
    method: str
    action: str
    inputs: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Page:
    url: str
    status: int
    url_name: str
    html: str = ""
    links: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            method = attributes.get("method", "get").lower()
            self.forms.append(Form(method=method, action=attributes.get("action", "")))
        elif tag in {"input", "button", "textarea", "select"} and self.forms:
            self.forms[-1].inputs.append({"tag": tag, **attributes})


def parse(html: str) -> _Parser:
    parser = _Parser()
    parser.feed(html)
    return parser


def url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def same_site_path(base: str, href: str) -> str | None:
    if href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    absolute, _fragment = urldefrag(urljoin("http://testserver" + base, href))
    parts = urlsplit(absolute)
    if parts.netloc != "testserver":
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if path.startswith(SKIPPED_PREFIXES):
        return None
    return path


def crawl(get, start=START, *, per_pattern: int = PER_PATTERN) -> dict[str, Page]:
    """Follow links from ``start`` with ``get(path) -> (status, content_type, text)``."""
    pages: dict[str, Page] = {}
    per_name: dict[str, int] = {}
    queue = deque(start)
    seen = set(start)
    while queue:
        path = queue.popleft()
        name = url_name(path) or "?"
        status, content_type, text = get(path)
        page = Page(url=path, status=status, url_name=name)
        pages[path] = page
        if status != 200 or not content_type.startswith("text/html"):
            continue
        page.html = text
        parsed = parse(text)
        page.forms = parsed.forms
        for href in parsed.links:
            target = same_site_path(path, href)
            if target is None or target in seen:
                continue
            target_name = url_name(target) or "?"
            if per_name.get(target_name, 0) >= per_pattern:
                continue
            per_name[target_name] = per_name.get(target_name, 0) + 1
            seen.add(target)
            queue.append(target)
            page.links.append(target)
    return pages


def client_getter(client):
    """``get`` for crawl() through Django's test client (redirects followed, as a browser)."""

    def get(path):
        response = client.get(path, follow=True)
        content_type = response.get("Content-Type", "")
        if response.streaming or not content_type.startswith("text/html"):
            return response.status_code, content_type, ""
        return response.status_code, content_type, response.content.decode()

    return get
