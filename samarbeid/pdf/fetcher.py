"""The only way a PDF rendering reaches a file: the project's static files and allowed stored files.

WeasyPrint's own fetcher embeds local files (``<a rel="attachment" href="file:///etc/passwd">``)
and makes real HTTP requests (to 169.254.169.254 too). Ours knows one made-up origin,
``https://samarbeid.invalid/`` (``.invalid`` never resolves, RFC 2606), which is every PDF's base
URL, and answers from disk or Django's storage: it never opens a socket, so there is no redirect
to follow, and anything else is refused.

In a PDF template, ``/static/<path>`` is a file the staticfiles finders know (stylesheets, fonts,
images), and ``/media/<name>`` a stored file whose name the caller listed in ``media_names``.
"""

import posixpath
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

ORIGIN = "https://samarbeid.invalid"
BASE_URL = f"{ORIGIN}/"
STATIC_PREFIX = "/static/"
MEDIA_PREFIX = "/media/"

# What a print stylesheet may pull in; a .py or .env under static/ is never served.
STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
# A font is under 1 MB; anything much larger in a PDF is a mistake or an attack.
MAX_BYTES = 20 * 1024 * 1024


class FetchRefused(URLFetchingError):
    """A URL the PDF may not load. WeasyPrint logs it and renders without the resource."""


class SafeURLFetcher(URLFetcher):
    """Serves /static/ and listed /media/ files of the internal origin; refuses everything else.

    ``refused`` lists every URL turned away, so the caller can log it and tests can see it.
    """

    def __init__(self, *, media_names=(), media_types=None):
        # No protocols and no redirects for the urllib machinery underneath, should anything
        # ever reach it; fetch() below never calls it.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.media_names = frozenset(media_names)
        self.media_types = media_types or MEDIA_TYPES
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        try:
            return self._fetch(url)
        except FetchRefused:
            # Logged by the caller (render.py), in the parent process.
            self.refused.append(url)
            raise

    def _fetch(self, url: str) -> URLFetcherResponse:
        try:
            parts = urlsplit(url)
        except ValueError as error:
            raise FetchRefused("malformed URL") from error
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN or parts.query:
            raise FetchRefused("not a file of the portal")
        path = unquote(parts.path)
        if path.startswith(STATIC_PREFIX):
            name = _clean_name(path.removeprefix(STATIC_PREFIX))
            return _response(url, name, STATIC_TYPES, _read_static)
        if path.startswith(MEDIA_PREFIX):
            name = _clean_name(path.removeprefix(MEDIA_PREFIX))
            if name not in self.media_names:
                raise FetchRefused("stored file not allowed in this document")
            return _response(url, name, self.media_types, _read_stored)
        raise FetchRefused("not a file of the portal")


def _clean_name(name: str) -> str:
    """A relative path with no way out of its folder: no '..', no absolute path, no NUL."""
    if (
        not name
        or "\x00" in name
        or "\\" in name
        or name.startswith("/")
        or posixpath.normpath(name) != name
        or ".." in name.split("/")
    ):
        raise FetchRefused("bad path")
    return name


def _response(url, name, types, read) -> URLFetcherResponse:
    content_type = types.get(posixpath.splitext(name)[1].lower())
    if content_type is None:
        raise FetchRefused("file type not allowed")
    try:
        body = read(name)
    except FetchRefused:
        raise
    except (OSError, SuspiciousFileOperation) as error:
        raise FetchRefused("file not found") from error
    return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


def _read_static(name: str) -> bytes:
    # The finders read the source folders (tests, runserver, the image keeps static/ too);
    # the storage is what collectstatic filled, for a deployment without the sources.
    path = finders.find(name)
    if path:
        with open(path, "rb") as file:
            return _read_limited(file)
    with staticfiles_storage.open(name) as file:
        return _read_limited(file)


def _read_stored(name: str) -> bytes:
    with default_storage.open(name) as file:
        return _read_limited(file)


def _read_limited(file) -> bytes:
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FetchRefused("file too large")
    return data
