"""render_pdf and html_to_pdf: real PDFs from a real WeasyPrint, read back with pypdf."""

import logging

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from samarbeid.pdf import (
    PdfRenderError,
    html_to_pdf,
    pdf_error_page,
    pdf_response,
    render_pdf,
)
from samarbeid.pdf import render as render_module
from tests.pdf.helpers import (
    counting_http_server,
    font_names,
    pdf_text,
    pdfa_2u_problems,
    read_pdf,
    xmp_text,
)

NORWEGIAN = "Blåbærsyltetøy på Ørland, Åsnes og Ærøy: ÆØÅ æøå"


def _page(body: str, head: str = "") -> str:
    return (
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="/static/css/print-base.css">'
        f"{head}</head><body>{body}</body></html>"
    )


def test_norwegian_letters_survive_text_extraction():
    data = html_to_pdf(_page(f"<h1>{NORWEGIAN}</h1><p>{NORWEGIAN.upper()}</p>"), title="Prøve")

    # Lines may wrap anywhere; the letters must not change.
    text = " ".join(pdf_text(data).split())
    assert NORWEGIAN in text
    assert NORWEGIAN.upper() in text


def test_fonts_come_from_the_bundled_files_not_the_machine():
    # "Samarbeid Sans" exists only through print-base.css's @font-face, which the fetcher
    # serves; WeasyPrint names an embedded @font-face font after its family.
    data = html_to_pdf(_page("<p>Ærlig</p><p><b>Ørn</b> <i>Ål</i></p>"), title="Skrift")

    assert font_names(data) == {"Samarbeid-Sans", "Samarbeid-Sans-Bold", "Samarbeid-Sans-Italic"}


def test_render_pdf_sets_title_language_and_tags():
    data = render_pdf("pdf/base.html", {}, title="Referat styringsgruppe Åsnes", lang="nb")

    reader = read_pdf(data)
    root = reader.trailer["/Root"]
    assert reader.metadata.title == "Referat styringsgruppe Åsnes"
    assert root["/Lang"] == "nb"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_page_footer_reads_side_x_av_y():
    body = '<div class="pdf-strings" data-page="Side" data-of="av"></div>' + "<p>Tekst.</p>" * 200
    data = html_to_pdf(_page(body), title="Sider")

    pages = read_pdf(data).pages
    assert len(pages) > 1
    assert f"Side 1 av {len(pages)}" in pages[0].extract_text()
    assert f"Side {len(pages)} av {len(pages)}" in pages[-1].extract_text()


def test_pdf_a_variant_is_identified_in_the_metadata():
    data = html_to_pdf(_page("<p>Arkiv</p>"), title="Arkivkopi", variant="pdf/a-2u")

    xmp = xmp_text(data)
    assert 'pdfaid:part="2"' in xmp
    assert 'pdfaid:conformance="U"' in xmp
    assert "/OutputIntents" in read_pdf(data).trailer["/Root"]
    # As far as pypdf reads it, the file is what it claims (veraPDF: see agreements/README.md).
    assert pdfa_2u_problems(data) == []


def test_a_plain_pdf_claims_no_pdf_a():
    data = html_to_pdf(_page("<p>Utkast</p>"), title="Utkast")
    assert "/Metadata" not in read_pdf(data).trailer["/Root"]


def test_unknown_variant_is_refused():
    with pytest.raises(ValueError, match="pdf/x-99"):
        html_to_pdf(_page("<p>x</p>"), title="x", variant="pdf/x-99")


