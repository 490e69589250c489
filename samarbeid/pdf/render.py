"""Django template → HTML → PDF, each WeasyPrint run in a forked child with a time limit.

WeasyPrint is pure Python and C libraries with no cancellation: a thread running it cannot be
stopped, and a Celery soft time limit only helps inside a worker, not in a web request. So the
layout runs in a child process forked from the caller (Linux, where the portal runs): the child
inherits the loaded WeasyPrint and Django, so a fork costs milliseconds, not the second a fresh
interpreter would. When the time limit passes, the parent kills the child (SIGKILL) and raises
PdfRenderError. The template is rendered in the parent: database queries never run in the child,
which leaves with os._exit and so never touches the connections it inherited. A child that hangs
on a lock another thread held at fork time is killed the same way.
"""

import functools
import hashlib
import logging
import os
import pickle
import select
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import weasyprint
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from samarbeid.pdf.fetcher import BASE_URL, SafeURLFetcher

logger = logging.getLogger(__name__)

# What WeasyPrint 70 can claim and we accept; None is a plain (tagged) PDF.
VARIANTS = frozenset({"pdf/a-2b", "pdf/a-2u", "pdf/a-2a", "pdf/a-3b", "pdf/a-3u", "pdf/ua-1"})
# The archive copy: see README ("PDF/A"): Unicode text (-u) with tags, without claiming the
# full logical structure of level A, which nothing here can verify.
ARCHIVE_VARIANT = "pdf/a-2u"

_OK, _FAILED = b"0", b"1"
# Part of every cache key: change it when what _write_pdf gives WeasyPrint changes.
_RENDERER_VERSION = f"1/weasyprint-{weasyprint.__version__}"


class PdfRenderError(Exception):
    """A PDF could not be made: the time limit passed, or WeasyPrint failed. Already logged."""

    def __init__(self, message: str, *, timed_out: bool = False):
        super().__init__(message)
        self.timed_out = timed_out


class PdfQueued(Exception):
    """The PDF is being made in the worker (too large, or too slow for a web request)."""


@dataclass(frozen=True)
class _Job:
    html: str
    variant: str | None
    lang: str
    title: str
    media_names: frozenset[str]


@dataclass(frozen=True)
class PdfDocument:
    """A document ready to be laid out: its HTML (the template already rendered) and options.

    ``key`` names its content: the same for the same HTML, options and print assets, new after
    any change. The cache, the queue of renderings for the worker and the memory of renderings
    that failed all use it.
    """

    html: str
    title: str
    variant: str | None = None
    lang: str = "nb"
    media_names: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        return content_key(
            self.title,
            self.variant or "",
            self.lang,
            self.html,
            *sorted(self.media_names),
        )

    def render(self, *, time_limit: float | None = None) -> bytes:
        return html_to_pdf(
            self.html,
            title=self.title,
            variant=self.variant,
            lang=self.lang,
            media_names=self.media_names,
            time_limit=time_limit,
        )


def prepare_pdf(
    template_name: str,
    context: dict,
    *,
    title: str,
    variant: str | None = None,
    lang: str = "nb",
    media_names=(),
) -> PdfDocument:
    """The template rendered (all database reads happen here), not yet laid out."""
    pdf_context = {"title": title, "lang": lang, "variant": variant}
    html = render_to_string(template_name, {**context, "pdf": pdf_context})
    return PdfDocument(html, title, variant, lang, frozenset(media_names))


def render_pdf(
    template_name: str,
    context: dict,
    *,
    title: str,
    variant: str | None = None,
    lang: str = "nb",
    media_names=(),
    time_limit: float | None = None,
    cache_seconds: int | None = None,
) -> bytes:
    """The PDF of a template: tagged, with ``lang`` and ``title`` in its metadata.

    The template sees ``pdf.title``, ``pdf.lang`` and ``pdf.variant``; it usually extends
    ``pdf/base.html``. Raises PdfRenderError (logged) when the rendering fails or takes longer
    than ``time_limit`` seconds (default ``settings.PDF_RENDER_TIME_LIMIT``).

    With ``cache_seconds``, the PDF is kept in Django's cache under the document's ``key``:
    unchanged content is never laid out twice, and any change (a word, a date in the footer, a
    new stylesheet) makes a new key.
    """
    document = prepare_pdf(
        template_name, context, title=title, variant=variant, lang=lang, media_names=media_names
    )
    if not cache_seconds:
        return document.render(time_limit=time_limit)
    pdf = cached_pdf(document.key)
    if pdf is None:
        pdf = document.render(time_limit=time_limit)
        cache_pdf(document.key, pdf, cache_seconds)
    return pdf


def content_key(*parts: str) -> str:
    """A name for content laid out by this renderer: new when the parts, the renderer or the
    print stylesheets and fonts change."""
    digest = hashlib.sha256()
    for part in (_RENDERER_VERSION, _assets_digest(), *parts):
        digest.update(str(part).encode())
        digest.update(b"\x00")
    return f"pdf:{digest.hexdigest()}"


def cached_pdf(key: str) -> bytes | None:
    """A PDF from the cache; None when it is not there or the cache cannot be reached."""
    try:
        return cache.get(key)
    except Exception:
        # Redis down: render instead of failing the download; the cache is only a shortcut.
        logger.exception("PDF cache unavailable (get %s)", key)
        return None


def cache_pdf(key: str, pdf: bytes, seconds: int) -> None:
    try:
        cache.set(key, pdf, seconds)
    except Exception:
        logger.exception("PDF cache unavailable (set %s)", key)


