"""SafeURLFetcher on its own: the project's static files and listed stored files, nothing else."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from samarbeid.pdf import BASE_URL, SafeURLFetcher
from samarbeid.pdf.fetcher import FetchRefused


def test_serves_the_print_stylesheet_as_css():
    response = SafeURLFetcher().fetch(f"{BASE_URL}static/css/print-base.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_serves_the_font_faces_as_css():
    response = SafeURLFetcher().fetch(f"{BASE_URL}static/css/print-fonts.css")
    assert b"@font-face" in response.read()


def test_serves_the_bundled_fonts():
    response = SafeURLFetcher().fetch(f"{BASE_URL}static/fonts/DejaVuSans.ttf")
    assert response.content_type == "font/ttf"
    assert len(response.read()) > 100_000


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.no/static/css/print-base.css",
        "ftp://samarbeid.invalid/static/css/print-base.css",
        "data:text/css,body{color:red}",
        "https://samarbeid.invalid@evil.example/static/css/print-base.css",
        "https://user@samarbeid.invalid/static/css/print-base.css",
        "https://samarbeid.invalid:8443/static/css/print-base.css",
        "https://samarbeid.invalid/static/css/print-base.css?x=1",
        "https://samarbeid.invalid/static/../samarbeid/settings.py",
        "https://samarbeid.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://samarbeid.invalid/static//etc/passwd",
        "https://samarbeid.invalid/static/css\\..\\..\\x.css",
        "https://samarbeid.invalid/static/css/missing.css",
        "https://samarbeid.invalid/static/js/editor.js",
        "https://samarbeid.invalid/etc/passwd",
        "https://samarbeid.invalid/media/vedlegg/unlisted.png",
    ],
)
def test_refuses_everything_else(url):
    fetcher = SafeURLFetcher()
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_serves_a_stored_file_only_when_the_caller_listed_it(media):
    name = default_storage.save("vedlegg/logo.png", ContentFile(b"\x89PNG\r\n\x1a\nfake"))
    other = default_storage.save("vedlegg/hemmelig.png", ContentFile(b"\x89PNG\r\n\x1a\nsecret"))

    fetcher = SafeURLFetcher(media_names=[name])

    assert fetcher.fetch(f"{BASE_URL}media/{name}").read().endswith(b"fake")
    with pytest.raises(FetchRefused):
        fetcher.fetch(f"{BASE_URL}media/{other}")


def test_a_listed_stored_file_of_another_type_is_refused(media):
    name = default_storage.save("vedlegg/notat.txt", ContentFile(b"hemmelig"))
    with pytest.raises(FetchRefused):
        SafeURLFetcher(media_names=[name]).fetch(f"{BASE_URL}media/{name}")
