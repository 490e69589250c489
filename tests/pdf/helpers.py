"""Reading PDFs back, and a local web server that counts what reaches it."""

import io
import re
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


def _fonts_in(resources, seen: set) -> list:
    """Every font of a resource dictionary, and of the form XObjects it uses, once each."""
    resources = resources.get_object() if resources is not None else {}
    fonts = [font.get_object() for font in resources.get("/Font", {}).get_object().values()]
    for xobject in resources.get("/XObject", {}).get_object().values():
        key = (xobject.idnum, xobject.generation) if hasattr(xobject, "idnum") else id(xobject)
        xobject = xobject.get_object()
        if key in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(key)
        fonts += _fonts_in(xobject.get("/Resources"), seen)
    return fonts


def _all_fonts(reader: pypdf.PdfReader) -> list:
    fonts, seen = [], set()
    for page in reader.pages:
        fonts += _fonts_in(page.get("/Resources"), seen)
        for annotation in page.get("/Annots", []) or []:
            appearance = annotation.get_object().get("/AP", {}).get("/N")
            if appearance is not None and hasattr(appearance.get_object(), "get_data"):
                fonts += _fonts_in(appearance.get_object().get("/Resources"), seen)
    return fonts


def _embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # its glyphs are drawn in the file itself
    if font.get("/Subtype") == "/Type0":
        return all(_embedded(d.get_object()) for d in font["/DescendantFonts"])
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def pdfa_2u_problems(data: bytes) -> list[str]:
    """What keeps ``data`` from being the PDF/A-2u file it claims, as far as pypdf reads it:
    the version (header and catalog), the XMP's identification, the output intent, embedded
    fonts, and the document information saying what the XMP says. Empty when all hold."""
    reader = read_pdf(data)
    root = reader.trailer["/Root"]
    problems = []
    header = data[:8].decode("latin-1")
    if not re.fullmatch(r"%PDF-1\.[0-7]", header):
        problems.append(f"header {header!r} is not PDF 1.0–1.7")
    if root.get("/Version") not in (None, *(f"/1.{minor}" for minor in range(8))):
        problems.append(f"catalog /Version {root.get('/Version')} is past 1.7")
    xmp = xmp_text(data)
    for name, value in (("part", "2"), ("conformance", "U")):
        if not re.search(rf"pdfaid:{name}(=\"|>){value}(\"|<)", xmp):
            problems.append(f"XMP has no pdfaid:{name} {value}")
    intents = [intent.get_object() for intent in root.get("/OutputIntents", [])]
    if not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intents):
        problems.append("no PDF/A output intent with an ICC profile")
    for font in _all_fonts(reader):
        if not _embedded(font):
            problems.append(f"font {font.get('/BaseFont')} is not embedded")
    if "/Encrypt" in reader.trailer:
        problems.append("the file is encrypted")
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else {}
    metadata = reader.xmp_metadata
    said = {
        "/Producer": metadata.pdf_producer,
        "/Creator": metadata.xmp_creator_tool,
        "/Title": (metadata.dc_title or {}).get("x-default"),
    }
    for key, in_xmp in said.items():
        if key in info and str(info[key]) != (in_xmp or ""):
            problems.append(f"Info {key} {info[key]!r} differs from the XMP's {in_xmp!r}")
    return problems


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
