"""PDF documents of the portal (minutes, agreements): one safe way to make them.

- ``render_pdf(template_name, context, *, title, variant=None, lang="nb", media_names=())``:
  bytes of a tagged PDF, rendered in a child process with a time limit.
- ``html_to_pdf(html, ...)``: the same from an HTML string.
- ``PdfRenderError``: the rendering failed or took too long (logged); views answer it with
  ``pdf_error_page(request, error)``.
- ``pdf_response(pdf, filename=...)``: the HTTP response for a PDF.
- ``SafeURLFetcher``: the only fetcher a rendering uses (static files, listed stored files).
- ``ARCHIVE_VARIANT``: the PDF/A flavour of archive copies.

Templates extend ``pdf/base.html`` (fonts and ``css/print-base.css`` loaded through the fetcher).
"""

from samarbeid.pdf.fetcher import BASE_URL, SafeURLFetcher
from samarbeid.pdf.http import pdf_error_page, pdf_response
from samarbeid.pdf.render import (
    ARCHIVE_VARIANT,
    VARIANTS,
    PdfRenderError,
    html_to_pdf,
    render_pdf,
)

__all__ = [
    "ARCHIVE_VARIANT",
    "BASE_URL",
    "VARIANTS",
    "PdfRenderError",
    "SafeURLFetcher",
    "html_to_pdf",
    "pdf_error_page",
    "pdf_response",
    "render_pdf",
]
