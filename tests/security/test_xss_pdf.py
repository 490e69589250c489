"""The XSS vectors in the minutes PDF: no markup from them reaches WeasyPrint, nothing is fetched.

Every vector goes into a case's title (plain text, escaped by the template), its notes and
decision (rich text, cleaned by the service) and an action item (plain text). WeasyPrint runs
no script, so what matters in a PDF is what HTML the layout saw: markup that got through would
vanish from the text (a tag is laid out, not printed), load a resource, or become a link.

The honest assertion on the text is therefore an equality, not an absence: each dangerous marker
("<script", "onerror=", "javascript:") occurs in the PDF's text exactly as often as in what a
reader is meant to see: the escaped titles and action items, and the text the sanitiser kept of
the notes and decisions. Escaping that failed would lower the count; the sanitiser leaving a
tag as markup would not raise the visible text's count, and the link check below catches it.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.utils import timezone

from meetings import minutes_pdf, services
from samarbeid.pdf import BASE_URL
from samarbeid.pdf.fetcher import SafeURLFetcher
from tests.pdf.helpers import pdf_text, read_pdf
from tests.security.xss import vectors

MARKERS = ("<script", "onerror=", "javascript:")
WHITESPACE = re.compile(r"\s+")


class _Text(HTMLParser):
    """The text a browser shows of cleaned HTML: text nodes, character references resolved."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


def squeezed(text: str) -> str:
    """Lower case, no whitespace: line breaks in the PDF fall anywhere in a long title."""
    return WHITESPACE.sub("", text).lower()


@pytest.fixture
def fetched(monkeypatch, tmp_path):
    """Every URL the safe fetcher was asked for, and whether it served it.

    The rendering runs in a forked child (samarbeid.pdf.render): the record goes through a
    file, which the child's copy of this wrapper appends to.
    """
    record = tmp_path / "fetched.txt"
    record.touch()
    original = SafeURLFetcher.fetch

    def fetch(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except Exception:
            outcome = "refused"
            raise
        else:
            outcome = "served"
            return response
        finally:
            with record.open("a", encoding="utf-8") as file:
                file.write(f"{outcome} {url}\n")

    monkeypatch.setattr(SafeURLFetcher, "fetch", fetch)

    def read() -> list[tuple[str, str]]:
        lines = record.read_text(encoding="utf-8").splitlines()
        return [tuple(line.split(" ", 1)) for line in lines]

    return read


@pytest.fixture
def hostile_meeting(world):
    cache.clear()  # the draft cache is Redis when REDIS_URL is set and outlives the database
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Møte med fiendtlig innhold",
        starts_at=timezone.make_aware(datetime.datetime(2026, 11, 20, 10)),
    )
    for vector in vectors():
        case = services.case_add(
            meeting=meeting, title=vector[:200], notes=vector, decision=vector, kind="decision"
        )
        services.action_item_add(case=case, description=vector, responsible_note="Alle")
    return meeting


def _link_targets(data: bytes) -> list[str]:
    targets = []
    for page in read_pdf(data).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                action = action.get_object()
                targets.append(f"{action.get('/S')} {action.get('/URI', '')}")
    return targets


def test_no_vector_survives_as_markup_in_the_minutes_pdf(hostile_meeting, fetched, settings):
    # 117 cases, each three times over: far longer than a real meeting.
    settings.PDF_RENDER_TIME_LIMIT = 300
    # The agenda's standing cases (approval of the notice, ...) and one case per vector.
    cases = list(hostile_meeting.cases.prefetch_related("action_items"))
    assert sum(1 for case in cases if case.action_items.all()) == len(vectors()) >= 100

    data = minutes_pdf.minutes_pdf(hostile_meeting, version="internal")

    text = squeezed(pdf_text(data))
    meant_to_be_seen = squeezed(
        " ".join(
            " ".join(
                [
                    case.title,
                    visible_text(case.notes),
                    visible_text(case.decision),
                    *(item.description for item in case.action_items.all()),
                ]
            )
            for case in cases
        )
    )
    for marker in MARKERS:
        assert text.count(marker) == meant_to_be_seen.count(marker), marker
    # The escaped titles really are in the text, markup characters and all.
    assert text.count("<script") > 0

    # No link, JavaScript action or launch from a vector; WeasyPrint makes only URI links.
    targets = _link_targets(data)
    assert all(target.startswith("/URI ") for target in targets), targets
    assert not any("javascript" in squeezed(target) for target in targets), targets
    catalog = read_pdf(data).trailer["/Root"]
    assert "/OpenAction" not in catalog
    assert "/JavaScript" not in catalog.get("/Names", {})

    # The fetcher was asked for the vectors' images and stylesheets and served none of them:
    # only the project's own print stylesheets and fonts.
    requests = fetched()
    served = [url for outcome, url in requests if outcome == "served"]
    refused = [url for outcome, url in requests if outcome == "refused"]
    assert all(url.startswith(f"{BASE_URL}static/") for url in served), served
    assert served, "the print stylesheet and fonts come through the fetcher"
    assert refused == [], refused