@functools.cache
def _assets_digest() -> str:
    """What the print stylesheets and fonts are in this deployment, read once per process."""
    digest = hashlib.sha256()
    for folder in settings.STATICFILES_DIRS:
        for path in sorted(Path(folder).glob("css/print*.css")) + sorted(
            Path(folder).glob("fonts/*")
        ):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def html_to_pdf(
    html: str,
    *,
    title: str,
    variant: str | None = None,
    lang: str = "nb",
    media_names=(),
    time_limit: float | None = None,
) -> bytes:
    """The PDF of an HTML string, fetched through SafeURLFetcher only, within the time limit."""
    if variant is not None and variant not in VARIANTS:
        raise ValueError(f"Unknown PDF variant {variant!r}; choose one of {sorted(VARIANTS)}.")
    limit = time_limit if time_limit is not None else settings.PDF_RENDER_TIME_LIMIT
    job = _Job(html, variant, lang, title, frozenset(media_names))
    started = time.monotonic()
    try:
        _prepared()
    except Exception as error:
        logger.exception("PDF set-up failed (fonts, libraries)")
        raise PdfRenderError(f"set-up failed: {error}") from error
    pdf = _run_in_child(job, limit)
    logger.info(
        "PDF %r (%s) rendered in %.2f s, %d bytes",
        title,
        variant or "plain",
        time.monotonic() - started,
        len(pdf),
    )
    return pdf


_FONTS_CSS = f"{BASE_URL}static/css/print-fonts.css"
_WARM_UP = (
    '<html lang="nb"><body><p style="font-family: \'Samarbeid Sans\'">Æøå <b>ÆØÅ</b> <i>æøå</i>'
    "</p><table><thead><tr><th>Sak</th></tr></thead><tbody><tr><td>1/18</td></tr></tbody>"
    "</table></body></html>"
)


@functools.cache
def _prepared() -> tuple[FontConfiguration, CSS]:
    """The bundled fonts, registered once per process, and the libraries warmed up.

    Runs in the parent before the first fork, so every child inherits both: registering seven
    fonts and the first layout's set-up (fontconfig, Pango, WeasyPrint's caches) would
    otherwise cost each PDF about 0.2 s. The warm-up is a fixed document of ours, the only
    layout that ever runs outside a time-limited child.
    """
    font_config = FontConfiguration()
    fonts = CSS(url=_FONTS_CSS, url_fetcher=SafeURLFetcher(), font_config=font_config)
    HTML(string=_WARM_UP, base_url=BASE_URL, url_fetcher=SafeURLFetcher()).render(
        font_config=font_config, stylesheets=[fonts], pdf_tags=True
    ).write_pdf(pdf_tags=True)
    return font_config, fonts


def _write_pdf(job: _Job) -> tuple[bytes, list[str]]:
    font_config, fonts = _prepared()
    fetcher = SafeURLFetcher(media_names=job.media_names)
    # The fetcher goes to HTML(): given to write_pdf() WeasyPrint ignores it and fetches freely.
    options = {"pdf_variant": job.variant, "pdf_tags": True}
    document = HTML(string=job.html, base_url=BASE_URL, url_fetcher=fetcher).render(
        font_config=font_config, stylesheets=[fonts], **options
    )
    # Set here, not only in the template, so every PDF carries them (PDF/UA and screen readers).
    document.metadata.title = job.title
    document.metadata.lang = job.lang
    return document.write_pdf(**options), fetcher.refused


def _run_in_child(job: _Job, limit: float) -> bytes:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; its work shows in the parent's result
        os.close(read_end)
        _child(job, write_end)
    os.close(write_end)
    try:
        data = _read_until_closed(read_end, limit)
        if data is None:
            os.kill(pid, signal.SIGKILL)
    except BaseException:
        # Celery's soft time limit or a KeyboardInterrupt while we wait: the child goes too,
        # never left running on its own.
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(read_end)
    _, wait_status = os.waitpid(pid, 0)
    if data is None:
        logger.error("PDF %r: stopped after the time limit of %s s", job.title, limit)
        raise PdfRenderError(f"time limit of {limit} s passed", timed_out=True)
    status, payload = data[:1], data[1:]
    if status == _OK:
        pdf, refused = pickle.loads(payload)  # noqa: S301 - our own child's bytes
        for url in refused:
            logger.warning("PDF %r: refused to fetch %s", job.title, url[:200])
        return pdf
    # A child killed from outside, or crashed in C code, answers nothing.
    message = payload.decode("utf-8", "replace") if data else f"no answer ({wait_status})"
    logger.error("PDF %r failed: %s", job.title, message)
    raise PdfRenderError(message)


def _child(job: _Job, write_end: int) -> None:  # pragma: no cover - runs in the child
    code = 0
    try:
        try:
            payload = _OK + pickle.dumps(_write_pdf(job), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # everything goes back to the parent
            code = 1
            payload = _FAILED + f"{type(error).__name__}: {error}".encode()
        view = memoryview(payload)
        while view:
            view = view[os.write(write_end, view) :]
    finally:
        # Never run the parent's atexit handlers or close its database connections.
        os._exit(code)


def _read_until_closed(read_end: int, limit: float) -> bytes | None:
    """The child's answer, or None after killing it when the time limit passes."""
    deadline = time.monotonic() + limit
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([read_end], [], [], remaining)[0]:
            return None
        chunk = os.read(read_end, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
