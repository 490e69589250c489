"""Reading PDFs back, and a local web server that counts what reaches it."""

import io
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypdf


def read_pdf(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in read_pdf(data).pages)


def font_names(data: bytes) -> set[str]:
    names = set()
    for page in read_pdf(data).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            # "ABCDEF+DejaVuSans": the subset prefix is random.
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def xmp_text(data: bytes) -> str:
    metadata = read_pdf(data).trailer["/Root"]["/Metadata"].get_object()
    return metadata.get_data().decode("utf-8")


@contextmanager
def counting_http_server():
    """A web server on 127.0.0.1 that records every request; proves nothing was fetched."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
