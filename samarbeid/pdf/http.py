"""How views hand out PDFs and report a rendering that failed."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from samarbeid.pdf.render import PdfRenderError


def pdf_response(pdf: bytes, *, filename: str, private: bool = True) -> HttpResponse:
    """The PDF shown in the browser's viewer, saved under ``filename`` (Norwegian letters kept)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Internal minutes must not sit in a shared proxy cache. Public ones may, but revalidated
    # each time: minutes taken down must not stay readable from a cache.
    response["Cache-Control"] = "private, no-cache" if private else "no-cache"
    return response


def pdf_error_page(request, error: PdfRenderError) -> HttpResponse:
    """A clear page instead of a 500: the PDF could not be made now (already logged)."""
    status = 503
    response = render(request, "pdf/error.html", {"timed_out": error.timed_out}, status=status)
    response["Retry-After"] = "60"
    return response


# Seconds the "being prepared" page asks the browser to wait before it asks again.
PENDING_RETRY_SECONDS = 10


def pdf_pending_page(request) -> HttpResponse:
    """202 while the worker makes the PDF; the page reloads itself (no script: CSP)."""
    context = {"retry_seconds": PENDING_RETRY_SECONDS, "again_url": request.get_full_path()}
    response = render(request, "pdf/pending.html", context, status=202)
    response["Retry-After"] = str(PENDING_RETRY_SECONDS)
    # Never kept by a proxy: the next answer is the PDF.
    response["Cache-Control"] = "no-store"
    return response