def test_hostile_html_fetches_nothing(caplog):
    with counting_http_server() as (origin, requests):
        hostile = _page(
            f'<img src="{origin}/pixel.png">'
            f'<img src="file:///etc/passwd">'
            f'<a rel="attachment" href="file:///etc/passwd">passord</a>'
            f'<a rel="attachment" href="{origin}/vedlegg.pdf">vedlegg</a>'
            f'<div style="background: url({origin}/bg.png)">bakgrunn</div>'
            f"<svg><image href='{origin}/svg.png'/></svg>"
            f'<iframe src="{origin}/frame"></iframe><object data="{origin}/obj"></object>'
            "<p>Synlig tekst</p>",
            head=(
                f'<link rel="stylesheet" href="{origin}/evil.css">'
                f'<link rel="stylesheet" href="file:///etc/passwd">'
                f"<style>@import url('{origin}/import.css');"
                f"@font-face {{ font-family: X; src: url({origin}/font.ttf); }}"
                "p { font-family: X, 'Samarbeid Sans'; }</style>"
            ),
        )
        with caplog.at_level(logging.WARNING, logger="samarbeid.pdf.render"):
            data = html_to_pdf(hostile, title="Fiendtlig")

    assert requests == []
    text = pdf_text(data)
    assert "Synlig tekst" in text
    assert "root:" not in text
    root = read_pdf(data).trailer["/Root"]
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    refused = [r.getMessage() for r in caplog.records if "refused to fetch" in r.getMessage()]
    assert any("file:///etc/passwd" in message for message in refused)
    assert any(f"{origin}/evil.css" in message for message in refused)
    assert any(f"{origin}/import.css" in message for message in refused)


def test_a_rendering_over_the_time_limit_is_stopped(caplog):
    long_document = _page("<p>Lang tekst som tar tid å sette.</p>" * 5000)

    with (
        caplog.at_level(logging.ERROR, logger="samarbeid.pdf.render"),
        pytest.raises(PdfRenderError) as error,
    ):
        html_to_pdf(long_document, title="For lang", time_limit=0.05)

    assert error.value.timed_out is True
    assert "stopped after the time limit" in caplog.text


def test_the_time_limit_comes_from_settings(settings):
    settings.PDF_RENDER_TIME_LIMIT = 0.05
    with pytest.raises(PdfRenderError):
        html_to_pdf(_page("<p>Lang tekst.</p>" * 5000), title="For lang")


def test_a_failing_rendering_raises_and_is_logged(monkeypatch, caplog):
    def broken(job):
        raise RuntimeError("ødelagt skrift")

    # The child is forked after this, so it runs the broken function.
    monkeypatch.setattr(render_module, "_write_pdf", broken)
    with (
        caplog.at_level(logging.ERROR, logger="samarbeid.pdf.render"),
        pytest.raises(PdfRenderError, match="ødelagt skrift") as error,
    ):
        html_to_pdf(_page("<p>x</p>"), title="Feil")

    assert error.value.timed_out is False
    assert "RuntimeError: ødelagt skrift" in caplog.text


def test_the_portal_keeps_working_after_a_stopped_rendering():
    with pytest.raises(PdfRenderError):
        html_to_pdf(_page("<p>Tekst.</p>" * 5000), title="For lang", time_limit=0.05)
    assert "Etterpå" in pdf_text(html_to_pdf(_page("<p>Etterpå</p>"), title="Etterpå"))


def test_error_page_is_norwegian_and_says_what_happened(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    response = pdf_error_page(request, PdfRenderError("x", timed_out=True))

    assert response.status_code == 503
    content = response.content.decode()
    assert "PDF-en kunne ikke lages" in content
    assert "tok for lang tid" in content


def test_pdf_response_keeps_norwegian_letters_in_the_file_name():
    response = pdf_response(b"%PDF-1.7", filename="Referat Åsnes 3.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "filename*=utf-8''Referat%20%C3%85snes%203.pdf" in response["Content-Disposition"]


def _heading_alone_at_a_page_bottom(spacer_mm: int, extra_css: str) -> bool:
    html = _page(
        '<div class="spacer"></div><h3>Sak 4/18 Overskrift</h3><p>Første avsnitt.</p><p>Mer.</p>',
        head=f"<style>.spacer {{ height: {spacer_mm}mm; }} {extra_css}</style>",
    )
    first_page = read_pdf(html_to_pdf(html, title="Overskrift")).pages[0]
    return "Overskrift" in first_page.extract_text() and "Første" not in first_page.extract_text()


def test_a_heading_is_never_stranded_at_the_bottom_of_a_page():
    # Push the heading down 2 mm at a time, past the point where it only just fits on page 1.
    spacers = range(236, 250, 2)
    without_the_rule = [
        _heading_alone_at_a_page_bottom(mm, "h3 { break-after: auto; }") for mm in spacers
    ]
    assert any(without_the_rule), "the document must be able to strand a heading"
    assert not any(_heading_alone_at_a_page_bottom(mm, "") for mm in spacers)
