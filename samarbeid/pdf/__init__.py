"""PDF documents of the portal (minutes, agreements): one safe way to make them.

- ``render_pdf(template_name, context, *, title, variant=None, lang="nb", media_names=())``:
  bytes of a tagged PDF, rendered in a child process with a time limit.
- ``html_to_pdf(html, ...)``: the same from an HTML string.
- ``prepare_pdf(...)`` → ``PdfDocument``: the template rendered, with the ``key`` naming its
  content; ``document.render(time_limit=...)`` lays it out. ``cached_pdf``/``cache_pdf`` keep
  PDFs under that key and carry on when the cache is down.
- ``PdfQueued``: the PDF is being made in the worker; views answer ``pdf_pending_page``
  (202, "Dokumentet blir laget").
- ``PdfRenderError``: the rendering failed or took too long (logged); views answer it with
  ``pdf_error_page(request, error)``.
- ``pdf_response(pdf, filename=...)``: the HTTP response for a PDF.
- ``SafeURLFetcher``: the only fetcher a rendering uses (static files, listed stored files).
- ``ARCHIVE_VARIANT``: the PDF/A flavour of archive copies.

Templates extend ``pdf/base.html`` (fonts and ``css/print-base.css`` loaded through the fetcher).
"""

from samarbeid.pdf.fetcher import BASE_URL, SafeURLFetcher
from samarbeid.pdf.http import pdf_error_page, pdf_pending_page, pdf_response
from samarbeid.pdf.render import (
    ARCHIVE_VARIANT,
    VARIANTS,
    PdfDocument,
    PdfQueued,
    PdfRenderError,
    cache_pdf,
    cached_pdf,
    content_key,
    html_to_pdf,
    prepare_pdf,
    render_pdf,
)

__all__ = [
    "ARCHIVE_VARIANT",
    "BASE_URL",
    "VARIANTS",
    "PdfDocument",
    "PdfQueued",
    "PdfRenderError",
    "SafeURLFetcher",
    "cache_pdf",
    "cached_pdf",
    "content_key",
    "html_to_pdf",
    "pdf_error_page",
    "pdf_pending_page",
    "pdf_response",
    "prepare_pdf",
    "render_pdf",
]
